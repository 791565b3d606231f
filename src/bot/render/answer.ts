/** Answers as Discord messages: the text with `[n]` markers, its sources, and the buttons under it. */
import { ButtonStyle, ComponentType, type APIButtonComponentWithCustomId, type APIEmbed } from 'discord.js';
import { ABSTAIN_TEXT } from '../../core/answerer.js';
import { locate } from '../../core/locate.js';
import type { Answer, Citation, Passage } from '../../core/types.js';
import { cutText, escapeText, plainLabel } from '../text-format.js';
import { code, COLOR, dated, fitFields, inline, LIMITS, NO_MENTIONS, quoteBlock, sourceButtons, span, whereLine, type ButtonRow, type MessageParts } from './message.js';

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
    // A decline that quotes what the source gives instead ("only: “… on **Sunday** …”") keeps its bold, unless the quote
    // holds asterisks of its own.
    const said = escapeText(answer.text);
    const shown = /\*/.test(answer.text.replace(/\*\*([^*\n]{1,200}?)\*\*/g, '$1')) ? said : restoreBold(said);
    const content = cutText(answer.text === ABSTAIN_TEXT ? '**Not in the corpus.**' : `**Not in the corpus.** ${shown}`, LIMITS.content);
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
