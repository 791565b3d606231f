import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../context.js';
import { renderSource, sourceChoices } from '../render/sources.js';

export const data = new SlashCommandBuilder()
  .setName('source')
  .setDescription('Show the passage behind a citation, or a whole document')
  .addStringOption((o) =>
    o.setName('ref').setDescription('A passage id from a citation (doc.txt#3) or a document id').setRequired(true).setAutocomplete(true).setMaxLength(500),
  )
  .addBooleanOption((o) => o.setName('public').setDescription('Show it to everyone in the channel (default: only you)'));

export async function execute(...[interaction, ctx]: Parameters<Command['execute']>): Promise<void> {
  // The ref is looked up in the index's own maps; it is never used as a path. Unknown refs are a user error.
  const source = await ctx.engine.source(interaction.options.getString('ref', true));
  const isPublic = interaction.options.getBoolean('public') ?? false;
  await interaction.reply({ ...renderSource(source), ...(isPublic ? {} : { flags: MessageFlags.Ephemeral }) });
}

/** Recent citation ids and document titles matching what was typed, from memory. */
export async function autocomplete(...[interaction, ctx]: Parameters<NonNullable<Command['autocomplete']>>): Promise<void> {
  const typed = interaction.options.getFocused();
  await interaction.respond(sourceChoices(typed, ctx.docs(), ctx.recent.list()));
}

export default { data, execute, autocomplete } satisfies Command;
