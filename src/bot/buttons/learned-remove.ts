import { MessageFlags } from 'discord.js';
import { moderator } from '../command-guards.js';
import type { Button } from '../context.js';

/** `learned:rm:<id>` from /learned: forget a learned answer and drop it from the index. */
async function execute(...[interaction, ctx]: Parameters<Button['execute']>): Promise<void> {
  const id = interaction.customId.split(':')[2] ?? '';
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const removed = await ctx.learned.remove(id);
  ctx.logger.info({ learnedId: id.slice(0, 20), removed }, 'learned answer removal');
  await interaction.editReply({ content: removed ? 'Removed: it is no longer used to answer.' : 'That learned answer was already removed.' });
}

export const learnedRemoveButton = { prefix: 'learned', guard: moderator, execute } satisfies Button;
