import type { Message } from 'discord.js';
import type { Button } from '../context.js';
import type { Vote } from '../../core/state/state-store.js';
import type { RememberedAnswer } from '../memory.js';
import { NOTICES } from '../render/notices.js';
import { replyPrivately } from '../respond.js';

/**
 * After a restart the answer is no longer in memory; the message itself
 * still shows the answer text and carries the cited passages in its buttons.
 */
function fromMessage(message: Message): RememberedAnswer | null {
  if (!message.content) return null;
  const chunkIds: string[] = [];
  for (const row of message.components) {
    if (!('components' in row)) continue;
    for (const c of row.components) {
      const id = 'customId' in c ? c.customId : null;
      if (typeof id === 'string' && id.startsWith('src:')) chunkIds.push(id.slice(4));
    }
  }
  return { question: '', answer: message.content, abstained: message.content.startsWith('**Not in the corpus.**'), chunkIds };
}

/** `fb:up:<answer id>` / `fb:down:<answer id>` → a vote in the state store. */
async function execute(...[interaction, ctx]: Parameters<Button['execute']>): Promise<void> {
  const [, rawVote, answerId = ''] = interaction.customId.split(':');
  if (rawVote !== 'up' && rawVote !== 'down') return replyPrivately(interaction, NOTICES.feedbackUnknown);
  const vote: Vote = rawVote;
  const remembered = ctx.answers.get(answerId) ?? fromMessage(interaction.message);
  if (!remembered) return replyPrivately(interaction, NOTICES.feedbackUnknown);
  // One vote per member and answer (a second one replaces the first); the question log's counts follow.
  await ctx.state.vote(answerId.slice(0, 32), interaction.user.id, vote, remembered);
  ctx.logger.info({ answerId, vote }, 'feedback recorded');
  await replyPrivately(interaction, NOTICES.feedbackThanks(vote));
}

export const feedbackButton = { prefix: 'fb', execute } satisfies Button;
