import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../context.js';
import { renderHelp } from '../render/notices.js';

export const data = new SlashCommandBuilder().setName('help').setDescription('How to ask Footnote questions and open its sources');

export async function execute(...[interaction, ctx]: Parameters<Command['execute']>): Promise<void> {
  const help = renderHelp({
    answerChannels: ctx.config.answerChannelIds.length > 0,
    maxQuestionChars: ctx.config.maxQuestionChars,
    cooldown: ctx.describeCooldown(),
  });
  await interaction.reply({ ...help, flags: MessageFlags.Ephemeral });
}

export default { data, execute } satisfies Command;
