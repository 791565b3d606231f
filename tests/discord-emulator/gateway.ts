// Discord gateway (v10, JSON encoding, no transport compression) for the emulator.
//
// @discordjs/ws connects to `${url}?v=10&encoding=json`; it only adds
// `&compress=zlib-stream` when the optional `zlib-sync` package is installed,
// and otherwise sends `compress: false` in IDENTIFY. We never compress and
// close with 4000 if a client insists on zlib-stream, so the mismatch is loud.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

export interface GatewayFrame {
  op: number;
  d: unknown;
  s?: number | null;
  t?: string | null;
}

export interface IdentifyData {
  token: string;
  intents: number;
  properties?: Record<string, unknown>;
  shard?: [number, number];
  compress?: boolean;
  large_threshold?: number;
  presence?: unknown;
}

export interface GatewayConnection {
  /** Request URL of the upgrade, e.g. `/?v=10&encoding=json`. */
  url: string;
  query: Record<string, string>;
}

/** Frames the client sent, in order, with the connection index they came on. */
export interface ReceivedFrame extends GatewayFrame {
  connection: number;
}

/** Returns the payload to send to a session with these intents, or undefined to skip it. */
export type DispatchShaper = (intents: number) => unknown;

export interface GatewayHooks {
  heartbeatIntervalMs: number;
  expectedToken: string | undefined;
  /** READY `d` for a new session (session_id and resume_gateway_url are filled in here). */
  ready(): Record<string, unknown>;
  /** GUILD_CREATE payloads sent right after READY (lazy guild loading). */
  guildCreates(): unknown[];
  /** GUILD_MEMBERS_CHUNK for an op 8 request. */
  membersChunk(request: Record<string, unknown>): unknown;
}

interface Session {
  id: string;
  intents: number;
  seq: number;
  socket: WebSocket | null;
  /** `[shard_id, num_shards]` from IDENTIFY; `[0, 1]` without sharding. */
  shard: [number, number];
}

/** Discord's rule: a guild's events go to shard `(guild_id >> 22) % num_shards`. */
export function shardOf(guildId: string, shards: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shards));
}

/** The guild an event is about, when it is about one. */
function guildOfEvent(event: string, d: unknown): string | undefined {
  const r = asRecord(d);
  const id = event === 'GUILD_CREATE' ? r['id'] : r['guild_id'];
  return typeof id === 'string' ? id : undefined;
}

const onShard = (session: Session, guildId: string | undefined) =>
  guildId === undefined || shardOf(guildId, session.shard[1]) === session.shard[0];

const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

export class Gateway {
  readonly connections: GatewayConnection[] = [];
  readonly received: ReceivedFrame[] = [];
  readonly identifies: IdentifyData[] = [];
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, Session>();
  private identifyWaiters: Array<{ resolve: (data: IdentifyData) => void; reject: (error: Error) => void }> = [];

