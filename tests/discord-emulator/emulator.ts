// In-process Discord emulator for end-to-end tests: a REST server (API v10)
// and a JSON gateway on one 127.0.0.1 port, enough for the real discord.js
// Client to log in and run a bot. Every REST request is recorded.
//
//   const emu = await DiscordEmulator.start();
//   const client = new Client({ intents, rest: { api: emu.apiUrl } });
//   await client.login('any-token');
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  APIApplicationCommand,
  APIAttachment,
  APIGuildMember,
  APIMessage,
  APIRole,
  APITextChannel,
  APIThreadChannel,
  APIUser,
  GatewayGuildCreateDispatchData,
} from 'discord.js';
import { decodeBody, readRaw, type UploadedFile } from './http-body.ts';
import { Gateway, type GatewayConnection, type IdentifyData, type ReceivedFrame } from './gateway.ts';
import {
  BOT_ROLE_PERMISSIONS,
  EVERYONE_PERMISSIONS,
  Intent,
  isoNow,
  makeAttachment,
  makeGuildCreate,
  makeMember,
  makeMessage,
  makeRole,
  makeTextChannel,
  makeThread,
  makeUser,
  memberWithoutUser,
  snowflake,
  snowflakeTime,
  type EmulatorIds,
} from './payloads.ts';
import {
  apiError,
  isObject,
  validateAutocompleteChoices,
  validateMessageBody,
  type ApiError,
  type JsonObject,
} from './validate.ts';

export type { EmulatorIds } from './payloads.ts';
export type { UploadedFile } from './http-body.ts';
export type { GatewayConnection, IdentifyData, ReceivedFrame } from './gateway.ts';

export interface DiscordEmulatorOptions {
  guildId?: string;
  channelId?: string;
  botUserId?: string;
  /** Defaults to botUserId, as for every application created since 2020. */
  applicationId?: string;
  /** The human test user who sends messages and runs commands. */
  userId?: string;
  /** When set, REST calls and IDENTIFY with another token are rejected (401 / close 4004). */
  token?: string;
  /** Dispatch MESSAGE_CREATE/UPDATE for the bot's own messages, as Discord does. Default true. */
  echoBotMessages?: boolean;
  heartbeatIntervalMs?: number;
  /** Shards `GET /gateway/bot` recommends. Default 1. */
  shards?: number;
  /** More guilds, each with one text channel, for sharding tests (a guild's events go only to its shard). */
  extraGuilds?: Array<{ guildId: string; channelId: string }>;
}

export interface RecordedRequest {
  method: string;
  /**
   * Route without the `/api/v10` prefix, exactly as sent, so it equals discord.js
   * `Routes.*()` output. Note Routes percent-encodes explicit args: editReply()
   * hits `/webhooks/:app/:token/messages/%40original`.
   */
  path: string;
  /** `path` with each segment percent-decoded (`.../messages/@original`). */
  decodedPath: string;
  /** Raw request URL including prefix and query string. */
  url: string;
  query: Record<string, string>;
  /** Parsed JSON; for multipart requests the parsed `payload_json`. */
  body: unknown;
  files: UploadedFile[];
  headers: IncomingHttpHeaders;
  /** Status and JSON body the emulator answered with. */
  status: number;
  response: unknown;
  /** performance.now() when the request arrived (spacing of streamed edits). */
  receivedAt: number;
}

export type RequestPredicate = (request: RecordedRequest) => boolean;

export type OptionValue = string | number | boolean;

/** Interaction option as Discord sends it (type: 1 sub, 2 group, 3 string, 4 int, 5 bool, 10 number...). */
export interface CommandOption {
  name: string;
  type: number;
  value?: OptionValue;
  focused?: boolean;
  options?: CommandOption[];
}

/** Raw options, or a `{ name: value }` shorthand whose option types are inferred. */
export type CommandOptionsInput = CommandOption[] | Record<string, OptionValue>;

export interface InteractionContext {
  userId?: string;
  channelId?: string;
  /** Permissions of the invoking member; defaults to what their roles grant. */
  memberPermissions?: bigint | string;
  locale?: string;
}

export interface InteractionPayload {
  id: string;
  application_id: string;
  type: number;
  token: string;
  version: number;
  guild_id: string;
  channel_id: string;
  [field: string]: unknown;
}

export interface InteractionHandle {
  id: string;
  token: string;
  /** `/interactions/:id/:token/callback`, as recorded in `RecordedRequest.path`. */
  callbackPath: string;
  payload: InteractionPayload;
}

/** What the bot did with an interaction, as far as the emulator saw. */
export interface InteractionState {
  handle: InteractionHandle;
  acknowledged: boolean;
  callbackType: number | undefined;
  originalMessageId: string | undefined;
  autocompleteChoices: unknown[] | undefined;
  modal: JsonObject | undefined;
}

export interface SendMessageOptions {
  channelId?: string;
  authorId?: string;
  /** Author is a bot account (a different one from the emulated bot unless authorId says otherwise). */
  bot?: boolean;
  /** Prefix `<@botId> ` and put the bot in `mentions`. */
  mentionsBot?: boolean;
  mentionEveryone?: boolean;
  /** Make it a reply (type 19) to this message id. */
  replyTo?: string;
  /** The message id (a forum post's first message has the post's id). */
  id?: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** Extra response headers (a 429's Retry-After and X-RateLimit-*). */
  headers?: Record<string, string>;
}

/** Answers a request before the routes do (fault injection); undefined lets it through. */
export type Interceptor = (request: RecordedRequest) => Reply | undefined;

interface RouteContext {
  request: RecordedRequest;
  params: Record<string, string>;
  body: JsonObject;
}

interface Route {
  method: string;
  pattern: RegExp;
  /** Interaction and webhook routes are token-in-URL and sent without Authorization. */
  auth: boolean;
  handle: (ctx: RouteContext) => Reply;
}

interface Waiter {
  predicate: RequestPredicate;
  resolve: (request: RecordedRequest) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const API_PREFIX = '/api/v10';
const DEFAULT_IDS = {
  guildId: '1300000000000000001',
  channelId: '1300000000000000002',
  botUserId: '1300000000000000003',
  userId: '1300000000000000004',
  botRoleId: '1300000000000000005',
} as const;
const OWNER_ID = '1300000000000000006';
const OTHER_BOT_ID = '1300000000000000007';
const FLAG_EPHEMERAL = 64;
const FLAG_LOADING = 128;
const FLAG_HAS_THREAD = 32;
/** Message flags a bot may set on create (ephemeral, suppress embeds/notifications, components v2). */
const SETTABLE_FLAGS = FLAG_EPHEMERAL | 4 | 4096 | 32768;
const THREAD_ARCHIVE_DURATIONS = [60, 1440, 4320, 10080] as const;

const ok = (body: unknown): Reply => ({ status: 200, body });
const noContent = (): Reply => ({ status: 204 });
const fail = (error: ApiError): Reply => ({ status: error.status, body: error.body });
const unknownChannel = (): Reply => fail(apiError(404, 10003, 'Unknown Channel'));
const unknownMessage = (): Reply => fail(apiError(404, 10008, 'Unknown Message'));
const unknownWebhook = (): Reply => fail(apiError(404, 10015, 'Unknown Webhook'));

export class DiscordEmulator {
  readonly ids: EmulatorIds;
  readonly requests: RecordedRequest[] = [];
  readonly users = new Map<string, APIUser>();
  readonly members = new Map<string, APIGuildMember>();
  readonly roles = new Map<string, APIRole>();
  /** The text channel plus every thread created so far. */
  readonly channels = new Map<string, APITextChannel | APIThreadChannel>();
  readonly messages = new Map<string, APIMessage>();
  readonly globalCommands: APIApplicationCommand[] = [];
  readonly guildCommands: APIApplicationCommand[] = [];
  /** Run in order before routing; see faults.ts. */
  readonly interceptors: Interceptor[] = [];
  private readonly interactions = new Map<string, InteractionState>();
  private readonly routes: Route[];
  private waiters: Waiter[] = [];
  private gateway!: Gateway;
  private port = 0;
  private closed = false;

