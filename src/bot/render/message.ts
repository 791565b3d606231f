/**
 * The shape of every message the bot sends, and the pieces the renderers share:
 * Discord's limits, inert mentions, source buttons, and fields cut to fit one
 * embed. Corpus text is escaped (markdown, mentions) before it is cut, with
 * the helpers of text-format.ts.
 */
import { createHash } from 'node:crypto';
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed, type APIEmbedField } from 'discord.js';
import { describeLocation } from '../../core/locate.js';
import { cutText, escapeText, neutralizeMentions, oneLine, plainLabel } from '../text-format.js';

export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFooter: 2048,
  embedTotal: 6000,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  threadName: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  buttonLabel: 80,
  customId: 100,
  buttonsPerRow: 5,
  rows: 5,
} as const;

/** Every message the bot sends carries this: nothing it echoes can ping anyone. */
export const NO_MENTIONS = { parse: [] as never[], repliedUser: false };

export const COLOR = 0x5865f2;

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

export interface MessageParts {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowedMentions: typeof NO_MENTIONS;
}

export const dated = (date: string | null) => (date ? ` (${date})` : '');
/** Ids are shown as inline code; a backtick would end it early. */
export const code = (id: string) => `\`${id.replace(/`/g, 'ʼ')}\``;
export const span = (start: number, end: number) => `chars ${start}–${end}`;
/** " · p. 3 · Setup › Intents" and a link for a web page, or ''. */
export function whereLine(loc: { page?: number | null; section?: string | null }, url?: string | null): string {
  const where = describeLocation({ page: loc.page ?? null, section: loc.section ?? null });
  const link = url && /^https?:\/\//.test(url) ? `[open page](${url.replace(/[()\s]/g, encodeURIComponent)})` : '';
  return [where && escapeText(plainLabel(where, 200)), link].filter(Boolean).map((x) => ` · ${x}`).join('');
}

/** The quoted span as an escaped block quote of at most `max` characters. */
export function quoteBlock(text: string, max: number): string {
  return `> ${cutText(escapeText(oneLine(text)), Math.max(0, max - 2))}`;
}

/** Custom ids carry only a chunk id; ids too long for Discord carry a hash of it instead. */
export function sourceButtonId(chunkId: string): string {
  const direct = `src:${chunkId}`;
  return direct.length <= LIMITS.customId ? direct : `srch:${chunkIdHash(chunkId)}`;
}

export function chunkIdHash(chunkId: string): string {
  return createHash('sha256').update(chunkId).digest('hex').slice(0, 24);
}

function rows(buttons: APIButtonComponentWithCustomId[], maxRows: number): ButtonRow[] {
  const out: ButtonRow[] = [];
  for (let i = 0; i < buttons.length && out.length < maxRows; i += LIMITS.buttonsPerRow)
    out.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  return out;
}

/** One button per distinct passage, labelled with its number and title. */
export function sourceButtons(items: { n: number; chunkId: string; title: string }[], maxRows: number): ButtonRow[] {
  const seen = new Set<string>();
  const buttons: APIButtonComponentWithCustomId[] = [];
  for (const item of items) {
    if (seen.has(item.chunkId)) continue;
    seen.add(item.chunkId);
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      custom_id: sourceButtonId(item.chunkId),
      label: plainLabel(`[${item.n}] ${item.title}`, LIMITS.buttonLabel),
    });
  }
  return rows(buttons.slice(0, maxRows * LIMITS.buttonsPerRow), maxRows);
}

/** Escaped one-line corpus text, for composing titles and field names. */
export const inline = (text: string) => escapeText(oneLine(text));

/** Fits fields into one embed (names already escaped): at most 25, each value cut to share what is left of 6000 characters. */
export function fitFields(fields: { name: string; value: (max: number) => string }[], used: number): APIEmbedField[] {
  const kept = fields.slice(0, LIMITS.fields).map((f) => ({ name: cutText(f.name, LIMITS.fieldName) || '…', value: f.value }));
  const names = kept.reduce((n, f) => n + f.name.length, 0);
  const each = Math.floor((LIMITS.embedTotal - used - names) / Math.max(1, kept.length));
  const max = Math.max(16, Math.min(LIMITS.fieldValue, each));
  return kept.map((f) => ({ name: f.name, value: cutText(f.value(max), max) || '—' }));
}

function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

export function clampEmbed(embed: APIEmbed): APIEmbed {
  const over = embedLength(embed) - LIMITS.embedTotal;
  if (over <= 0 || !embed.description) return embed;
  return { ...embed, description: cutText(embed.description, Math.max(0, embed.description.length - over)) };
}

/** A one-line user error or notice as a message body. */
export function notice(text: string): MessageParts {
  return { content: cutText(neutralizeMentions(text), LIMITS.content), embeds: [], components: [], allowedMentions: NO_MENTIONS };
}
