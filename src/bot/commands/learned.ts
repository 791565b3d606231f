import { ButtonStyle, ComponentType, InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { moderator } from '../command-guards.js';
import type { Command } from '../context.js';
import { cutText, escapeText, inlineText } from '../text-format.js';

const PAGE = 5;

export const data = new SlashCommandBuilder()
  .setName('learned')
  .setDescription('Answers moderators taught the bot with "Use as answer" (newest first), with remove buttons')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .setContexts(InteractionContextType.Guild);

export async function execute(...[interaction, ctx]: Parameters<Command['execute']>): Promise<void> {
  if (!interaction.inGuild()) return;
  const items = await ctx.state.store.listLearned(interaction.guildId, PAGE);
  if (items.length === 0) {
    await interaction.reply({ content: 'No learned answers yet. Right-click a helpful reply in a thread → Apps → **Use as answer**.', flags: MessageFlags.Ephemeral });
    return;
  }
  const lines = items.map(
    (a, i) => `${i + 1}. **${cutText(escapeText(a.question), 150)}**\n   ${cutText(escapeText(a.answer), 200)}\n   by ${inlineText(a.authorName, 80)} · ${a.link}`,
  );
  await interaction.reply({
    content: cutText(lines.join('\n'), 2000),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
    components: [
      {
        type: ComponentType.ActionRow,
        components: items.map((a, i) => ({ type: ComponentType.Button, style: ButtonStyle.Danger, label: `Remove ${i + 1}`, custom_id: `learned:rm:${a.id}` })),
      },
    ],
  });
}

export default { data, guard: moderator, execute } satisfies Command;
