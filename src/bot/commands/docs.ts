import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../context.js';
import { renderDocsPage } from '../render/sources.js';

export const data = new SlashCommandBuilder().setName('docs').setDescription('List the documents Footnote answers from, with dates');

export async function execute(...[interaction, ctx]: Parameters<Command['execute']>): Promise<void> {
  await interaction.reply({ ...renderDocsPage(ctx.docs(), 0), flags: MessageFlags.Ephemeral });
}

export default { data, execute } satisfies Command;
