import { MessageFlags } from 'discord.js';
import type { Button, BotContext } from '../context.js';
import { chunkIdHash } from '../render/message.js';
import { NOTICES } from '../render/notices.js';
import { renderSource } from '../render/sources.js';
import { replyPrivately } from '../respond.js';

/** `src:<chunk id>` (or `srch:<hash>` for ids too long for a custom id) → the full passage, privately. */
function resolveChunkId(customId: string, ctx: BotContext): string | null {
  if (customId.startsWith('src:')) {
    const id = customId.slice('src:'.length);
    return ctx.hasChunk(id) ? id : null;
  }
  const hash = customId.slice('srch:'.length);
  for (const id of ctx.engine.chunkIds()) if (chunkIdHash(id) === hash) return id;
  return null;
}

async function execute(...[interaction, ctx]: Parameters<Button['execute']>): Promise<void> {
  // Only ids the index holds are looked up; anything else gets a notice and is never used further.
  const chunkId = resolveChunkId(interaction.customId, ctx);
  if (!chunkId) return replyPrivately(interaction, NOTICES.sourceGone);
  const source = await ctx.engine.source(chunkId);
  if (source.kind !== 'chunk') return replyPrivately(interaction, NOTICES.sourceGone);
  await interaction.reply({ ...renderSource(source), flags: MessageFlags.Ephemeral });
}

export const sourceButton = { prefix: 'src', execute } satisfies Button;
export const hashedSourceButton = { prefix: 'srch', execute } satisfies Button;
