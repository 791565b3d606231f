import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { autocompleteCollections, commandScope } from '../collection-option.js';
import type { Command } from '../context.js';
import { renderSearch } from '../render/sources.js';
import { replyPrivately } from '../respond.js';

export const data = new SlashCommandBuilder()
  .setName('search')
  .setDescription('List the passages that best match a query, with scores (no answer)')
  .addStringOption((o) => o.setName('query').setDescription('Words to look for').setRequired(true).setMaxLength(4000))
  .addIntegerOption((o) => o.setName('count').setDescription('How many passages (1-10, default 5)').setMinValue(1).setMaxValue(10))
  .addStringOption((o) =>
    o.setName('collection').setDescription('Only this collection (a top-level corpus folder; comma-separate several)').setAutocomplete(true).setMaxLength(200),
  )
  .addBooleanOption((o) => o.setName('public').setDescription('Show the results to everyone in the channel (default: only you)'));

export async function execute(...[interaction, ctx]: Parameters<Command['execute']>): Promise<void> {
  const admitted = ctx.admit(interaction.user.id, interaction.options.getString('query', true));
  if (!admitted.ok) return replyPrivately(interaction, admitted.message);
  // Discord enforces 1-10; clamp anyway, the value comes from the network.
  const count = Math.min(10, Math.max(1, interaction.options.getInteger('count') ?? 5));
  const isPublic = interaction.options.getBoolean('public') ?? false;
  const collections = await commandScope(interaction, ctx);
  await interaction.deferReply(isPublic ? {} : { flags: MessageFlags.Ephemeral });
  const passages = await ctx.queue.run(() => ctx.engine.search(admitted.question, count, collections));
  await interaction.editReply(renderSearch(admitted.question, passages));
}

export default { data, execute, autocomplete: autocompleteCollections } satisfies Command;