  private constructor(
    private readonly server: Server,
    private readonly options: DiscordEmulatorOptions,
  ) {
    const botUserId = options.botUserId ?? DEFAULT_IDS.botUserId;
    this.ids = {
      guildId: options.guildId ?? DEFAULT_IDS.guildId,
      channelId: options.channelId ?? DEFAULT_IDS.channelId,
      botUserId,
      applicationId: options.applicationId ?? botUserId,
      userId: options.userId ?? DEFAULT_IDS.userId,
      botRoleId: DEFAULT_IDS.botRoleId,
    };
    this.seedGuild();
    this.routes = this.buildRoutes();
  }

  static async start(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
    const server = createServer();
    const emulator = new DiscordEmulator(server, options);
    server.on('request', (req, res) => void emulator.onHttpRequest(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    emulator.port = (server.address() as AddressInfo).port;
    emulator.gateway = new Gateway(server, () => emulator.gatewayUrl, {
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      expectedToken: options.token,
      ready: () => emulator.readyPayload(),
      guildCreates: () => [emulator.guildCreatePayload(), ...(options.extraGuilds ?? []).map((g) => emulator.guildCreatePayload(g))],
      membersChunk: (request) => emulator.membersChunk(request),
    });
    return emulator;
  }

  /** Pass as discord.js `rest.api`; the REST client appends `/v10/...`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** What `GET /gateway/bot` advertises (discord.js appends `?v=10&encoding=json`). */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get botUser(): APIUser {
    return this.requireUser(this.ids.botUserId);
  }

  get user(): APIUser {
    return this.requireUser(this.ids.userId);
  }

  get gatewayConnections(): readonly GatewayConnection[] {
    return this.gateway.connections;
  }

  /** Frames the client sent over the gateway (IDENTIFY, heartbeats, ...). */
  get gatewayFrames(): readonly ReceivedFrame[] {
    return this.gateway.received;
  }

  get identifies(): readonly IdentifyData[] {
    return this.gateway.identifies;
  }

  /** Resolves once a client has IDENTIFYed and been sent READY + GUILD_CREATE. */
  get ready(): Promise<IdentifyData> {
    return this.gateway.waitForIdentify();
  }

  waitForIdentify(timeoutMs?: number): Promise<IdentifyData> {
    return this.gateway.waitForIdentify(timeoutMs);
  }

  /** Full GUILD_CREATE payload for the current state (threads included), of the main guild or an extra one. */
  guildCreatePayload(extra?: { guildId: string; channelId: string }): GatewayGuildCreateDispatchData {
    const ids = extra ? { ...this.ids, ...extra } : this.ids;
    const inGuild = (c: { guild_id?: string }) => (c.guild_id ?? this.ids.guildId) === ids.guildId;
    const guild = makeGuildCreate({
      ids,
      ownerId: OWNER_ID,
      guildName: extra ? `Footnote Test Guild ${extra.guildId.slice(-4)}` : 'Footnote Test Guild',
      roles: [...this.roles.values()],
      members: [...this.members.values()],
      // Text and forum channels (type 15, added by community.ts) are channels; the rest are threads.
      channels: [...this.channels.values()].filter((c): c is APITextChannel => (c.type === 0 || (c.type as number) === 15) && inGuild(c)),
    });
    guild.threads = [...this.channels.values()].filter((c): c is APIThreadChannel => c.type !== 0 && (c.type as number) !== 15 && inGuild(c));
    return guild;
  }

  /** The guild a channel belongs to (the main guild for unknown channels). */
  private guildOfChannel(channelId: string): string {
    return this.channels.get(channelId)?.guild_id ?? this.ids.guildId;
  }

  // ---------------------------------------------------------------- requests

  requestsMatching(predicate: RequestPredicate): RecordedRequest[] {
    return this.requests.filter(predicate);
  }

  /** First recorded request (past or future) matching; resolves after the emulator has handled it. */
  waitForRequest(predicate: RequestPredicate, timeoutMs = 5000): Promise<RecordedRequest> {
    const existing = this.requestsMatching(predicate)[0];
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`No matching request within ${timeoutMs}ms. Seen:\n${this.describeRequests()}`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** The interaction callback the bot sent for this interaction. */
  waitForCallback(handle: InteractionHandle, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.waitForRequest((r) => r.method === 'POST' && r.path === handle.callbackPath, timeoutMs);
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  /** One line per request, for assertion messages. */
  describeRequests(): string {
    return this.requests.map((r) => `${r.method} ${r.path} -> ${r.status}`).join('\n') || '(none)';
  }

  interaction(handleOrId: InteractionHandle | string): InteractionState | undefined {
    return this.interactions.get(typeof handleOrId === 'string' ? handleOrId : handleOrId.id);
  }

  /** The message behind `@original` for an interaction, once the bot has responded. */
  originalMessage(handle: InteractionHandle): APIMessage | undefined {
    const id = this.interaction(handle)?.originalMessageId;
    return id ? this.messages.get(id) : undefined;
  }

  channelMessages(channelId: string): APIMessage[] {
    return [...this.messages.values()].filter((m) => m.channel_id === channelId);
  }

  // ---------------------------------------------------------------- gateway dispatch helpers

  /** Raw op 0 dispatch to every connected session; returns the number of sessions reached. */
  dispatch(event: string, data: unknown): number {
    return this.gateway.dispatch(event, data);
  }

  /** Closes every gateway socket from the server side (discord.js will try to RESUME). */
  disconnectGateway(code?: number): void {
    this.gateway.disconnectAll(code);
  }

  /** INTERACTION_CREATE from a partial payload; fills every field discord.js reads. */
  dispatchInteraction(partial: Partial<InteractionPayload> & { type: number }, context: InteractionContext = {}): InteractionHandle {
    this.requireSession('INTERACTION_CREATE');
    const payload: InteractionPayload = { ...this.interactionBase(partial.type, context), ...partial };
    const handle: InteractionHandle = {
      id: payload.id,
      token: payload.token,
      callbackPath: `/interactions/${payload.id}/${payload.token}/callback`,
      payload,
    };
    this.interactions.set(handle.id, {
      handle,
      acknowledged: false,
      callbackType: undefined,
      originalMessageId: undefined,
      autocompleteChoices: undefined,
      modal: undefined,
    });
    this.gateway.dispatch('INTERACTION_CREATE', payload);
    return handle;
  }

  /** Chat-input command (type 2 / command type 1). */
  slashCommand(name: string, options: CommandOptionsInput = [], context: InteractionContext = {}): InteractionHandle {
    return this.dispatchInteraction({ type: 2, data: this.commandData(name, toOptions(options)) }, context);
  }

  /** Autocomplete (type 4); `focused` names the option being typed (default: the first). */
  autocomplete(name: string, options: CommandOptionsInput, focused?: string, context: InteractionContext = {}): InteractionHandle {
    const list = toOptions(options);
    const target = focused ?? list[0]?.name;
    const marked = list.map((o) => (o.name === target ? { ...o, focused: true, value: String(o.value ?? '') } : o));
    return this.dispatchInteraction({ type: 4, data: this.commandData(name, marked) }, context);
  }

  /**
   * Button press (type 3). `message` defaults to the newest stored bot message
   * carrying that custom_id, else a synthetic one in the channel.
   */
  buttonClick(customId: string, message?: APIMessage | string, context: InteractionContext = {}): InteractionHandle {
    return this.componentInteraction({ custom_id: customId, component_type: 2 }, message, context);
  }

  /** String select (type 3, component_type 3). */
  selectMenu(customId: string, values: string[], message?: APIMessage | string, context: InteractionContext = {}): InteractionHandle {
    return this.componentInteraction({ custom_id: customId, component_type: 3, values }, message, context);
  }

  /** Modal submit (type 5) with text inputs given as `{ custom_id: value }`. */
  modalSubmit(customId: string, fields: Record<string, string>, context: InteractionContext = {}): InteractionHandle {
    const components = Object.entries(fields).map(([id, value]) => ({
      type: 1,
      components: [{ type: 4, custom_id: id, value }],
    }));
    return this.dispatchInteraction({ type: 5, data: { custom_id: customId, components } }, context);
  }

  /** MESSAGE_CREATE from a user (or another bot); stored so GET/threads work on it. */
  sendMessage(content: string, options: SendMessageOptions = {}): APIMessage {
    this.requireSession('MESSAGE_CREATE');
    const channelId = options.channelId ?? this.ids.channelId;
    if (!this.channels.has(channelId)) throw new Error(`sendMessage: unknown channel ${channelId}`);
    const author = this.authorFor(options);
    const text = options.mentionsBot ? `<@${this.ids.botUserId}> ${content}` : content;
    const reference = options.replyTo ? this.messages.get(options.replyTo) : undefined;
    const message = makeMessage({
      id: options.id,
      channelId,
      author,
      content: text,
      extra: {
        mentions: this.mentionedUsers(text, undefined),
        mention_everyone: options.mentionEveryone ?? /@(everyone|here)\b/.test(text),
        ...(reference ? this.replyFields(reference) : {}),
      },
    });
    this.storeMessage(message);
    this.dispatchMessage('MESSAGE_CREATE', message);
    return message;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('DiscordEmulator closed'));
    }
    this.waiters = [];
    await this.gateway.close();
    // discord.js' REST client keeps sockets alive; drop them so close() resolves.
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---------------------------------------------------------------- state

  private seedGuild(): void {
    const { guildId, channelId, botUserId, userId, botRoleId } = this.ids;
    const joinedAt = isoNow();
    const bot = { ...makeUser(botUserId, 'Footnote', true), verified: true, mfa_enabled: false };
    this.users.set(botUserId, bot);
    this.roles.set(guildId, makeRole(guildId, '@everyone', EVERYONE_PERMISSIONS, 0));
    this.roles.set(botRoleId, makeRole(botRoleId, 'Footnote', BOT_ROLE_PERMISSIONS, 1));
    this.members.set(botUserId, makeMember(bot, [botRoleId], joinedAt));
    const tester = makeUser(userId, 'tester', false);
    this.users.set(userId, tester);
    this.members.set(userId, makeMember(tester, [], joinedAt));
    this.channels.set(channelId, makeTextChannel(channelId, guildId, 'general'));
    for (const extra of this.options.extraGuilds ?? []) {
      this.roles.set(extra.guildId, makeRole(extra.guildId, '@everyone', EVERYONE_PERMISSIONS, 0));
      this.channels.set(extra.channelId, makeTextChannel(extra.channelId, extra.guildId, 'general'));
    }
  }

  /** Known user, or a new guild member with no roles. */
  private ensureUser(id: string, bot = false): APIUser {
    const known = this.users.get(id);
    if (known) return known;
    const user = makeUser(id, `${bot ? 'bot' : 'user'}-${id.slice(-4)}`, bot);
    this.users.set(id, user);
    this.members.set(id, makeMember(user, [], isoNow()));
    return user;
  }

  private requireUser(id: string): APIUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`emulator has no user ${id}`);
    return user;
  }

  private authorFor(options: SendMessageOptions): APIUser {
    if (options.authorId) return this.ensureUser(options.authorId, options.bot);
    return options.bot ? this.ensureUser(OTHER_BOT_ID, true) : this.user;
  }

  private permissionsOf(userId: string): bigint {
    const member = this.members.get(userId);
    const roleIds = [this.ids.guildId, ...(member?.roles ?? [])];
    return roleIds.reduce((acc, id) => acc | BigInt(this.roles.get(id)?.permissions ?? '0'), 0n);
  }

  private storeMessage(message: APIMessage): void {
    this.messages.set(message.id, message);
    const channel = this.channels.get(message.channel_id);
    if (!channel) return;
    channel.last_message_id = message.id;
    if (channel.type !== 0) {
      channel.message_count = (channel.message_count ?? 0) + 1;
      channel.total_message_sent = (channel.total_message_sent ?? 0) + 1;
    }
  }

  /** Users `<@id>`-mentioned in content, filtered by allowed_mentions like Discord does. */
  private mentionedUsers(content: string, allowed: JsonObject | undefined): APIMessage['mentions'] {
    const parse = Array.isArray(allowed?.['parse']) ? (allowed['parse'] as unknown[]) : undefined;
    const explicit = Array.isArray(allowed?.['users']) ? (allowed['users'] as unknown[]) : [];
    const permitted = (id: string): boolean => !allowed || parse?.includes('users') === true || explicit.includes(id);
    const ids = new Set([...content.matchAll(/<@!?(\d{5,20})>/g)].map((m) => m[1] ?? ''));
    return [...ids]
      .filter(permitted)
      .map((id) => this.users.get(id))
      .filter((u): u is APIUser => u !== undefined)
      .map((u) => {
        const member = this.members.get(u.id);
        return member ? { ...u, member: memberWithoutUser(member) } : u;
      });
  }

  private everyoneMentioned(content: string, allowed: JsonObject | undefined): boolean {
    const parse = Array.isArray(allowed?.['parse']) ? (allowed['parse'] as unknown[]) : undefined;
    // Ignores the MentionEveryone permission on purpose: tests want to see what the bot *tried* to ping.
    return /@(everyone|here)\b/.test(content) && (!allowed || parse?.includes('everyone') === true);
  }

  private replyFields(reference: APIMessage): Partial<APIMessage> {
    return {
      type: 19,
      message_reference: { type: 0, message_id: reference.id, channel_id: reference.channel_id, guild_id: this.guildOfChannel(reference.channel_id) },
      referenced_message: reference,
    };
  }

  /** MESSAGE_CREATE/UPDATE shaped per session intents (GuildMessages, MessageContent). */
  private dispatchMessage(event: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', message: APIMessage): void {
    const member = this.members.get(message.author.id);
    const data = { ...message, guild_id: this.guildOfChannel(message.channel_id), ...(member ? { member: memberWithoutUser(member) } : {}) };
    const privileged =
      message.author.id === this.ids.botUserId || message.mentions.some((u) => u.id === this.ids.botUserId);
    this.gateway.dispatch(event, (intents: number) => {
      if ((intents & Intent.GuildMessages) === 0) return undefined;
      // Without MESSAGE_CONTENT Discord blanks content unless the bot is mentioned or the author.
      if ((intents & Intent.MessageContent) !== 0 || privileged) return data;
      return { ...data, content: '', embeds: [], attachments: [], components: [] };
    });
  }

  private echoBotMessage(event: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', message: APIMessage): void {
    const ephemeral = ((message.flags ?? 0) & FLAG_EPHEMERAL) !== 0;
    if (this.options.echoBotMessages !== false && !ephemeral) this.dispatchMessage(event, message);
  }

  private requireSession(event: string): void {
    if (this.gateway.liveSessionCount === 0) {
      throw new Error(`Cannot dispatch ${event}: no client has identified on the gateway yet`);
    }
  }

  // ---------------------------------------------------------------- gateway payloads

  private readyPayload(): Record<string, unknown> {
    return {
      v: 10,
      user: this.botUser,
      guilds: [this.ids.guildId, ...(this.options.extraGuilds ?? []).map((g) => g.guildId)].map((id) => ({ id, unavailable: true })),
      // Bit 19 = GATEWAY_MESSAGE_CONTENT_LIMITED (content intent toggled on, unverified bot).
      application: { id: this.ids.applicationId, flags: 1 << 19 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
      _trace: ['["discord-emulator",{"micros":0}]'],
    };
  }

  private membersChunk(request: Record<string, unknown>): unknown {
    const userIds = Array.isArray(request['user_ids']) ? request['user_ids'].map(String) : undefined;
    const query = typeof request['query'] === 'string' ? request['query'].toLowerCase() : '';
    const limit = typeof request['limit'] === 'number' && request['limit'] > 0 ? request['limit'] : Infinity;
    const members = [...this.members.values()]
      .filter((m) => (userIds ? userIds.includes(m.user.id) : m.user.username.toLowerCase().startsWith(query)))
      .slice(0, limit);
    return {
      guild_id: this.ids.guildId,
      members,
      chunk_index: 0,
      chunk_count: 1,
      not_found: userIds ? userIds.filter((id) => !this.members.has(id)) : [],
      ...(request['nonce'] !== undefined ? { nonce: request['nonce'] } : {}),
    };
  }

  // ---------------------------------------------------------------- interaction payloads

  private interactionBase(type: number, context: InteractionContext): InteractionPayload {
    const channelId = context.channelId ?? this.ids.channelId;
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`interaction: unknown channel ${channelId}`);
    const userId = context.userId ?? this.ids.userId;
    const user = this.ensureUser(userId);
    const member = this.members.get(userId) ?? makeMember(user, [], isoNow());
    const permissions = String(context.memberPermissions ?? this.permissionsOf(userId));
    return {
      id: snowflake(),
      application_id: this.ids.applicationId,
      type,
      token: `emu-${type}-${randomBytes(24).toString('base64url')}`,
      version: 1,
      guild_id: this.ids.guildId,
      guild: { id: this.ids.guildId, locale: 'en-US', features: [] },
      channel_id: channelId,
      channel: { ...channel, permissions },
      member: { ...member, permissions },
      app_permissions: this.permissionsOf(this.ids.botUserId).toString(),
      locale: context.locale ?? 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      // Key "0" = GUILD_INSTALL: the command runs because the app is installed in the guild.
      authorizing_integration_owners: { '0': this.ids.guildId },
      context: 0,
      attachment_size_limit: 26_214_400,
    };
  }

  private commandData(name: string, options: CommandOption[]): JsonObject {
    const registered = [...this.guildCommands, ...this.globalCommands].find((c) => c.name === name);
    return {
      id: registered?.id ?? snowflake(),
      name,
      type: 1,
      ...(registered?.guild_id ? { guild_id: registered.guild_id } : {}),
      ...(options.length > 0 ? { options } : {}),
    };
  }

  private componentInteraction(data: JsonObject, message: APIMessage | string | undefined, context: InteractionContext): InteractionHandle {
    const customId = String(data['custom_id']);
    const source = this.resolveComponentMessage(customId, message, context.channelId);
    return this.dispatchInteraction(
      { type: 3, data, message: source },
      { ...context, channelId: context.channelId ?? source.channel_id },
    );
  }

  private resolveComponentMessage(customId: string, message: APIMessage | string | undefined, channelId?: string): APIMessage {
    if (typeof message === 'object') return message;
    if (typeof message === 'string') {
      const stored = this.messages.get(message);
      if (!stored) throw new Error(`buttonClick: unknown message ${message}`);
      return stored;
    }
    const carrying = [...this.messages.values()]
      .reverse()
      .find((m) => m.author.id === this.ids.botUserId && JSON.stringify(m.components ?? []).includes(JSON.stringify(customId)));
    if (carrying) return carrying;
    const synthetic = makeMessage({
      channelId: channelId ?? this.ids.channelId,
      author: this.botUser,
      content: 'message with components',
      extra: {
        components: [{ type: 1, components: [{ type: 2, style: 1, label: customId, custom_id: customId }] }],
      },
    });
    this.storeMessage(synthetic);
    return synthetic;
  }

  // ---------------------------------------------------------------- HTTP plumbing

  private async onHttpRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.now();
    const raw = await readRaw(req);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const versioned = url.pathname.startsWith(`${API_PREFIX}/`);
    const { body, files } = decodeBody(raw, req.headers['content-type']);
    const path = versioned ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      decodedPath: path.split('/').map(safeDecode).join('/'),
      url: req.url ?? '/',
      query: Object.fromEntries(url.searchParams),
      body,
      files,
      headers: req.headers,
      status: 0,
      response: undefined,
      receivedAt,
    };
    const intercepted = versioned ? this.interceptors.map((i) => i(record)).find((r) => r !== undefined) : undefined;
    const reply = intercepted ?? (versioned ? this.dispatchRoute(record) : this.unknownRoute());
    record.status = reply.status;
    record.response = reply.body;
    // Recorded once handled, so waiters see the emulator state the bot will see.
    this.requests.push(record);
    this.notifyWaiters(record);
    writeReply(res, reply);
  }

