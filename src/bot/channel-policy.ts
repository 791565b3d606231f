/** When a plain message (no slash command) is a question for the bot, by the channel's mode. */
import type { ChannelMode } from '../core/state/state-store.js';

export type MessageRoute =
  /** The first message of a forum post: title and message are the question, answered inside the post. */
  | { kind: 'forum-post'; confident: boolean }
  /** A message in a thread or post the bot answers in: answered without a mention. */
  | { kind: 'follow-up'; confident: boolean }
  | { kind: 'mention'; confident: false }
  /** A question-looking message in an `auto`/`confident` channel. */
  | { kind: 'auto'; confident: boolean };

export interface RouteFacts {
  mode: ChannelMode;
  mentioned: boolean;
  forumStarter: boolean;
  /** A thread the bot opened or answered in before (survives restarts). */
  knownThread: boolean;
  inThread: boolean;
  text: string;
}

const QUESTION_START =
  /^(who|whom|whose|what|when|where|which|why|how|is|are|was|were|do|does|did|can|could|should|would|will|may|has|have|had)\b/i;

/** A message that reads as a question: ends with "?" or opens like one. Linear in the text. */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim();
  return t.length >= 8 && (t.endsWith('?') || QUESTION_START.test(t));
}

export function routeMessage(f: RouteFacts): MessageRoute | null {
  if (f.mode === 'off') return null;
  const confident = f.mode === 'confident';
  const answers = f.mode === 'auto' || confident;
  if (f.forumStarter) return answers ? { kind: 'forum-post', confident } : f.mentioned ? { kind: 'mention', confident: false } : null;
  if (f.mentioned) return { kind: 'mention', confident: false };
  if (f.knownThread) return { kind: 'follow-up', confident };
  if (!f.inThread && answers && looksLikeQuestion(f.text)) return { kind: 'auto', confident };
  return null;
}
