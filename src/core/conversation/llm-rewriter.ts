import { ChatModelError, type ChatModel } from '../llm/chat-model.js';
import { rewritePrompt } from '../llm/prompt.js';
import type { Turn } from '../types.js';
import { isFollowUp } from './follow-up.js';
import type { QuestionRewriter, Rewrite } from './question-rewriter.js';

export interface LlmRewriterOptions {
  /** A rewrite slower than this gives way to the heuristic (the answer still needs its own time). */
  timeoutMs: number;
  fallback: QuestionRewriter;
  /** Longest rewrite accepted; a longer reply is the model answering instead of rewriting. */
  maxChars?: number;
}

/**
 * Asks the chat model to rewrite a follow-up into a standalone question,
 * with the heuristic standing in when the model fails or replies with
 * something that is not a one-line question.
 */
export class LlmRewriter implements QuestionRewriter {
  constructor(
    private readonly model: ChatModel,
    private readonly options: LlmRewriterOptions,
  ) {}

  async rewrite(question: string, history: readonly Turn[]): Promise<Rewrite> {
    if (!history.length || !isFollowUp(question)) return { question, by: 'none' };
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new ChatModelError('timeout', `the chat model did not rewrite the follow-up within ${this.options.timeoutMs} ms`)),
      this.options.timeoutMs,
    );
    let reason: string;
    try {
      const reply = (await this.model.complete(rewritePrompt(question, history), controller.signal)).trim().replace(/^["“']|["”']$/g, '');
      const max = this.options.maxChars ?? Math.max(300, question.length * 4);
      if (reply && !reply.includes('\n') && reply.length <= max) return { question: reply, by: 'llm' };
      reason = reply ? 'the chat model replied with something other than one question' : 'the chat model sent an empty rewrite';
    } catch (err) {
      if (!(err instanceof ChatModelError)) throw err;
      reason = err.message;
    } finally {
      clearTimeout(timer);
    }
    const heuristic = await this.options.fallback.rewrite(question, history);
    return { ...heuristic, fallback: reason };
  }
}
