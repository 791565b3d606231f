import type { Button } from '../context.js';
import { renderDocsPage } from '../render/sources.js';

/** `docs:<page>:<p|n>` → the same message, showing that page. */
async function execute(...[interaction, ctx]: Parameters<Button['execute']>): Promise<void> {
  const page = Number.parseInt(interaction.customId.split(':')[1] ?? '0', 10);
  await interaction.update(renderDocsPage(ctx.docs(), Number.isFinite(page) ? page : 0));
}

export const docsPageButton = { prefix: 'docs', execute } satisfies Button;
