// Community features for the emulator: forum channels and posts, extra text
// channels, message context-menu commands, and Discord's failure modes on
// demand (429 with retry_after, 50013 Missing Permissions, 10062 expired
// interactions). Kept out of emulator.ts, which only gained an interceptor hook.
import type { APIMessage } from 'discord.js';
import type { DiscordEmulator, InteractionContext, InteractionHandle, RecordedRequest, Reply } from './emulator.ts';
import { makeTextChannel, makeThread, snowflake } from './payloads.ts';

type Channels = Map<string, unknown>;

/** A new text channel (CHANNEL_CREATE sent so the bot's cache has it). */
export function addTextChannel(emu: DiscordEmulator, name: string): string {
  const channel = { ...makeTextChannel(snowflake(), emu.ids.guildId, name) };
  (emu.channels as Channels).set(channel.id, channel);
  emu.dispatch('CHANNEL_CREATE', channel);
  return channel.id;
}

/** A new forum channel (type 15). */
export function addForumChannel(emu: DiscordEmulator, name: string): string {
  const forum = {
    ...makeTextChannel(snowflake(), emu.ids.guildId, name),
    type: 15,
    available_tags: [],
    default_reaction_emoji: null,
    default_sort_order: null,
    default_forum_layout: 0,
  };
  (emu.channels as Channels).set(forum.id, forum);
  emu.dispatch('CHANNEL_CREATE', forum);
  return forum.id;
}

/**
 * A member's new forum post: a public thread in the forum whose first
 * message has the thread's id, announced with THREAD_CREATE then MESSAGE_CREATE
 * as Discord does.
 */
export function forumPost(emu: DiscordEmulator, forumId: string, title: string, content: string, authorId = emu.ids.userId): { threadId: string; message: APIMessage } {
  const threadId = snowflake();
  const thread = makeThread({ id: threadId, guildId: emu.ids.guildId, parentId: forumId, ownerId: authorId, name: title, type: 11, autoArchiveDuration: 4320 });
  emu.channels.set(threadId, thread);
  emu.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
  const message = emu.sendMessage(content, { channelId: threadId, authorId, id: threadId });
  return { threadId, message };
}

/** A message context-menu command (interaction type 2, command type 3) on `message`. */
export function messageCommand(emu: DiscordEmulator, name: string, message: APIMessage, context: InteractionContext = {}): InteractionHandle {
  const registered = [...emu.guildCommands, ...emu.globalCommands].find((c) => c.name === name);
  const member = emu.members.get(message.author.id);
  const resolved = { ...message, ...(member ? { member: { ...member, user: undefined } } : {}) };
  return emu.dispatchInteraction(
    {
      type: 2,
      data: { id: registered?.id ?? snowflake(), name, type: 3, target_id: message.id, resolved: { messages: { [message.id]: resolved } } },
    },
    { ...context, channelId: context.channelId ?? message.channel_id },
  );
}

export type RequestMatch = (request: RecordedRequest) => boolean;

/** Failures injected on matching requests, each for a given number of requests. */
export class Faults {
  private readonly pending: Array<{ match: RequestMatch; left: number; reply: () => Reply }> = [];
  readonly injected: RecordedRequest[] = [];

  constructor(emu: DiscordEmulator) {
    emu.interceptors.push((request) => {
      const fault = this.pending.find((f) => f.left > 0 && f.match(request));
      if (!fault) return undefined;
      fault.left--;
      this.injected.push(request);
      return fault.reply();
    });
  }

  /** 429 Too Many Requests with `retry_after` (body, seconds as a float) and Retry-After (header), as Discord sends them. */
  rateLimit(match: RequestMatch, retryAfterSeconds = 0.5, times = 1): void {
    this.pending.push({
      match,
      left: times,
      reply: () => ({
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
        headers: {
          'retry-after': String(retryAfterSeconds),
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(retryAfterSeconds),
          'x-ratelimit-bucket': 'emulated-bucket',
          'x-ratelimit-scope': 'user',
        },
      }),
    });
  }

  /** 403 Missing Permissions (50013). */
  missingPermissions(match: RequestMatch, times = 1): void {
    this.pending.push({ match, left: times, reply: () => ({ status: 403, body: { message: 'Missing Permissions', code: 50013 } }) });
  }

  /** 404 Unknown interaction (10062): the callback of this interaction arrives too late. */
  expire(handle: InteractionHandle): void {
    this.pending.push({
      match: (r) => r.method === 'POST' && r.path === handle.callbackPath,
      left: 1,
      reply: () => ({ status: 404, body: { message: 'Unknown interaction', code: 10062 } }),
    });
  }
}
