import { AttachmentBuilder, InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { buildReport } from '../../core/report/question-report.js';
import { reportHtml } from '../../core/report/report-html.js';
import { manageServer } from '../command-guards.js';
import type { Command } from '../context.js';
import { cutText, escapeText } from '../text-format.js';

const DAY_MS = 86_400_000;

export const data = new SlashCommandBuilder()
  .setName('report')
  .setDescription('What people asked and what the documents could not answer (Manage Server only, private)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addIntegerOption((o) => o.setName('days').setDescription('How many days back (default 7)').setMinValue(1).setMaxValue(3650));

export async function execute(...[interaction, ctx]: Parameters<Command['execute']>): Promise<void> {
  const days = Math.min(3650, Math.max(1, interaction.options.getInteger('days') ?? 7));
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const now = Date.now();
  const report = await buildReport(ctx.state.store, { since: now - days * DAY_MS, now });
  const t = report.totals;
  const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
  const groups = report.groups
    .slice(0, 10)
    .map((g, i) => `${i + 1}. ×${g.size} “${cutText(escapeText(g.example), 150)}” (${g.abstained} abstained, ${g.downVoted} 👎)`);
  const content = [
    `**Last ${days} day${days === 1 ? '' : 's'}:** ${t.questions} questions · ${pct(t.abstentionRate)} abstained · ${pct(t.downVoteRate)} 👎`,
    report.days.slice(-7).map((d) => `\`${d.day}\` ${d.questions} asked, ${d.abstained} abstained, ${d.downVoted} 👎`).join('\n'),
    groups.length ? `**What the documents should cover next:**\n${groups.join('\n')}` : 'Every question was answered without a 👎.',
    'The attached page has the charts and every group.',
  ].filter(Boolean);
  const file = new AttachmentBuilder(Buffer.from(reportHtml(report), 'utf8'), { name: 'footnote-report.html' });
  await interaction.editReply({ content: cutText(content.join('\n\n'), 2000), files: [file], allowedMentions: { parse: [] } });
}

export default { data, guard: manageServer, execute } satisfies Command;