  private dispatchRoute(request: RecordedRequest): Reply {
    for (const route of this.routes) {
      if (route.method !== request.method) continue;
      // Match decoded segments: Discord treats `%40me` and `@me` alike.
      const match = route.pattern.exec(request.decodedPath);
      if (!match) continue;
      if (route.auth && !this.authorized(request.headers)) return fail(apiError(401, 0, '401: Unauthorized'));
      const params = { ...match.groups };
      const body = isObject(request.body) ? request.body : {};
      try {
        return route.handle({ request, params, body });
      } catch (error) {
        // A 500 makes discord.js retry; surface the emulator bug instead of hiding it.
        console.error('[discord-emulator] route handler failed', request.method, request.path, error);
        return { status: 500, body: { message: String(error), code: 0 } };
      }
    }
    return this.unknownRoute();
  }

  private unknownRoute(): Reply {
    return { status: 404, body: { message: 'Unknown route', code: 0 } };
  }

  private authorized(headers: IncomingHttpHeaders): boolean {
    const expected = this.options.token;
    return expected === undefined || headers.authorization === `Bot ${expected}`;
  }

  private notifyWaiters(record: RecordedRequest): void {
    const matched = this.waiters.filter((w) => w.predicate(record));
    this.waiters = this.waiters.filter((w) => !matched.includes(w));
    for (const waiter of matched) {
      clearTimeout(waiter.timer);
      waiter.resolve(record);
    }
  }

