import type { LlmConfig } from '../config.js';
import { ChatModelError, describeChatFailure, type ChatMessage, type ChatModel } from './chat-model.js';

type Completions = import('@langchain/openai').ChatOpenAICompletions;
type Messages = typeof import('@langchain/core/messages');

/**
 * Any OpenAI-compatible chat endpoint through LangChain's chat-completions
 * model. `@langchain/openai` is imported on the first question, so the
 * extractive path never loads it. No retries: a failure falls back to the
 * extractive answer at once rather than stretching LLM_TIMEOUT_MS.
 */
export class LangChainChatModel implements ChatModel {
  readonly id: string;
  private loaded: Promise<{ model: Completions; messages: Messages }> | null = null;

  constructor(private readonly config: LlmConfig) {
    this.id = `llm:${config.model}`;
  }

  async *stream(messages: ChatMessage[], signal: AbortSignal): AsyncIterable<string> {
    const { model, messages: m } = await this.load();
    let stream: AsyncIterable<{ content: unknown }>;
    try {
      stream = await model.stream(toLangChain(m, messages), { signal });
    } catch (err) {
      throw this.failure(err, signal);
    }
    const iterator = stream[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<{ content: unknown }>;
      try {
        next = await iterator.next();
      } catch (err) {
        throw this.failure(err, signal);
      }
      if (next.done) return;
      const text = typeof next.value.content === 'string' ? next.value.content : '';
      if (text) yield text;
    }
  }

  async complete(messages: ChatMessage[], signal: AbortSignal): Promise<string> {
    const { model, messages: m } = await this.load();
    try {
      const reply = await model.invoke(toLangChain(m, messages), { signal });
      if (typeof reply.content !== 'string') throw new ChatModelError('malformed', `the chat model at ${this.config.baseUrl} sent a reply that is not text`);
      return reply.content;
    } catch (err) {
      throw this.failure(err, signal);
    }
  }

  private failure(err: unknown, signal: AbortSignal): ChatModelError {
    // The signal's reason says whether the time limit or the user stopped it.
    if (signal.aborted && signal.reason instanceof ChatModelError) return signal.reason;
    return describeChatFailure(err, this.config);
  }

  private load(): Promise<{ model: Completions; messages: Messages }> {
    this.loaded ??= Promise.all([import('@langchain/openai'), import('@langchain/core/messages')]).then(([openai, messages]) => ({
      model: new openai.ChatOpenAICompletions({
        model: this.config.model,
        // The OpenAI client insists on a key; local servers ignore it.
        apiKey: this.config.apiKey ?? 'not-needed',
        configuration: { baseURL: this.config.baseUrl },
        temperature: this.config.temperature,
        maxTokens: this.config.maxTokens,
        maxRetries: 0,
        timeout: this.config.timeoutMs,
        streamUsage: false,
      }),
      messages,
    }));
    return this.loaded;
  }
}

function toLangChain(m: Messages, messages: ChatMessage[]) {
  return messages.map((x) => (x.role === 'system' ? new m.SystemMessage(x.content) : new m.HumanMessage(x.content)));
}
