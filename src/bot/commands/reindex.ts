import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../context.js';
import { NOTICES, renderReindex } from '../render/notices.js';
import { replyPrivately } from '../respond.js';

export const data = new SlashCommandBuilder()
  .setName('reindex')
  .setDescription('Rebuild the index from the corpus folder (Manage Server only)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

export async function execute(...[interaction, ctx]: Parameters<Command['execute']>): Promise<void> {
  // default_member_permissions can be overridden per server; check again here.
  if (!interaction.inGuild() || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    ctx.logger.warn({ userId: interaction.user.id }, 'refused /reindex without Manage Server');
    return replyPrivately(interaction, NOTICES.notAllowed);
  }
  if (ctx.reindexing) return replyPrivately(interaction, NOTICES.reindexBusy);
  ctx.reindexing = true;
  try {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    ctx.logger.info({ userId: interaction.user.id }, 're-indexing on request');
    const report = await ctx.engine.reindex();
    ctx.indexChanged();
    ctx.logger.info({ documents: report.documents, chunks: report.chunks, ms: Math.round(report.ms) }, 're-indexed');
    // The reply shows the first few skipped files; the log keeps every one.
    for (const s of report.skipped) ctx.logger.warn({ file: s.id, reason: s.reason }, 'skipped a file');
    await interaction.editReply({ content: renderReindex(report), allowedMentions: { parse: [] } });
  } finally {
    ctx.reindexing = false;
  }
}

export default { data, execute } satisfies Command;