  private buildRoutes(): Route[] {
    const r = (method: string, path: string, handle: Route['handle'], auth = true): Route => ({
      method,
      pattern: compilePath(path),
      auth,
      handle,
    });
    return [
      r('GET', '/gateway', () => ok({ url: this.gatewayUrl })),
      r('GET', '/gateway/bot', () => ok(this.gatewayBot())),
      r('GET', '/users/:userId', ({ params }) => this.getUser(params)),
      r('GET', '/applications/@me', () => ok(this.applicationObject())),
      r('GET', '/applications/:app/commands', () => ok(this.globalCommands)),
      r('PUT', '/applications/:app/commands', (c) => ok(this.overwriteCommands(this.globalCommands, c.request.body, undefined))),
      r('POST', '/applications/:app/commands', (c) => this.createCommand(this.globalCommands, c.body, undefined)),
      r('GET', '/applications/:app/guilds/:guild/commands', () => ok(this.guildCommands)),
      r('PUT', '/applications/:app/guilds/:guild/commands', (c) =>
        ok(this.overwriteCommands(this.guildCommands, c.request.body, c.params['guild'])),
      ),
      r('POST', '/applications/:app/guilds/:guild/commands', (c) => this.createCommand(this.guildCommands, c.body, c.params['guild'])),
      r('POST', '/interactions/:id/:token/callback', (c) => this.interactionCallback(c), false),
      r('POST', '/webhooks/:app/:token', (c) => this.followUp(c), false),
      r('GET', '/webhooks/:app/:token/messages/:messageId', (c) => this.webhookMessage(c, 'GET'), false),
      r('PATCH', '/webhooks/:app/:token/messages/:messageId', (c) => this.webhookMessage(c, 'PATCH'), false),
      r('DELETE', '/webhooks/:app/:token/messages/:messageId', (c) => this.webhookMessage(c, 'DELETE'), false),
      r('GET', '/guilds/:guildId', ({ params }) => this.getGuild(params)),
      r('GET', '/guilds/:guildId/members/:userId', ({ params }) => this.getMember(params)),
      r('GET', '/channels/:channelId', ({ params }) => this.getChannel(params)),
      r('POST', '/channels/:channelId/typing', ({ params }) => (this.channels.has(params['channelId'] ?? '') ? noContent() : unknownChannel())),
      r('GET', '/channels/:channelId/messages', (c) => this.listMessages(c)),
      r('POST', '/channels/:channelId/messages', (c) => this.postChannelMessage(c)),
      r('GET', '/channels/:channelId/messages/:messageId', (c) => this.channelMessage(c, 'GET')),
      r('PATCH', '/channels/:channelId/messages/:messageId', (c) => this.channelMessage(c, 'PATCH')),
      r('DELETE', '/channels/:channelId/messages/:messageId', (c) => this.channelMessage(c, 'DELETE')),
      r('POST', '/channels/:channelId/messages/:messageId/threads', (c) => this.threadFromMessage(c)),
      r('POST', '/channels/:channelId/threads', (c) => this.threadWithoutMessage(c)),
      r('PUT', '/channels/:channelId/messages/:messageId/reactions/:emoji/:user', (c) => this.reaction(c)),
      r('DELETE', '/channels/:channelId/messages/:messageId/reactions/:emoji/:user', (c) => this.reaction(c)),
      r('DELETE', '/channels/:channelId/messages/:messageId/reactions/:emoji', (c) => this.reaction(c)),
      r('DELETE', '/channels/:channelId/messages/:messageId/reactions', (c) => this.reaction(c)),
    ];
  }

