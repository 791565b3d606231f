import type { AnswerDraft, AnswerRequest, Answerer } from '../answerer.js';
import { Verifier } from '../verify/verifier.js';
import { ChatModelError, type ChatModel } from './chat-model.js';
import { answerPrompt, NOT_IN_PASSAGES } from './prompt.js';

export interface LlmAnswererOptions {
  /** Bounds the whole answer, first token included. */
  timeoutMs: number;
  /** Stands in when the model fails or nothing it wrote is verified. */
  fallback: Answerer;
  verifier?: Verifier;
}

/**
 * Streams an answer from a chat model, then keeps only the sentences the
 * verifier finds supported by the passage they cite. The extractive answer
 * stands in when the model fails, times out, is stopped before writing a
 * supported sentence, or writes nothing that verifies; `fallback` says why.
 */
export class LlmAnswerer implements Answerer {
  readonly id = 'llm';
  private readonly verifier: Verifier;

  constructor(
    private readonly model: ChatModel,
    private readonly options: LlmAnswererOptions,
  ) {
    this.verifier = options.verifier ?? new Verifier();
  }

  async answer(request: AnswerRequest): Promise<AnswerDraft> {
    if (!request.passages.length) return this.fallback(request, 'no passages were retrieved');
    const { text, stopped, error } = await this.generate(request);
    if (error) return this.fallback(request, error.message);
    if (!text.trim()) return this.fallback(request, stopped ? 'the answer was stopped before any text arrived' : 'the chat model sent an empty reply');
    if (NOT_IN_PASSAGES.test(text)) return this.fallback(request, 'the chat model found no answer in the passages');
    const verified = this.verifier.verify({
      text,
      passages: request.passages,
      question: request.question,
      idf: request.idf,
      embed: request.embed,
      analyze: request.analyze,
    });
    const unsupported = verified.unsupported;
    if (!verified.citations.length) {
      const draft = await this.fallback(request, `none of the ${verified.generated} generated sentences is supported by the passage it cites`);
      return { ...draft, unsupported, generated: verified.generated };
    }
    return { text: verified.text, abstained: false, citations: verified.citations, answerer: this.id, unsupported, generated: verified.generated };
  }

  /** The streamed text; a time limit or a failure ends it, a stop keeps what arrived. */
  private async generate(request: AnswerRequest): Promise<{ text: string; stopped: boolean; error?: ChatModelError }> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new ChatModelError('timeout', `the chat model did not finish within LLM_TIMEOUT_MS=${this.options.timeoutMs}`)),
      this.options.timeoutMs,
    );
    const stop = () => controller.abort(new ChatModelError('stopped', 'the answer was stopped'));
    request.signal?.addEventListener('abort', stop, { once: true });
    let text = '';
    try {
      for await (const piece of this.model.stream(answerPrompt(request.question, request.passages), controller.signal)) {
        text += piece;
        request.onText?.(text);
      }
      return { text, stopped: false };
    } catch (err) {
      const error = err instanceof ChatModelError ? err : controller.signal.reason instanceof ChatModelError ? controller.signal.reason : null;
      if (!error) throw err; // a bug, not the model's failure
      if (error.reason === 'stopped') return { text, stopped: true };
      // A connection lost after text arrived is a cut reply, not an unreachable server.
      if (error.reason === 'unreachable' && text) return { text, stopped: false, error: new ChatModelError('malformed', `the chat model's reply was cut off after ${text.length} characters`) };
      return { text, stopped: false, error };
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', stop);
      request.onText?.(text, true);
    }
  }

  private async fallback(request: AnswerRequest, reason: string): Promise<AnswerDraft> {
    const draft = await this.options.fallback.answer(request);
    return { ...draft, answerer: this.options.fallback.id, fallback: reason };
  }
}
