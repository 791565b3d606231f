import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { autocompleteCollections, commandScope } from '../collection-option.js';
import type { Command } from '../context.js';
import { replyPrivately } from '../respond.js';
import { streamedAnswer } from '../streamed-answer.js';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Answer a question from the documents, with numbered citations')
  .addStringOption((o) => o.setName('question').setDescription('What do you want to know?').setRequired(true).setMaxLength(4000))
  .addStringOption((o) =>
    o.setName('collection').setDescription('Only this collection (a top-level corpus folder; comma-separate several)').setAutocomplete(true).setMaxLength(200),
  )
  .addBooleanOption((o) => o.setName('public').setDescription('Show the answer to everyone in the channel (default: only you)'));

export async function execute(...[interaction, ctx]: Parameters<Command['execute']>): Promise<void> {
  const admitted = ctx.admit(interaction.user.id, interaction.options.getString('question', true));
  if (!admitted.ok) return replyPrivately(interaction, admitted.message);
  const isPublic = interaction.options.getBoolean('public') ?? false;
  const collections = await commandScope(interaction, ctx);
  await interaction.deferReply(isPublic ? {} : { flags: MessageFlags.Ephemeral });
  // A chat model's answer streams into the deferred reply, with a Stop button for the asker.
  await streamedAnswer(
    ctx,
    {
      question: admitted.question,
      userId: interaction.user.id,
      streamId: interaction.id,
      collections,
      asked: { guildId: interaction.guildId, channelId: interaction.channelId, userId: interaction.user.id },
    },
    (parts) => interaction.editReply(parts),
  );
}

export default { data, execute, autocomplete: autocompleteCollections } satisfies Command;
