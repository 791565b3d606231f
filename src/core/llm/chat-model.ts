export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** A chat model behind one small seam: the answerer streams, the rewriter completes. */
export interface ChatModel {
  readonly id: string;
  /** Yields the reply's text as it arrives. Throws ChatModelError; stops when `signal` aborts. */
  stream(messages: ChatMessage[], signal: AbortSignal): AsyncIterable<string>;
  complete(messages: ChatMessage[], signal: AbortSignal): Promise<string>;
}

/** Why a chat model gave no usable reply, in one line an operator can act on. */
export class ChatModelError extends Error {
  override readonly name = 'ChatModelError';
  constructor(
    readonly reason: 'unreachable' | 'timeout' | 'rate-limited' | 'server-error' | 'model-not-found' | 'unauthorized' | 'empty' | 'malformed' | 'stopped',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Maps what the OpenAI client (through LangChain) throws onto a reason and a
 * line for the operator. Keys never appear: only status, host and model.
 */
export function describeChatFailure(err: unknown, where: { baseUrl: string; model: string; timeoutMs: number }): ChatModelError {
  if (err instanceof ChatModelError) return err;
  const e = (err ?? {}) as { name?: string; status?: number; message?: string; headers?: unknown; code?: string; cause?: unknown };
  const status = typeof e.status === 'number' ? e.status : undefined;
  const text = String(e.message ?? err);
  if (e.name === 'TimeoutError' || /timed? ?out/i.test(text)) return new ChatModelError('timeout', `the chat model at ${where.baseUrl} did not answer within LLM_TIMEOUT_MS=${where.timeoutMs}`);
  if (status === 429) {
    const after = retryAfter(e.headers);
    return new ChatModelError('rate-limited', `the chat model at ${where.baseUrl} is rate-limiting (429${after ? `, retry after ${after} s` : ''})`);
  }
  if (status === 404) return new ChatModelError('model-not-found', `model "${where.model}" not found at ${where.baseUrl} (check LLM_MODEL; for Ollama, \`ollama pull ${where.model}\`)`);
  if (status === 401 || status === 403) return new ChatModelError('unauthorized', `the chat model at ${where.baseUrl} refused the key (${status}); check LLM_API_KEY`);
  if (status !== undefined && status >= 500) return new ChatModelError('server-error', `the chat model at ${where.baseUrl} failed (${status})`);
  if (status !== undefined) return new ChatModelError('malformed', `the chat model at ${where.baseUrl} rejected the request (${status})`);
  if (e.name === 'AbortError') return new ChatModelError('stopped', 'the answer was stopped');
  if (/connect|ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|fetch failed|socket|terminated|network/i.test(`${text} ${String(e.code ?? '')} ${String((e.cause as Error | undefined)?.message ?? '')}`))
    return new ChatModelError('unreachable', `could not reach the chat model at ${where.baseUrl} (is it running? check LLM_BASE_URL)`);
  return new ChatModelError('malformed', `the chat model at ${where.baseUrl} sent a reply that could not be read (${text.slice(0, 120)})`);
}

function retryAfter(headers: unknown): string | null {
  if (!headers) return null;
  const get = (headers as { get?: (k: string) => string | null }).get;
  const value = typeof get === 'function' ? get.call(headers, 'retry-after') : (headers as Record<string, string>)['retry-after'];
  return value ? String(value).slice(0, 20) : null;
}
