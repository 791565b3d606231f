import { ChannelType, cleanContent, Events, ThreadAutoArchiveDuration, type Message, type SendableChannels } from 'discord.js';
import type { BotContext } from '../context.js';
import { routeMessage, type MessageRoute } from '../channel-policy.js';
import { isMissingPermission } from '../discord-errors.js';
import { describeFailure } from '../respond.js';
import type { Answer } from '../../core/types.js';
import { threadName } from '../render/answer.js';
import { notice, type MessageParts } from '../render/message.js';
import { NOTICES } from '../render/notices.js';
import { streamedAnswer } from '../streamed-answer.js';
import type { BotEvent } from './types.js';

/** Notices in a public channel cannot be private: they are non-pinging replies removed after a while. */
const NOTICE_TTL_MS = 20_000;

type GuildMessage = Message<true>;

/** Is this message for the bot, by its channel's mode (threads and forum posts take their parent's)? */
async function route(ctx: BotContext, message: GuildMessage, text: string): Promise<MessageRoute | null> {
  const botId = message.client.user.id;
  const botRole = message.guild.roles.botRoleFor(botId);
  const mentioned = message.mentions.users.has(botId) || (botRole !== null && message.mentions.roles.has(botRole.id));
  const channel = message.channel;
  const inThread = channel.isThread();
  const settings = await ctx.state.channel(inThread ? (channel.parentId ?? channel.id) : channel.id);
  const forumStarter = inThread && channel.parent?.type === ChannelType.GuildForum && message.id === channel.id;
  const knownThread = inThread && !forumStarter && (channel.ownerId === botId || (await ctx.state.knowsThread(channel.id)));
  return routeMessage({ mode: settings.mode, mentioned, forumStarter, knownThread, inThread, text });
}

/** The question without the bot's mention; other mentions become plain names. */
function questionText(message: GuildMessage): string {
  const botId = message.client.user.id;
  const botRole = message.guild.roles.botRoleFor(botId);
  let text = message.content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ');
  if (botRole) text = text.replaceAll(`<@&${botRole.id}>`, ' ');
  return cleanContent(text, message.channel).replace(/\s+/g, ' ').trim();
}

async function tell(ctx: BotContext, message: GuildMessage, text: string): Promise<void> {
  const sent = await message.reply({ ...notice(text), allowedMentions: { parse: [], repliedUser: false } });
  setTimeout(() => void sent.delete().catch(() => {}), NOTICE_TTL_MS).unref();
  ctx.logger.debug({ channelId: message.channelId }, 'sent a notice');
}

async function handle(ctx: BotContext, message: Message): Promise<void> {
  // Bots (including this one), webhooks, system messages and @everyone/@here pings are never questions.
  if (message.author.bot || message.webhookId || message.system || !message.inGuild()) return;
  if (message.mentions.everyone) return;
  const body = questionText(message);
  const target = await route(ctx, message, body);
  if (!target) return;
  const channel = message.channel;
  // A forum post's title is part of its question (and the whole of it without Message Content).
  const raw = target.kind === 'forum-post' && channel.isThread() ? `${channel.name}${body ? `. ${body}` : ''}` : body;
  if (!raw) {
    // Without the Message Content intent, plain messages in threads arrive empty: only a bare mention is answered.
    if (target.kind === 'mention') await tell(ctx, message, NOTICES.emptyMention);
    return;
  }
  const admitted = ctx.admit(message.author.id, raw);
  if (!admitted.ok) {
    if (!admitted.repeat && !target.confident) await tell(ctx, message, admitted.message);
    return;
  }

  const started = performance.now();
  void channel.sendTyping().catch(() => {});
  const scopeId = channel.isThread() ? (channel.parentId ?? channel.id) : channel.id;
  const { collections } = await ctx.state.channel(scopeId);
  const history = channel.isThread() ? await ctx.state.turns(channel.id) : [];
  const ask = {
    question: admitted.question,
    history,
    userId: message.author.id,
    streamId: message.id,
    collections: ctx.usableCollections(collections),
    asked: { guildId: message.guildId, channelId: channel.id, userId: message.author.id },
  };
  let ready: { answer: Answer; parts: MessageParts } | null = null;
  if (target.confident) {
    // `confident` channels stay silent rather than say "not in the documents": answer before showing anything.
    ready = await streamedAnswer(ctx, { ...ask, live: false }, async () => {});
    if (ready.answer.abstained) {
      ctx.logger.debug({ channelId: channel.id }, 'abstained silently (confident mode)');
      return;
    }
  }

  let thread: SendableChannels = channel;
  if (!channel.isThread()) {
    try {
      thread = await message.startThread({ name: threadName(admitted.question), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay });
    } catch (err) {
      // No Create Public Threads permission, or a channel type without threads: answer in place.
      if (isMissingPermission(err)) ctx.permissionWarnings.warn(message.channelId, 'Create Public Threads', err);
      else ctx.logger.warn({ err, channelId: message.channelId }, 'could not start a thread; replying in the channel');
    }
  }
  if (thread.isThread()) {
    // Remembered before the answer is posted, so a reply typed the moment it appears is already a follow-up.
    await ctx.state.rememberThread({
      threadId: thread.id,
      channelId: thread.parentId ?? message.channelId,
      guildId: message.guildId,
      question: admitted.question,
      kind: target.kind === 'forum-post' || thread.parent?.type === ChannelType.GuildForum ? 'forum' : 'thread',
      createdAt: Date.now(),
    });
  }
  const inPlace = thread.id === message.channelId && !channel.isThread();
  let sent: Message | null = null;
  const show = async (parts: MessageParts) => {
    if (sent) await sent.edit(parts);
    else sent = inPlace ? await message.reply({ ...parts, allowedMentions: { parse: [], repliedUser: false } }) : await thread.send(parts);
  };
  let answer: Answer;
  try {
    if (ready) await show(ready.parts);
    answer = ready ? ready.answer : (await streamedAnswer(ctx, ask, show)).answer;
  } catch (err) {
    if (!isMissingPermission(err)) throw err;
    ctx.permissionWarnings.warn(thread.id, channel.isThread() ? 'Send Messages in Threads' : 'Send Messages', err);
    return;
  }
  if (thread.isThread()) {
    await ctx.state.recordTurn(thread.id, answer);
    if (answer.abstained) await ctx.handOff(thread);
  }
  ctx.logger.debug({ channelId: thread.id, route: target.kind, followUp: history.length > 0, ms: Math.round(performance.now() - started) }, 'answered a message');
}

export default {
  name: Events.MessageCreate,
  async execute(ctx, message) {
    try {
      await handle(ctx, message);
    } catch (err) {
      const text = describeFailure(err, ctx.logger, { kind: 'message', channelId: message.channelId });
      if (message.inGuild()) await tell(ctx, message, text).catch(() => {});
    }
  },
} satisfies BotEvent<Events.MessageCreate>;
