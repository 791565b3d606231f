/** `/search`, `/source` and `/docs` as Discord messages, and `/source`'s autocomplete choices. */
import { ButtonStyle, ComponentType, type APIApplicationCommandOptionChoice, type APIButtonComponentWithCustomId, type APIEmbed } from 'discord.js';
import type { SourceResult } from '../../core/engine.js';
import { describeLocation, locate } from '../../core/locate.js';
import type { DocumentInfo, Passage } from '../../core/types.js';
import { cutText, escapeText, inlineText, plainLabel } from '../text-format.js';
import { clampEmbed, code, COLOR, dated, fitFields, inline, LIMITS, NO_MENTIONS, quoteBlock, sourceButtons, span, whereLine, type ButtonRow, type MessageParts } from './message.js';

export function renderSearch(query: string, passages: Passage[]): MessageParts {
  const title = inlineText(`Search: ${query}`, LIMITS.embedTitle);
  if (passages.length === 0)
    return { content: 'No passages found.', embeds: [], components: [], allowedMentions: NO_MENTIONS };
  const fields = passages.map((p, i) => ({
    name: `${i + 1}. ${inline(p.doc.title)}${dated(p.doc.date)} · score ${p.score.toFixed(4)}`,
    value: (max: number) => {
      const meta = `${code(p.chunk.id)} · ${span(p.chunk.start, p.chunk.end)}${whereLine(locate(p.doc, p.chunk.start))}`;
      return `${meta}\n${quoteBlock(p.chunk.text, Math.min(max, 450) - meta.length - 1)}`;
    },
  }));
  const embed: APIEmbed = { title, color: COLOR, fields: fitFields(fields, title.length + 40) };
  const buttons = sourceButtons(passages.map((p, i) => ({ n: i + 1, chunkId: p.chunk.id, title: p.doc.title })), 2);
  return { embeds: [embed], components: buttons, allowedMentions: NO_MENTIONS };
}

/** A passage or a whole document, escaped and cut to one embed. */
export function renderSource(source: SourceResult): MessageParts {
  const doc = source.doc;
  const title = inlineText(`${doc.title}${dated(doc.date)}`, LIMITS.embedTitle);
  if (source.kind === 'chunk') {
    const c = source.chunk;
    const embed: APIEmbed = {
      title,
      color: COLOR,
      description: cutText(escapeText(c.text.trim()), LIMITS.embedDescription),
      fields: [
        { name: 'Document', value: code(doc.id), inline: true },
        { name: 'Passage', value: code(c.id), inline: true },
        { name: 'Span', value: span(c.start, c.end), inline: true },
        ...where(doc, c.start),
      ],
    };
    return { embeds: [clampEmbed(embed)], components: [], allowedMentions: NO_MENTIONS };
  }
  const paragraphs = source.text.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  const description = cutText(escapeText(paragraphs), LIMITS.embedDescription - 200);
  const shown = description.length < escapeText(paragraphs).length;
  const footer = shown
    ? `Showing the start of ${doc.chars} characters. Open a passage with /source ${doc.id}#0 … #${doc.chunks - 1}.`
    : `${doc.chars} characters · ${doc.chunks} passages`;
  const embed: APIEmbed = {
    title,
    color: COLOR,
    description,
    fields: [{ name: 'Document', value: code(doc.id), inline: true }],
    footer: { text: plainLabel(footer, LIMITS.embedFooter) },
  };
  return { embeds: [clampEmbed(embed)], components: [], allowedMentions: NO_MENTIONS };
}

/** A "Where" field (page, section) for documents that have them. */
function where(doc: DocumentInfo, offset: number): Array<{ name: string; value: string; inline: boolean }> {
  const text = describeLocation(locate(doc, offset));
  return text ? [{ name: 'Where', value: escapeText(plainLabel(text, 200)), inline: false }] : [];
}

export const DOCS_PAGE_SIZE = 10;

export function docsPageCount(total: number): number {
  return Math.max(1, Math.ceil(total / DOCS_PAGE_SIZE));
}

/** One page of `/docs`, with ◀ ▶ buttons whose ids carry only the page number. */
export function renderDocsPage(docs: DocumentInfo[], requestedPage: number): MessageParts {
  const pages = docsPageCount(docs.length);
  const page = Math.min(Math.max(0, Math.trunc(requestedPage) || 0), pages - 1);
  const slice = docs.slice(page * DOCS_PAGE_SIZE, (page + 1) * DOCS_PAGE_SIZE);
  const lines = slice.map((d, i) => {
    const n = page * DOCS_PAGE_SIZE + i + 1;
    const title = inlineText(d.title, 180);
    return `**${n}.** ${title} — ${d.date ?? 'no date'} · ${d.chunks} passages\n${code(plainLabel(d.id, 120))}`;
  });
  const embed: APIEmbed = {
    title: `Documents (${docs.length})`,
    color: COLOR,
    description: cutText(lines.join('\n'), LIMITS.embedDescription) || 'The index holds no documents.',
    footer: { text: `Page ${page + 1} of ${pages} · open one with /source <document id>` },
  };
  const nav = (label: string, target: number, disabled: boolean): APIButtonComponentWithCustomId => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: `docs:${target}:${label === '◀ Previous' ? 'p' : 'n'}`,
    label,
    disabled,
  });
  const components: ButtonRow[] =
    pages > 1
      ? [{ type: ComponentType.ActionRow, components: [nav('◀ Previous', page - 1, page === 0), nav('Next ▶', page + 1, page >= pages - 1)] }]
      : [];
  return { embeds: [embed], components, allowedMentions: NO_MENTIONS };
}

export interface RecentCitation {
  chunkId: string;
  title: string;
}

/**
 * `/source` choices: recent citation ids first, then document titles, filtered
 * by what was typed; at most 25, each name and value at most 100 characters.
 */
export function sourceChoices(
  typed: string,
  docs: readonly DocumentInfo[],
  recent: readonly RecentCitation[],
): APIApplicationCommandOptionChoice<string>[] {
  const needle = typed.trim().toLowerCase();
  const matches = (...hay: string[]) => !needle || hay.some((h) => h.toLowerCase().includes(needle));
  const choices: APIApplicationCommandOptionChoice<string>[] = [];
  const seen = new Set<string>();
  const add = (name: string, value: string) => {
    if (choices.length >= LIMITS.choices || seen.has(value) || value.length > LIMITS.choiceValue) return;
    seen.add(value);
    choices.push({ name: plainLabel(name, LIMITS.choiceName), value });
  };
  for (const r of recent) if (matches(r.chunkId, r.title)) add(`${r.chunkId} — ${r.title}`, r.chunkId);
  for (const d of docs) if (matches(d.id, d.title)) add(`${d.title}${dated(d.date)}`, d.id);
  return choices;
}
