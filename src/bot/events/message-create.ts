import { cleanContent, Events, ThreadAutoArchiveDuration, type Message, type SendableChannels } from 'discord.js';
import type { BotContext } from '../context.js';
import { describeFailure } from '../respond.js';
import { NOTICES, notice, threadName, type MessageParts } from '../render.js';
import { streamedAnswer } from '../streamed-answer.js';
import type { BotEvent } from './types.js';

/** Notices in a public channel cannot be private: they are non-pinging replies removed after a while. */
const NOTICE_TTL_MS = 20_000;

type GuildMessage = Message<true>;

/** Is this message for the bot, and where should the answer go? */
function route(ctx: BotContext, message: GuildMessage): { mentioned: boolean; followUp: boolean } | null {
  const botId = message.client.user.id;
  const botRole = message.guild.roles.botRoleFor(botId);
  const mentioned = message.mentions.users.has(botId) || (botRole !== null && message.mentions.roles.has(botRole.id));
  const channel = message.channel;
  const followUp = channel.isThread() && (ctx.threads.knows(channel.id) || channel.ownerId === botId);
  const answerChannel = ctx.config.answerChannelIds.includes(message.channelId);
  return mentioned || followUp || answerChannel ? { mentioned, followUp } : null;
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
  const target = route(ctx, message);
  if (!target) return;
  const raw = questionText(message);
  if (!raw) {
    // Without the Message Content intent, plain messages in threads arrive empty: only a bare mention is answered.
    if (target.mentioned) await tell(ctx, message, NOTICES.emptyMention);
    return;
  }
  const admitted = ctx.admit(message.author.id, raw);
  if (!admitted.ok) {
    if (!admitted.repeat) await tell(ctx, message, admitted.message);
    return;
  }

  const started = performance.now();
  let channel: SendableChannels;
  if (message.channel.isThread()) channel = message.channel;
  else {
    try {
      channel = await message.startThread({ name: threadName(admitted.question), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay });
    } catch (err) {
      // No Create Public Threads permission, or a channel type without threads: answer in place.
      ctx.logger.warn({ err, channelId: message.channelId }, 'could not start a thread; replying in the channel');
      channel = message.channel;
    }
  }
  void channel.sendTyping().catch(() => {});
  const history = ctx.threads.turns(channel.id);
  const inPlace = channel.id === message.channelId && !message.channel.isThread();
  let sent: Message | null = null;
  const show = async (parts: MessageParts) => {
    if (sent) await sent.edit(parts);
    else sent = inPlace ? await message.reply({ ...parts, allowedMentions: { parse: [], repliedUser: false } }) : await channel.send(parts);
  };
  const { answer } = await streamedAnswer(ctx, { question: admitted.question, history, userId: message.author.id, streamId: message.id }, show);
  if (channel.isThread()) ctx.threads.record(channel.id, answer);
  ctx.logger.debug({ channelId: channel.id, followUp: history.length > 0, ms: Math.round(performance.now() - started) }, 'answered a message');
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