  constructor(
    server: Server,
    private readonly resumeUrl: () => string,
    private readonly hooks: GatewayHooks,
  ) {
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (socket, req) => this.onConnection(socket, req.url ?? '/'));
  }

  /** Sessions that completed IDENTIFY/RESUME and still have an open socket. */
  get liveSessionCount(): number {
    return [...this.sessions.values()].filter((s) => s.socket !== null).length;
  }

  /** Resolves with the next IDENTIFY (or the first one, if it already happened). */
  waitForIdentify(timeoutMs = 10_000): Promise<IdentifyData> {
    const first = this.identifies[0];
    if (first) return Promise.resolve(first);
    return new Promise((resolve, reject) => {
      const settle = (error: Error | null, data?: IdentifyData): void => {
        clearTimeout(timer);
        this.identifyWaiters = this.identifyWaiters.filter((w) => w !== waiter);
        if (error) reject(error);
        else if (data) resolve(data);
      };
      const waiter = { resolve: (data: IdentifyData) => settle(null, data), reject: (error: Error) => settle(error) };
      const timer = setTimeout(() => settle(new Error(`No IDENTIFY within ${timeoutMs}ms`)), timeoutMs);
      this.identifyWaiters.push(waiter);
    });
  }

  /** Sends an op 0 dispatch to every live session of the event's guild's shard; returns how many received it. */
  dispatch(event: string, data: unknown | DispatchShaper): number {
    let sent = 0;
    for (const session of this.sessions.values()) {
      if (!session.socket) continue;
      const d = typeof data === 'function' ? (data as DispatchShaper)(session.intents) : data;
      if (d === undefined || !onShard(session, guildOfEvent(event, d))) continue;
      this.sendDispatch(session, event, d);
      sent += 1;
    }
    return sent;
  }

  /** Server-initiated close, e.g. to test reconnect/resume (4000 = unknown error, resumable). */
  disconnectAll(code = 4000): void {
    for (const socket of this.wss.clients) socket.close(code, 'emulator disconnect');
  }

  async close(): Promise<void> {
    for (const waiter of [...this.identifyWaiters]) waiter.reject(new Error('gateway closed'));
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(socket: WebSocket, url: string): void {
    const query = Object.fromEntries(new URL(url, 'ws://x').searchParams);
    const index = this.connections.push({ url, query }) - 1;
    if (query['compress'] !== undefined) {
      socket.close(4000, 'emulator does not implement transport compression');
      return;
    }
    if (query['encoding'] !== undefined && query['encoding'] !== 'json') {
      socket.close(4002, 'emulator only speaks encoding=json');
      return;
    }
    const state: { session: Session | null } = { session: null };
    socket.on('message', (raw: RawData) => this.onFrame(socket, index, state, raw));
    socket.on('close', () => {
      // Keep the session (for RESUME) but stop dispatching to it.
      if (state.session?.socket === socket) state.session.socket = null;
    });
    this.send(socket, { op: Op.Hello, d: { heartbeat_interval: this.hooks.heartbeatIntervalMs } });
  }

  private onFrame(socket: WebSocket, index: number, state: { session: Session | null }, raw: RawData): void {
    const frame = parseFrame(raw);
    if (!frame) {
      socket.close(4002, 'Error while decoding payload.');
      return;
    }
    this.received.push({ ...frame, connection: index });
    switch (frame.op) {
      case Op.Heartbeat:
        this.send(socket, { op: Op.HeartbeatAck });
        return;
      case Op.Identify:
        state.session = this.identify(socket, state.session, frame.d as IdentifyData);
        return;
      case Op.Resume:
        state.session = this.resume(socket, state.session, frame.d as Record<string, unknown>);
        return;
      case Op.RequestGuildMembers:
        if (state.session) this.sendDispatch(state.session, 'GUILD_MEMBERS_CHUNK', this.hooks.membersChunk(asRecord(frame.d)));
        return;
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
        return;
      default:
        socket.close(4001, 'Unknown opcode.');
    }
  }

  private identify(socket: WebSocket, current: Session | null, data: IdentifyData): Session | null {
    if (current) {
      socket.close(4005, 'Already authenticated.');
      return current;
    }
    if (this.hooks.expectedToken !== undefined && data.token !== this.hooks.expectedToken) {
      socket.close(4004, 'Authentication failed.');
      return null;
    }
    const [shardId, shards] = data.shard ?? [0, 1];
    if (!Number.isInteger(shardId) || !Number.isInteger(shards) || shards < 1 || shardId < 0 || shardId >= shards) {
      socket.close(4010, 'Invalid shard.');
      return null;
    }
    const session: Session = { id: randomBytes(16).toString('hex'), intents: data.intents, seq: 0, socket, shard: [shardId, shards] };
    this.sessions.set(session.id, session);
    this.identifies.push(data);
    const ready: Record<string, unknown> = { ...this.hooks.ready(), session_id: session.id, resume_gateway_url: this.resumeUrl() };
    // READY lists only the shard's guilds, as unavailable; their GUILD_CREATEs follow.
    if (Array.isArray(ready['guilds'])) ready['guilds'] = (ready['guilds'] as Array<{ id: string }>).filter((g) => onShard(session, g.id));
    if (data.shard) ready['shard'] = data.shard;
    this.sendDispatch(session, 'READY', ready);
    for (const guild of this.hooks.guildCreates()) if (onShard(session, guildOfEvent('GUILD_CREATE', guild))) this.sendDispatch(session, 'GUILD_CREATE', guild);
    for (const waiter of [...this.identifyWaiters]) waiter.resolve(data);
    return session;
  }

  /** Minimal RESUME: no event replay, just RESUMED on a known session. */
  private resume(socket: WebSocket, current: Session | null, data: Record<string, unknown>): Session | null {
    const session = this.sessions.get(String(data['session_id']));
    const tokenOk = this.hooks.expectedToken === undefined || data['token'] === this.hooks.expectedToken;
    if (current || !session || !tokenOk) {
      this.send(socket, { op: Op.InvalidSession, d: false });
      return current;
    }
    session.socket = socket;
    this.sendDispatch(session, 'RESUMED', null);
    return session;
  }

  private sendDispatch(session: Session, event: string, d: unknown): void {
    if (!session.socket) return;
    session.seq += 1;
    this.send(session.socket, { op: Op.Dispatch, t: event, s: session.seq, d });
  }

  private send(socket: WebSocket, frame: { op: number; d?: unknown; s?: number; t?: string }): void {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(JSON.stringify({ t: null, s: null, d: null, ...frame }));
  }
}

function parseFrame(raw: RawData): GatewayFrame | null {
  try {
    const bytes = Array.isArray(raw) ? Buffer.concat(raw) : raw instanceof ArrayBuffer ? Buffer.from(raw) : raw;
    const text = bytes.toString('utf8');
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && typeof (value as { op?: unknown }).op === 'number') {
      return value as GatewayFrame;
    }
    return null;
  } catch {
    return null;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
