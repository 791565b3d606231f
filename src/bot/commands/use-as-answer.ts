import { ApplicationCommandType, ContextMenuCommandBuilder, InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { moderator } from '../command-guards.js';
import type { MessageCommand } from '../context.js';
import { cutText, escapeText, inlineText } from '../text-format.js';
import { replyPrivately } from '../respond.js';

/** Most a learned answer keeps: Discord messages are at most 4,000 characters. */
const MAX_ANSWER = 4000;

export const data = new ContextMenuCommandBuilder()
  .setName('Use as answer')
  .setType(ApplicationCommandType.Message)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .setContexts(InteractionContextType.Guild);

/** Marks a member's reply in a thread as the answer to the thread's question and indexes it in the `learned` collection. */
export async function execute(...[interaction, ctx]: Parameters<MessageCommand['execute']>): Promise<void> {
  const message = interaction.targetMessage;
  const channel = interaction.channel;
  if (!interaction.inGuild() || !channel?.isThread()) return replyPrivately(interaction, 'Use this on a reply inside a thread or forum post.');
  if (message.author.bot) return replyPrivately(interaction, 'Pick a reply written by a member, not by a bot.');
  const text = message.content.trim().slice(0, MAX_ANSWER);
  if (!text) return replyPrivately(interaction, 'That message has no text to learn from.');
  const question = (await ctx.state.thread(channel.id))?.question ?? channel.name;
  // Re-indexing may take longer than Discord's 3 seconds.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const learned = await ctx.learned.add({
    guildId: interaction.guildId,
    channelId: channel.parentId ?? channel.id,
    threadId: channel.id,
    messageId: message.id,
    question,
    answer: text,
    authorName: message.member?.displayName ?? message.author.displayName,
    link: message.url,
    createdBy: ctx.state.hash(interaction.user.id),
  });
  ctx.logger.info({ learnedId: learned.id, threadId: channel.id }, 'learned an answer');
  await interaction.editReply({
    content: `Learned: questions like “${cutText(escapeText(question), 200)}” are now answered from ${inlineText(learned.authorName, 80)}’s reply, with a link to it. See /learned.`,
    allowedMentions: { parse: [] },
  });
}

export default { data, guard: moderator, execute } satisfies MessageCommand;
