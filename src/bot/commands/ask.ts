import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../context.js';
import { renderStreaming } from '../render.js';
import { replyPrivately } from '../respond.js';
import { StreamingReply } from '../stream-reply.js';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Answer a question from the documents, with numbered citations')
  .addStringOption((o) => o.setName('question').setDescription('What do you want to know?').setRequired(true).setMaxLength(4000))
  .addBooleanOption((o) => o.setName('public').setDescription('Show the answer to everyone in the channel (default: only you)'));

export async function execute(...[interaction, ctx]: Parameters<Command['execute']>): Promise<void> {
  const admitted = ctx.admit(interaction.user.id, interaction.options.getString('question', true));
  if (!admitted.ok) return replyPrivately(interaction, admitted.message);
  const isPublic = interaction.options.getBoolean('public') ?? false;
  await interaction.deferReply(isPublic ? {} : { flags: MessageFlags.Ephemeral });
  // A chat model's answer streams into the deferred reply, with a Stop button for the asker.
  const streamId = interaction.id;
  const controller = new AbortController();
  ctx.streams.set(streamId, { userId: interaction.user.id, controller });
  const live = new StreamingReply(
    (text) => interaction.editReply(renderStreaming(text, streamId)),
    (err) => ctx.logger.warn({ err, streamId }, 'could not show the streaming answer'),
  );
  try {
    const { parts } = await ctx.answer(admitted.question, [], { onText: (text) => live.update(text), signal: controller.signal });
    await live.close();
    await interaction.editReply(parts);
  } finally {
    await live.close();
    ctx.streams.delete(streamId);
  }
}

export default { data, execute } satisfies Command;