  // ---------------------------------------------------------------- REST handlers: identity

  private gatewayBot(): JsonObject {
    return {
      url: this.gatewayUrl,
      shards: this.options.shards ?? 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
    };
  }

  private getUser(params: Record<string, string>): Reply {
    const id = params['userId'] === '@me' ? this.ids.botUserId : (params['userId'] ?? '');
    const user = this.users.get(id);
    return user ? ok(user) : fail(apiError(404, 10013, 'Unknown User'));
  }

  private applicationObject(): JsonObject {
    return {
      id: this.ids.applicationId,
      name: this.botUser.username,
      icon: null,
      description: '',
      summary: '',
      type: null,
      bot: this.botUser,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: 'ee'.repeat(32),
      flags: 1 << 19,
      owner: this.users.get(this.ids.userId),
      team: null,
      approximate_guild_count: 1,
      approximate_user_install_count: 0,
      redirect_uris: [],
      interactions_endpoint_url: null,
      integration_types_config: { '0': {} },
    };
  }

  private overwriteCommands(store: APIApplicationCommand[], body: unknown, guildId: string | undefined): APIApplicationCommand[] {
    const previous = new Map(store.map((c) => [c.name, c]));
    const next = (Array.isArray(body) ? body : []).filter(isObject).map((raw) => {
      // Bulk overwrite keeps ids of commands whose name is unchanged, as Discord does.
      const name = String(raw['name']);
      return this.commandFrom(raw, guildId, previous.get(name)?.id);
    });
    store.splice(0, store.length, ...next);
    return store;
  }

