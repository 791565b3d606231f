/** The optional `collection` option of /ask, /search and /config: parsing and autocomplete from memory. */
import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import { LEARNED_COLLECTION } from '../core/collections.js';
import { userError } from '../core/errors.js';
import type { BotContext } from './context.js';

/** Comma-separated names, each checked against the index's collections (never used as a path). */
export function parseCollections(raw: string | null, ctx: BotContext, allowLearned = false): string[] {
  if (!raw) return [];
  const known = ctx.collections();
  const names = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))].slice(0, 25);
  for (const name of names) {
    if (!known.includes(name) && !(allowLearned && name === LEARNED_COLLECTION))
      throw userError('UNKNOWN_COLLECTION', name.slice(0, 100), known.join(', '));
  }
  return names;
}

/** The scope of a slash command: the option when given, else the channel's (or its parent's) collections. */
export async function commandScope(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<string[] | undefined> {
  const chosen = parseCollections(interaction.options.getString('collection'), ctx);
  if (chosen.length) return chosen;
  const channel = interaction.channel;
  const scopeId = channel?.isThread() ? (channel.parentId ?? channel.id) : interaction.channelId;
  return ctx.usableCollections((await ctx.state.channel(scopeId)).collections);
}

/** Collections matching what was typed (after the last comma), from memory. */
export async function autocompleteCollections(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const typed = interaction.options.getFocused();
  const cut = typed.lastIndexOf(',');
  const head = cut >= 0 ? `${typed.slice(0, cut + 1).replace(/\s+/g, '')}` : '';
  const last = typed.slice(cut + 1).trim().toLowerCase();
  const choices = ctx
    .collections()
    .filter((c) => c.toLowerCase().startsWith(last))
    .slice(0, 25)
    .map((c) => ({ name: `${head}${c}`.slice(0, 100), value: `${head}${c}`.slice(0, 100) }));
  await interaction.respond(choices);
}
