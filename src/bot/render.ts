/**
 * Everything the bot shows, shaped to Discord's limits in this one module.
 * Corpus text is escaped (markdown, mentions) before it is cut, with the
 * helpers of text-format.ts.
 */
import { createHash } from 'node:crypto';
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import type { SourceResult } from '../core/engine.js';
import type { IngestReport } from '../core/ingest.js';
import { describeLocation, locate } from '../core/locate.js';
import { ABSTAIN_TEXT } from '../core/answerer.js';
import type { Answer, Citation, DocumentInfo, Passage } from '../core/types.js';
import { cutText, escapeText, inlineText, neutralizeMentions, oneLine, plainLabel } from './text-format.js';

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

const COLOR = 0x5865f2;

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

export interface MessageParts {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowedMentions: typeof NO_MENTIONS;
}

// ------------------------------------------------------------------ small pieces

const dated = (date: string | null) => (date ? ` (${date})` : '');
/** Ids are shown as inline code; a backtick would end it early. */
const code = (id: string) => `\`${id.replace(/`/g, 'ʼ')}\``;
const span = (start: number, end: number) => `chars ${start}–${end}`;
/** " · p. 3 · Setup › Intents" and a link for a web page, or ''. */
function whereLine(loc: { page?: number | null; section?: string | null }, url?: string | null): string {
  const where = describeLocation({ page: loc.page ?? null, section: loc.section ?? null });
  const link = url && /^https?:\/\//.test(url) ? `[open page](${url.replace(/[()\s]/g, encodeURIComponent)})` : '';
  return [where && escapeText(plainLabel(where, 200)), link].filter(Boolean).map((x) => ` · ${x}`).join('');
}

/** The quoted span as an escaped block quote of at most `max` characters. */
function quoteBlock(text: string, max: number): string {
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
function sourceButtons(items: { n: number; chunkId: string; title: string }[], maxRows: number): ButtonRow[] {
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

function feedbackRow(answerId: string): ButtonRow {
  const button = (vote: 'up' | 'down', emoji: string, label: string): APIButtonComponentWithCustomId => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: `fb:${vote}:${answerId}`,
    emoji: { name: emoji },
    label,
  });
  return { type: ComponentType.ActionRow, components: [button('up', '👍', 'Helpful'), button('down', '👎', 'Not helpful')] };
}

/** Escaped one-line corpus text, for composing titles and field names. */
const inline = (text: string) => escapeText(oneLine(text));