  private createCommand(store: APIApplicationCommand[], body: JsonObject, guildId: string | undefined): Reply {
    const index = store.findIndex((c) => c.name === body['name']);
    const command = this.commandFrom(body, guildId, store[index]?.id);
    if (index === -1) store.push(command);
    else store[index] = command;
    return { status: index === -1 ? 201 : 200, body: command };
  }

  private commandFrom(raw: JsonObject, guildId: string | undefined, id: string | undefined): APIApplicationCommand {
    return {
      type: 1,
      description: '',
      options: [],
      nsfw: false,
      integration_types: [0],
      contexts: null,
      ...(raw as Partial<APIApplicationCommand>),
      id: id ?? snowflake(),
      application_id: this.ids.applicationId,
      name: String(raw['name']),
      default_member_permissions: typeof raw['default_member_permissions'] === 'string' ? raw['default_member_permissions'] : null,
      version: snowflake(),
      ...(guildId ? { guild_id: guildId } : {}),
    };
  }

  private getGuild(params: Record<string, string>): Reply {
    if (params['guildId'] !== this.ids.guildId) return fail(apiError(404, 10004, 'Unknown Guild'));
    const { members: _m, channels: _c, threads: _t, presences: _p, voice_states: _v, ...guild } = this.guildCreatePayload();
    return ok(guild);
  }

  private getMember(params: Record<string, string>): Reply {
    if (params['guildId'] !== this.ids.guildId) return fail(apiError(404, 10004, 'Unknown Guild'));
    const member = this.members.get(params['userId'] ?? '');
    return member ? ok(member) : fail(apiError(404, 10007, 'Unknown Member'));
  }

  // ---------------------------------------------------------------- REST handlers: interactions

  private interactionCallback({ request, params, body }: RouteContext): Reply {
    const state = this.interactions.get(params['id'] ?? '');
    if (!state || state.handle.token !== params['token']) return fail(apiError(404, 10062, 'Unknown interaction'));
    // Discord forgets an interaction not answered within 3 seconds of its creation (its id's timestamp).
    if (!state.acknowledged && Date.now() - snowflakeTime(state.handle.id) > 3000) return fail(apiError(404, 10062, 'Unknown interaction'));
    if (state.acknowledged) return fail(apiError(400, 40060, 'Interaction has already been acknowledged.'));
    const type = typeof body['type'] === 'number' ? body['type'] : -1;
    const data = isObject(body['data']) ? body['data'] : {};
    const outcome = this.applyCallback(state, type, data, request.files);
    if ('error' in outcome) return fail(outcome.error);
    state.acknowledged = true;
    state.callbackType = type;
    if (request.query['with_response'] !== 'true') return noContent();
    return ok(this.callbackResponse(state, type, outcome.message));
  }

  /** Applies one callback type to the emulator state; returns the message it created/updated, if any. */
  private applyCallback(state: InteractionState, type: number, data: JsonObject, files: UploadedFile[]): { message?: APIMessage } | { error: ApiError } {
    const interactionType = state.handle.payload.type;
    const source = state.handle.payload['message'] as APIMessage | undefined;
    const isComponent = interactionType === 3 || (interactionType === 5 && source !== undefined);
    if (interactionType === 4 && type !== 8) return { error: apiError(400, 50035, 'Autocomplete interactions only accept callback type 8') };
    switch (type) {
      case 4: {
        const invalid = validateMessageBody(data, files.length, true);
        if (invalid) return { error: invalid };
        return { message: this.createInteractionMessage(state, data, files, 0) };
      }
      case 5:
        return { message: this.createInteractionMessage(state, { content: '' }, [], FLAG_LOADING | (numberField(data, 'flags') & FLAG_EPHEMERAL)) };
      case 6:
      case 7: {
        if (!isComponent || !source) return { error: apiError(400, 40043, 'Interaction has no message to update') };
        const stored = this.messages.get(source.id) ?? source;
        state.originalMessageId = stored.id;
        if (type === 6) return { message: stored };
        const invalid = validateMessageBody(data, files.length, false);
        if (invalid) return { error: invalid };
        return { message: this.editMessage(stored, data, files) };
      }
      case 8: {
        if (interactionType !== 4) return { error: apiError(400, 50035, 'Autocomplete result is only valid for autocomplete interactions') };
        const invalid = validateAutocompleteChoices({ choices: data['choices'] });
        if (invalid) return { error: invalid };
        state.autocompleteChoices = Array.isArray(data['choices']) ? data['choices'] : [];
        return {};
      }
      case 9:
        if (interactionType === 4 || interactionType === 5) return { error: apiError(400, 50035, 'Cannot respond to this interaction with a modal') };
        state.modal = data;
        return {};
      default:
        return { error: apiError(400, 50035, `Unsupported interaction callback type ${type}`) };
    }
  }

