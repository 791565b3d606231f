import { ChannelType, InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { CHANNEL_MODES, type ChannelMode } from '../../core/state/state-store.js';
import { autocompleteCollections, parseCollections } from '../collection-option.js';
import { manageServer } from '../command-guards.js';
import type { Command } from '../context.js';
import { escapeText } from '../text-format.js';

const MODE_HELP: Record<ChannelMode, string> = {
  off: 'never answers there',
  mention: 'answers mentions and follow-ups in its threads',
  auto: 'answers every question-looking message and every new forum post',
  confident: 'like auto, but stays silent when it would say "not in the documents"',
};

export const data = new SlashCommandBuilder()
  .setName('config')
  .setDescription('Where and how the bot answers (Manage Server only)')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((s) =>
    s
      .setName('channel')
      .setDescription('Set a channel’s mode and collections')
      .addChannelOption((o) =>
        o.setName('channel').setDescription('A text or forum channel').setRequired(true).addChannelTypes(ChannelType.GuildText, ChannelType.GuildForum, ChannelType.GuildAnnouncement),
      )
      .addStringOption((o) =>
        o.setName('mode').setDescription('When it answers there').setRequired(true).addChoices(...CHANNEL_MODES.map((m) => ({ name: `${m}: ${MODE_HELP[m]}`.slice(0, 100), value: m }))),
      )
      .addStringOption((o) =>
        o.setName('collection').setDescription('Answer only from these collections (comma-separated); empty: all').setAutocomplete(true).setMaxLength(200),
      ),
  )
  .addSubcommand((s) => s.setName('show').setDescription('Show every channel’s mode and collections'));

export async function execute(...[interaction, ctx]: Parameters<Command['execute']>): Promise<void> {
  if (!interaction.inGuild()) return;
  if (interaction.options.getSubcommand() === 'show') {
    const configured = await ctx.state.listChannels(interaction.guildId);
    const lines = configured.map((c) => `<#${c.channelId}>: **${c.mode}**${c.collections.length ? ` · ${escapeText(c.collections.join(', '))}` : ''}`);
    for (const id of ctx.config.answerChannelIds)
      if (!configured.some((c) => c.channelId === id)) lines.push(`<#${id}>: **auto** (from ANSWER_CHANNEL_IDS)`);
    const text = [
      lines.length ? lines.join('\n') : 'No channel is configured.',
      'Every other channel: **mention**.',
      ctx.config.messageContent ? '' : '⚠️ Message Content is off (MESSAGE_CONTENT=false): auto/confident see forum post titles and mentions only.',
    ].filter(Boolean);
    await interaction.reply({ content: text.join('\n').slice(0, 2000), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    return;
  }
  const channel = interaction.options.getChannel('channel', true);
  const mode = interaction.options.getString('mode', true) as ChannelMode;
  if (!CHANNEL_MODES.includes(mode)) throw new Error(`unknown mode ${mode}`);
  const collections = parseCollections(interaction.options.getString('collection'), ctx, true);
  await ctx.state.setChannel({ channelId: channel.id, guildId: interaction.guildId, mode, collections }, interaction.user.id);
  ctx.logger.info({ channelId: channel.id, mode, collections, by: ctx.state.hash(interaction.user.id) }, 'channel configured');
  const warn = (mode === 'auto' || mode === 'confident') && !ctx.config.messageContent
    ? '\n⚠️ Message Content is off (set MESSAGE_CONTENT=true and enable the intent): only forum post titles and mentions can be read.'
    : '';
  await interaction.reply({
    content: `<#${channel.id}> is now **${mode}** (${MODE_HELP[mode]})${collections.length ? `, answering from ${escapeText(collections.join(', '))}` : ''}.${warn}`,
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

export default { data, guard: manageServer, execute, autocomplete: autocompleteCollections } satisfies Command;