/** Fits fields into one embed (names already escaped): at most 25, each value cut to share what is left of 6000 characters. */
function fitFields(fields: { name: string; value: (max: number) => string }[], used: number): APIEmbedField[] {
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

// ------------------------------------------------------------------ answers

export interface AnswerView {
  /** Short id carried by the feedback buttons. */
  answerId: string;
  /** A Discord jump link for a cited document (learned answers cite the moderator's reply). */
  links?: (docId: string) => string | undefined;
}

function citationField(c: Citation, link: string | undefined) {
  return {
    name: `[${c.n}] ${inline(c.title)}${dated(c.date)}`,
    value: (max: number) => {
      const meta = `${code(c.chunkId)} · ${span(c.start, c.end)}${whereLine(c, c.url)}${link ? ` · [reply in Discord](${link})` : ''}`;
      return `${meta}\n${quoteBlock(c.quote, max - meta.length - 1)}`;
    },
  };
}

function nearestField(p: Passage, i: number) {
  return {
    name: `${i + 1}. ${inline(p.doc.title)}${dated(p.doc.date)}`,
    value: (max: number) => {
      const meta = `${code(p.chunk.id)} · ${span(p.chunk.start, p.chunk.end)}${whereLine(locate(p.doc, p.chunk.start))}`;
      return `${meta}\n${quoteBlock(p.chunk.text, Math.min(max, 400) - meta.length - 1)}`;
    },
  };
}

/** The answerer's own **bold** (the short answer inside its quote) survives the escaping of the corpus text around it. */
const restoreBold = (escaped: string) => escaped.replace(/\\\*\\\*([^*\n]{1,200}?)\\\*\\\*/g, '**$1**');

/** An answer: the text with `[n]` markers, a sources embed, a button per source, and 👍/👎. */
export function renderAnswer(answer: Answer, view: AnswerView): MessageParts {
  if (answer.abstained) {
    const nearest = answer.passages.slice(0, 3);
    // The standard abstention already says "in the corpus": say it once.
    const content = cutText(answer.text === ABSTAIN_TEXT ? '**Not in the corpus.**' : `**Not in the corpus.** ${escapeText(answer.text)}`, LIMITS.content);
    const embeds: APIEmbed[] = nearest.length
      ? [{ title: 'Nearest sources', color: COLOR, fields: fitFields(nearest.map(nearestField), 'Nearest sources'.length) }]
      : [];
    const buttons = sourceButtons(nearest.map((p, i) => ({ n: i + 1, chunkId: p.chunk.id, title: p.doc.title })), 1);
    return { content, embeds, components: [...buttons, feedbackRow(view.answerId)], allowedMentions: NO_MENTIONS };
  }
  const escaped = cutText(escapeText(answer.text), LIMITS.content);
  // Asterisks in a quote are the corpus's own: then nothing is restored (the answerer bolds no sentence holding one).
  const content = answer.citations.some((c) => c.quote.includes('*')) ? escaped : restoreBold(escaped);
  const title = answer.citations.length === 1 ? 'Source' : 'Sources';
  const embed: APIEmbed = { title, color: COLOR, fields: fitFields(answer.citations.map((c) => citationField(c, view.links?.(c.docId))), title.length) };
  const buttons = sourceButtons(
    answer.citations.map((c) => ({ n: c.n, chunkId: c.chunkId, title: c.title })),
    LIMITS.rows - 1,
  );
  return { content, embeds: [embed], components: [...buttons, feedbackRow(view.answerId)], allowedMentions: NO_MENTIONS };
}

/** A thread named after the question: one line, at most 100 characters. */
export function threadName(question: string): string {
  return plainLabel(question.replace(/<@[!&]?\d+>/g, ''), LIMITS.threadName, 'Question');
}

// ------------------------------------------------------------------ search, source, docs

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

function clampEmbed(embed: APIEmbed): APIEmbed {
  const over = embedLength(embed) - LIMITS.embedTotal;
  if (over <= 0 || !embed.description) return embed;
  return { ...embed, description: cutText(embed.description, Math.max(0, embed.description.length - over)) };
}

// ------------------------------------------------------------------ autocomplete

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

// ------------------------------------------------------------------ help, reindex, notices

export function renderHelp(options: { answerChannels: boolean; maxQuestionChars: number; cooldown: string }): MessageParts {
  const fields: APIEmbedField[] = [
    { name: '@Footnote <question>', value: 'Answers in a new thread named after the question. Ask follow-ups in that thread (mention me) and I use the earlier turns.' },
    { name: '/ask question [public]', value: 'A short answer with [n] citations and a button per source. Only you see it unless public is true.' },
    { name: '/search query [count]', value: 'The best matching passages with their scores, no answer (count 1–10).' },
    { name: '/source ref', value: 'The passage behind a citation (its id, like `doc.txt#3`) or a whole document. Start typing for suggestions.' },
    { name: '/docs', value: 'The documents I answer from, with dates, a page at a time.' },
    { name: '/reindex', value: 'Rebuilds the index from the corpus folder (Manage Server only).' },
  ];
  if (options.answerChannels)
    fields.push({ name: 'Answer channels', value: 'In the configured answer channels every message is treated as a question.' });
  return {
    embeds: [
      {
        title: 'Footnote',
        color: COLOR,
        description:
          'I answer questions about a fixed set of documents and show exactly where each answer comes from. ' +
          `Questions are at most ${options.maxQuestionChars} characters; each member can ask ${options.cooldown}.`,
        fields,
        footer: { text: 'Use 👍/👎 under an answer to say whether it helped.' },
      },
    ],
    components: [],
    allowedMentions: NO_MENTIONS,
  };
}

export function renderReindex(r: IngestReport): string {
  const lines = [
    `Re-indexed ${r.documents} documents into ${r.chunks} passages in ${(r.ms / 1000).toFixed(1)} s.`,
    `${r.added} new, ${r.changed} changed, ${r.removed} removed; ${r.embedded} passages embedded, ${r.reused} reused (${r.embedder}).`,
  ];
  if (r.skipped.length) {
    lines.push(`Skipped ${r.skipped.length} file(s):`);
    for (const s of r.skipped.slice(0, 10)) lines.push(`• ${code(plainLabel(s.id, 120))}: ${escapeText(s.reason)}`);
    if (r.skipped.length > 10) lines.push(`…and ${r.skipped.length - 10} more (see the bot's log).`);
  }
  return cutText(lines.join('\n'), LIMITS.content);
}

export const NOTICES = {
  handoff: (roleId: string) => `I could not find this in the documents. <@&${roleId}>, can someone help here?`,
  bug: 'Something went wrong on my side while handling that. It has been logged; please try again.',
  busy: 'I am answering a lot of questions right now. Please try again in a minute.',
  cooldown: (retryMs: number) =>
    `You are asking quickly: please wait ${Math.max(1, Math.ceil(retryMs / 1000))} s before the next question.`,
  notAllowed: 'Only members with the Manage Server permission can re-index the corpus.',
  forbidden: 'You do not have the permission this needs (ask a moderator).',
  reindexBusy: 'A re-index is already running. Wait for it to finish.',
  sourceGone: 'That passage is no longer in the index (the corpus was re-indexed). Use /search to find it again.',
  emptyMention: 'Ask me a question after the mention, e.g. "@Footnote how many countries joined the ceasefire call?". /help lists my commands.',
  feedbackThanks: (vote: 'up' | 'down') => (vote === 'up' ? 'Thanks! Recorded 👍.' : 'Thanks, recorded 👎. It helps improve the answers.'),
  feedbackUnknown: 'I no longer remember that answer, so I could not record the vote.',
  stopNotYours: 'Only the member who asked can stop this answer.',
  stopGone: 'That answer has already finished.',
} as const;

/**
 * A generated answer while it streams: unverified text (escaped, mentions
 * made inert) and a Stop button. The final edit replaces it with the
 * verified answer, its sources and the usual buttons.
 */
export function renderStreaming(text: string, streamId: string): MessageParts {
  const note = '\n-# Writing… unchecked until verified against the sources.';
  const body = cutText(escapeText(text.trim()), LIMITS.content - note.length - 2);
  const stop: APIButtonComponentWithCustomId = { type: ComponentType.Button, style: ButtonStyle.Danger, custom_id: `stop:${streamId}`, label: 'Stop' };
  return { content: `${body} ▍${note}`, embeds: [], components: [{ type: ComponentType.ActionRow, components: [stop] }], allowedMentions: NO_MENTIONS };
}

/** A one-line user error or notice as a message body. */
export function notice(text: string): MessageParts {
  return { content: cutText(neutralizeMentions(text), LIMITS.content), embeds: [], components: [], allowedMentions: NO_MENTIONS };
}