  private createInteractionMessage(state: InteractionState, data: JsonObject, files: UploadedFile[], extraFlags: number): APIMessage {
    const payload = state.handle.payload;
    const message = this.messageFromBody(payload.channel_id, data, files, {
      type: payload.type === 2 ? 20 : 0,
      webhook_id: this.ids.applicationId,
      application_id: this.ids.applicationId,
      interaction_metadata: this.interactionMetadata(payload),
    });
    message.flags = (message.flags ?? 0) | extraFlags;
    this.storeMessage(message);
    state.originalMessageId = message.id;
    this.echoBotMessage('MESSAGE_CREATE', message);
    return message;
  }

  private interactionMetadata(payload: InteractionPayload): APIMessage['interaction_metadata'] {
    const member = payload['member'] as { user: APIUser } | undefined;
    const source = payload['message'] as APIMessage | undefined;
    return {
      id: payload.id,
      type: payload.type,
      user: member?.user ?? this.user,
      authorizing_integration_owners: { '0': this.ids.guildId },
      ...(source ? { interacted_message_id: source.id } : {}),
    } as APIMessage['interaction_metadata'];
  }

  private callbackResponse(state: InteractionState, type: number, message: APIMessage | undefined): JsonObject {
    const flags = message?.flags ?? 0;
    return {
      interaction: {
        id: state.handle.id,
        type: state.handle.payload.type,
        ...(message
          ? {
              response_message_id: message.id,
              response_message_loading: (flags & FLAG_LOADING) !== 0,
              response_message_ephemeral: (flags & FLAG_EPHEMERAL) !== 0,
            }
          : {}),
      },
      ...(message ? { resource: { type, message } } : {}),
    };
  }

  private interactionForWebhook(params: Record<string, string>): InteractionState | undefined {
    if (params['app'] !== this.ids.applicationId) return undefined;
    return [...this.interactions.values()].find((s) => s.handle.token === params['token']);
  }

  private followUp({ request, params, body }: RouteContext): Reply {
    const state = this.interactionForWebhook(params);
    // The webhook token only works once the interaction has been acknowledged.
    if (!state || !state.acknowledged) return unknownWebhook();
    const invalid = validateMessageBody(body, request.files.length, true);
    if (invalid) return fail(invalid);
    const message = this.messageFromBody(state.handle.payload.channel_id, body, request.files, {
      webhook_id: this.ids.applicationId,
      application_id: this.ids.applicationId,
      interaction_metadata: this.interactionMetadata(state.handle.payload),
    });
    this.storeMessage(message);
    this.echoBotMessage('MESSAGE_CREATE', message);
    return request.query['wait'] === 'false' ? noContent() : ok(message);
  }

  private webhookMessage({ request, params, body }: RouteContext, method: 'GET' | 'PATCH' | 'DELETE'): Reply {
    const state = this.interactionForWebhook(params);
    if (!state) return unknownWebhook();
    const id = params['messageId'] === '@original' ? state.originalMessageId : params['messageId'];
    const message = id ? this.messages.get(id) : undefined;
    if (!message) return unknownMessage();
    return this.messageOperation(message, method, body, request.files);
  }

  // ---------------------------------------------------------------- REST handlers: channels

  private getChannel(params: Record<string, string>): Reply {
    const channel = this.channels.get(params['channelId'] ?? '');
    return channel ? ok(channel) : unknownChannel();
  }

  private listMessages({ params, request }: RouteContext): Reply {
    const channelId = params['channelId'] ?? '';
    if (!this.channels.has(channelId)) return unknownChannel();
    const limit = Math.min(Number(request.query['limit'] ?? 50) || 50, 100);
    return ok(this.channelMessages(channelId).reverse().slice(0, limit));
  }

  private postChannelMessage({ request, params, body }: RouteContext): Reply {
    const channelId = params['channelId'] ?? '';
    if (!this.channels.has(channelId)) return unknownChannel();
    const invalid = validateMessageBody(body, request.files.length, true);
    if (invalid) return fail(invalid);
    const reference = isObject(body['message_reference']) ? this.messages.get(String(body['message_reference']['message_id'])) : undefined;
    if (isObject(body['message_reference']) && !reference) return fail(apiError(400, 50035, 'Unknown message in message_reference'));
    const message = this.messageFromBody(channelId, body, request.files, reference ? this.replyFields(reference) : {});
    this.storeMessage(message);
    this.echoBotMessage('MESSAGE_CREATE', message);
    return ok(message);
  }

  private channelMessage({ request, params, body }: RouteContext, method: 'GET' | 'PATCH' | 'DELETE'): Reply {
    const message = this.messages.get(params['messageId'] ?? '');
    if (!this.channels.has(params['channelId'] ?? '')) return unknownChannel();
    if (!message || message.channel_id !== params['channelId']) return unknownMessage();
    if (method === 'PATCH' && message.author.id !== this.ids.botUserId) {
      return fail(apiError(403, 50005, 'Cannot edit a message authored by another user'));
    }
    return this.messageOperation(message, method, body, request.files);
  }

  private messageOperation(message: APIMessage, method: 'GET' | 'PATCH' | 'DELETE', body: JsonObject, files: UploadedFile[]): Reply {
    if (method === 'GET') return ok(message);
    if (method === 'DELETE') {
      this.messages.delete(message.id);
      this.gateway.dispatch('MESSAGE_DELETE', { id: message.id, channel_id: message.channel_id, guild_id: this.ids.guildId });
      return noContent();
    }
    const invalid = validateMessageBody(body, files.length, false);
    if (invalid) return fail(invalid);
    return ok(this.editMessage(message, body, files));
  }

  private threadFromMessage({ params, body }: RouteContext): Reply {
    const parent = this.channels.get(params['channelId'] ?? '');
    if (!parent) return unknownChannel();
    if (parent.type !== 0) return fail(apiError(400, 50024, 'Cannot execute action on this channel type'));
    const starter = this.messages.get(params['messageId'] ?? '');
    if (!starter || starter.channel_id !== parent.id) return unknownMessage();
    if (starter.thread) return fail(apiError(400, 160004, 'A thread has already been created for this message'));
    // A thread started from a message shares the message's id.
    const thread = this.createThread(parent, body, starter.id, 11);
    if ('status' in thread) return thread;
    starter.thread = thread;
    starter.flags = (starter.flags ?? 0) | FLAG_HAS_THREAD;
    return { status: 201, body: thread };
  }

