/**
 * A small OpenAI-compatible chat server for tests (like the Discord
 * emulator): `POST /v1/chat/completions` with and without `stream: true`
 * (server-sent events ending in `data: [DONE]`), `GET /v1/models`, and a
 * scripted behaviour per request. It records every request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  model: string;
  stream: boolean;
  messages: { role: string; content: string }[];
  max_tokens?: number;
  temperature?: number;
  [key: string]: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: ChatRequest | null;
  at: number;
}

export type Script =
  /** A reply, streamed in pieces of `chunkChars` every `chunkDelayMs` when asked to stream. */
  | { kind: 'reply'; text: string; chunkChars?: number; chunkDelayMs?: number; firstTokenDelayMs?: number }
  /** Streams `afterChars` of the text, then drops the connection. */
  | { kind: 'cut'; text: string; afterChars: number }
  | { kind: 'status'; status: number; message?: string; retryAfterSeconds?: number };

export class LlmTestServer {
  readonly requests: RecordedRequest[] = [];
  /** Models `GET /v1/models` lists; any other model name gets a 404 like a real server. */
  models = ['test-model'];
  /** Chooses the behaviour for each chat request. */
  respond: (request: ChatRequest) => Script = () => ({ kind: 'reply', text: 'No script set.' });
  private server: Server | null = null;
  private readonly open = new Set<ServerResponse>();

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  /** Chat requests so far, oldest first. */
  chats(): ChatRequest[] {
    return this.requests.flatMap((r) => (r.body ? [r.body] : []));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.open.add(res);
    res.on('close', () => this.open.delete(res));
    const path = (req.url ?? '/').split('?')[0]!;
    const raw = await readBody(req);
    const record: RecordedRequest = { method: req.method ?? 'GET', path, authorization: req.headers.authorization ?? null, body: null, at: performance.now() };
    this.requests.push(record);
    if (req.method === 'GET' && path === '/v1/models') {
      return json(res, 200, { object: 'list', data: this.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'test' })) });
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') return json(res, 404, error(`no route ${req.method} ${path}`, 'not_found'));
    let body: ChatRequest;
    try {
      body = JSON.parse(raw) as ChatRequest;
    } catch {
      return json(res, 400, error('body is not JSON', 'invalid_request_error'));
    }
    record.body = body;
    if (!this.models.includes(body.model)) return json(res, 404, error(`model '${body.model}' not found`, 'model_not_found'));
    const script = this.respond(body);
    if (script.kind === 'status') {
      const headers: Record<string, string> = script.retryAfterSeconds !== undefined ? { 'retry-after': String(script.retryAfterSeconds) } : {};
      return json(res, script.status, error(script.message ?? `scripted ${script.status}`, 'scripted'), headers);
    }
    if (!body.stream) {
      if (script.kind === 'cut') return void res.destroy();
      await sleep(script.firstTokenDelayMs ?? 0);
      return json(res, 200, {
        id: 'chatcmpl-test',
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: script.text }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (delta: Record<string, string>, finish: string | null = null) =>
      res.write(`data: ${JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
    if (script.kind === 'cut') {
      send({ role: 'assistant', content: script.text.slice(0, script.afterChars) });
      await sleep(20);
      return void res.destroy();
    }
    await sleep(script.firstTokenDelayMs ?? 0);
    if (res.destroyed) return;
    const size = script.chunkChars ?? 12;
    send({ role: 'assistant', content: '' });
    for (let i = 0; i < script.text.length; i += size) {
      if (res.destroyed) return; // the client gave up (timeout or stop)
      send({ content: script.text.slice(i, i + size) });
      if (script.chunkDelayMs) await sleep(script.chunkDelayMs);
    }
    send({}, 'stop');
    res.end('data: [DONE]\n\n');
  }
}

function error(message: string, type: string) {
  return { error: { message, type, code: type } };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
