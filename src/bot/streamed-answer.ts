import type { Answer, Turn } from '../core/types.js';
import type { Asked } from './bot-state.js';
import type { BotContext } from './context.js';
import { renderStreaming } from './render/answer.js';
import type { MessageParts } from './render/message.js';
import { StreamingReply } from './stream-reply.js';

/** Where an answer is shown: the first call sends (or fills the deferred reply), later calls edit it. */
export type Show = (parts: MessageParts) => Promise<unknown>;

/**
 * Answers a question into one message: a chat model's text streams into it
 * (at most an edit a second, with a Stop button for `userId` only), then the
 * final edit shows the verified answer, its sources and the usual buttons.
 * The extractive answer arrives whole, in one send.
 */
export async function streamedAnswer(
  ctx: BotContext,
  ask: {
    question: string;
    history?: Turn[];
    userId: string;
    streamId: string;
    collections?: readonly string[];
    /** Where it was asked, for the question log. */
    asked?: Asked;
    /** false: show only the final answer (a `confident` channel must know it will answer before showing anything). */
    live?: boolean;
  },
  show: Show,
): Promise<{ answer: Answer; parts: MessageParts }> {
  const controller = new AbortController();
  ctx.streams.set(ask.streamId, { userId: ask.userId, controller });
  const live = new StreamingReply(
    (text) => show(renderStreaming(text, ask.streamId)),
    (err) => ctx.logger.warn({ err, streamId: ask.streamId }, 'could not show the streaming answer'),
  );
  try {
    const result = await ctx.answer(ask.question, {
      history: ask.history ?? [],
      collections: ask.collections,
      asked: ask.asked,
      stream: { onText: (text) => (ask.live === false ? undefined : live.update(text)), signal: controller.signal },
    });
    await live.close();
    await show(result.parts);
    return result;
  } finally {
    await live.close();
    ctx.streams.delete(ask.streamId);
  }
}