  private threadWithoutMessage({ params, body }: RouteContext): Reply {
    const parent = this.channels.get(params['channelId'] ?? '');
    if (!parent) return unknownChannel();
    if (parent.type !== 0) return fail(apiError(400, 50024, 'Cannot execute action on this channel type'));
    // Discord defaults to a private thread when `type` is omitted here.
    const type = body['type'] === 11 || body['type'] === 10 ? body['type'] : 12;
    const thread = this.createThread(parent, body, snowflake(), type);
    return 'status' in thread ? thread : { status: 201, body: thread };
  }

  private createThread(parent: APITextChannel | APIThreadChannel, body: JsonObject, id: string, type: 10 | 11 | 12): APIThreadChannel | Reply {
    const name = typeof body['name'] === 'string' ? body['name'] : '';
    if (name.length < 1 || name.length > 100) {
      return fail({ status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { name: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }] } } } });
    }
    const requested = body['auto_archive_duration'] ?? 4320;
    const duration = THREAD_ARCHIVE_DURATIONS.find((d) => d === requested);
    if (duration === undefined) return fail(apiError(400, 50035, `Invalid auto_archive_duration ${String(requested)}`));
    const thread = makeThread({ id, guildId: this.guildOfChannel(parent.id), parentId: parent.id, ownerId: this.ids.botUserId, name, type, autoArchiveDuration: duration });
    this.channels.set(thread.id, thread);
    const member = { id: thread.id, user_id: this.ids.botUserId, join_timestamp: isoNow(), flags: 1 };
    this.gateway.dispatch('THREAD_CREATE', (intents: number) =>
      (intents & Intent.Guilds) === 0 ? undefined : { ...thread, newly_created: true, member },
    );
    return thread;
  }

  private reaction({ params }: RouteContext): Reply {
    if (!this.channels.has(params['channelId'] ?? '')) return unknownChannel();
    return this.messages.has(params['messageId'] ?? '') ? noContent() : unknownMessage();
  }

  // ---------------------------------------------------------------- message building

  private messageFromBody(channelId: string, body: JsonObject, files: UploadedFile[], extra: Partial<APIMessage>): APIMessage {
    const content = typeof body['content'] === 'string' ? body['content'] : '';
    const allowed = isObject(body['allowed_mentions']) ? body['allowed_mentions'] : undefined;
    return makeMessage({
      channelId,
      author: this.botUser,
      content,
      extra: {
        tts: body['tts'] === true,
        embeds: arrayField(body, 'embeds') as APIMessage['embeds'],
        components: arrayField(body, 'components') as NonNullable<APIMessage['components']>,
        attachments: this.attachmentsFor(body, files, []),
        flags: numberField(body, 'flags') & SETTABLE_FLAGS,
        mentions: this.mentionedUsers(content, allowed),
        mention_everyone: this.everyoneMentioned(content, allowed),
        ...(body['nonce'] !== undefined ? { nonce: body['nonce'] as string } : {}),
        ...(body['poll'] !== undefined ? { poll: body['poll'] as APIMessage['poll'] } : {}),
        ...extra,
      },
    });
  }

  /** Edits in place (so cached references see it) and echoes MESSAGE_UPDATE. */
  private editMessage(message: APIMessage, body: JsonObject, files: UploadedFile[]): APIMessage {
    const wasLoading = ((message.flags ?? 0) & FLAG_LOADING) !== 0;
    const allowed = isObject(body['allowed_mentions']) ? body['allowed_mentions'] : undefined;
    if (typeof body['content'] === 'string' || body['content'] === null) {
      message.content = body['content'] ?? '';
      message.mentions = this.mentionedUsers(message.content, allowed);
      message.mention_everyone = this.everyoneMentioned(message.content, allowed);
    }
    if ('embeds' in body) message.embeds = arrayField(body, 'embeds') as APIMessage['embeds'];
    if ('components' in body) message.components = arrayField(body, 'components') as NonNullable<APIMessage['components']>;
    if ('attachments' in body || files.length > 0) message.attachments = this.attachmentsFor(body, files, message.attachments);
    if (typeof body['flags'] === 'number') {
      // Ephemerality is fixed at creation; only the other settable flags can change.
      const editable = SETTABLE_FLAGS & ~FLAG_EPHEMERAL;
      message.flags = ((message.flags ?? 0) & ~editable) | (body['flags'] & editable);
    }
    // The first edit of a deferred reply completes it rather than counting as an edit.
    if (wasLoading) message.flags = (message.flags ?? 0) & ~FLAG_LOADING;
    else message.edited_timestamp = isoNow();
    this.echoBotMessage('MESSAGE_UPDATE', message);
    return message;
  }

  /**
   * discord.js lists attachments as `{ id }` entries: existing attachment ids
   * are kept, numeric indexes refer to uploaded `files[n]`.
   */
  private attachmentsFor(body: JsonObject, files: UploadedFile[], existing: APIAttachment[]): APIAttachment[] {
    const listed = arrayField(body, 'attachments').filter(isObject);
    const kept = 'attachments' in body ? existing.filter((a) => listed.some((l) => String(l['id']) === a.id)) : existing;
    const uploaded = files.map((file) =>
      makeAttachment(`http://127.0.0.1:${this.port}`, file.filename, file.data.length, file.contentType),
    );
    return [...kept, ...uploaded];
  }
}

// ------------------------------------------------------------------ helpers

/** `/channels/:channelId` → regex with named groups; literal segments like `@me` stay literal. */
function compilePath(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? `(?<${segment.slice(1)}>[^/]+)` : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function writeReply(res: ServerResponse, reply: Reply): void {
  if (reply.body === undefined) {
    res.writeHead(reply.status, reply.headers ?? {}).end();
    return;
  }
  const json = JSON.stringify(reply.body);
  res.writeHead(reply.status, { ...reply.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) }).end(json);
}

function toOptions(input: CommandOptionsInput): CommandOption[] {
  if (Array.isArray(input)) return input;
  return Object.entries(input).map(([name, value]) => ({ name, type: optionTypeOf(value), value }));
}

function optionTypeOf(value: OptionValue): number {
  if (typeof value === 'string') return 3;
  if (typeof value === 'boolean') return 5;
  return Number.isInteger(value) ? 4 : 10;
}

function arrayField(body: JsonObject, key: string): unknown[] {
  const value = body[key];
  return Array.isArray(value) ? value : [];
}

function numberField(body: JsonObject, key: string): number {
  const value = body[key];
  return typeof value === 'number' ? value : 0;
}
