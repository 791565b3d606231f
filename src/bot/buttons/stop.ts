import type { Button } from '../context.js';
import { NOTICES } from '../render/notices.js';
import { replyPrivately } from '../respond.js';

/** `stop:<stream id>`: ends a streaming answer; only the member who asked may. */
async function execute(...[interaction, ctx]: Parameters<Button['execute']>): Promise<void> {
  const id = interaction.customId.slice('stop:'.length);
  const stream = ctx.streams.get(id);
  if (!stream) return replyPrivately(interaction, NOTICES.stopGone);
  if (stream.userId !== interaction.user.id) return replyPrivately(interaction, NOTICES.stopNotYours);
  stream.controller.abort();
  ctx.logger.info({ streamId: id }, 'answer stopped by the asker');
  // The streaming edits and the final answer replace the message; the click itself needs no reply.
  await interaction.deferUpdate();
}

export const stopButton = { prefix: 'stop', execute } satisfies Button;
