import { abbreviationStop, sentencesJoined, terms, WORD_AS_WRITTEN, wordOf } from '../text.js';
import type { Passage } from '../types.js';

/** A sentence (or a sentence with the one it refers back to) as offsets into its document. */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/** Farthest a sentence cut by a passage boundary is followed into the document, in characters. */
const MAX_EXTEND = 600;

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\u00a0';
const isEnd = (c: string | undefined) => c === '.' || c === '!' || c === '?';
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']']);

/**
 * The sentences of a passage, and of up to `extend` characters of its
 * document on either side, as document spans. A passage starts and ends
 * wherever the splitter cut, so the window is widened to the nearest real
 * sentence boundaries (a line break, or . ! ? before a space): a quote is never
 * cut mid-sentence. Each scan is bounded, so this stays linear in the passage.
 */
export function passageSentences(passage: Passage, docText?: string, extend = 0): SentenceSpan[] {
  const { chunk } = passage;
  if (!docText || docText.slice(chunk.start, chunk.end) !== chunk.text) {
    return sentencesJoined(chunk.text).map((s) => ({ text: s.text, start: chunk.start + s.start, end: chunk.start + s.end }));
  }
  const from = sentenceStart(docText, Math.max(0, chunk.start - extend));
  const to = sentenceEnd(docText, Math.min(docText.length, chunk.end + extend));
  return sentencesJoined(docText.slice(from, to)).flatMap((s) => splitGlued({ text: s.text, start: from + s.start, end: from + s.end }));
}

// Scraped text often loses the space after a full stop ("News.Az reports.According to…", "COP29.The ministry").
const GLUED = /(?<=[\p{Ll}\d]{2}[.!?])(?=\p{Lu}\p{Ll}{2,})/gu;

/** Splits sentences glued together without a space; "News.Az" (a short word after the stop) stays whole. */
function splitGlued(span: SentenceSpan): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let last = 0;
  for (const m of span.text.matchAll(GLUED)) {
    out.push({ text: span.text.slice(last, m.index), start: span.start + last, end: span.start + m.index! });
    last = m.index!;
  }
  if (last === 0) return [span];
  out.push({ text: span.text.slice(last), start: span.start + last, end: span.end });
  return out;
}

/**
 * A full stop that may end an abbreviation ("Nov. 2020", "U.S. Secretary") is no place to open or close the window:
 * the sentence splitter decides inside it, and a window cut there would quote "2020, Azerbaijan has pushed…".
 */
const abbreviationAt = (text: string, p: number) => text[p] === '.' && abbreviationStop(text.slice(Math.max(0, p - 12), p + 1));

/** The start of the sentence holding position `at` (or `at` itself when none is found within MAX_EXTEND). */
function sentenceStart(text: string, at: number): number {
  if (at === 0) return 0;
  const stop = Math.max(0, at - MAX_EXTEND);
  let p = at - 1;
  while (p >= stop && !(text[p] === '\n' || (isEnd(text[p]) && (isSpace(text[p + 1]) || text[p + 1] === '\n') && !abbreviationAt(text, p)))) p--;
  if (p < stop && stop > 0) return at;
  return p + 1;
}

/** The end of the sentence holding position `at` (or `at` itself when none is found within MAX_EXTEND). */
function sentenceEnd(text: string, at: number): number {
  if (at >= text.length) return text.length;
  if (at > 0 && (text[at - 1] === '\n' || (isEnd(text[at - 1]) && (isSpace(text[at]) || text[at] === '\n') && !abbreviationAt(text, at - 1)))) return at;
  const stop = Math.min(text.length, at + MAX_EXTEND);
  let p = at;
  while (p < stop && text[p] !== '\n' && !(isEnd(text[p]) && (p + 1 >= text.length || isSpace(text[p + 1]) || text[p + 1] === '\n' || CLOSERS.has(text[p + 1]!)) && !abbreviationAt(text, p))) p++;
  if (p >= stop) return stop === text.length ? stop : at;
  let e = text[p] === '\n' ? p : p + 1;
  while (e < text.length && CLOSERS.has(text[e]!)) e++;
  return e;
}

function endsSentence(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && CLOSERS.has(text[i]!)) i--;
  return isEnd(text[i]);
}

// Lines that are page furniture, not statements: navigation, section labels, clock times, bylines.
const NAVIGATION = /^(read (next|more|also)|tags?:?|latest( news)?|leave a (review|comment|reply)|share( this)?( article)?|related( articles| stories)?|advertisement|subscribe|follow us|click here|see also|more from|popular|trending)\b/i;
const CLOCK = /^\d{1,2}:\d{2}(\s?[ap]m)?$/i;
// A syndication stamp that opens a line: " date 2024-10-23 (MENAFN- AzerNews) …".
const META_PREFIX = /^\s*(date\s+)?\d{4}-\d{2}-\d{2}\s*\((MENAFN|[A-Z][\w-]*)[^)]{0,60}\)\s*/i;

/**
 * The span as it may be quoted: page furniture gives null; a syndication
 * stamp at the start and unbalanced quote marks at either end are trimmed
 * off (offsets move with them, so the quote stays exact).
 */
export function cleanSpan(span: SentenceSpan): SentenceSpan | null {
  let { start, end } = span;
  let text = span.text;
  const meta = META_PREFIX.exec(text);
  if (meta) {
    start += meta[0].length;
    text = text.slice(meta[0].length);
  }
  // An opening quote mark that ends a sentence opens the next one ("…in 2024.”“During…": the segmenter keeps both marks
  // with the first sentence), and a closing one that starts a sentence closes the one before.
  const opener = /[ \t]*“+$/.exec(text);
  if (opener) {
    text = text.slice(0, opener.index);
    end = start + text.length;
  }
  const closer = /^”+[ \t]*/.exec(text);
  if (closer) {
    text = text.slice(closer[0].length);
    start += closer[0].length;
  }
  // A quote mark with no partner inside the sentence belongs to a neighbouring one.
  const quotes = (text.match(/["“”]/g) ?? []).length;
  if (quotes % 2 === 1) {
    if (/^["“”]/.test(text)) {
      text = text.slice(1).trimStart();
      start = end - text.length;
    } else if (/["“”]$/.test(text)) {
      text = text.slice(0, -1).trimEnd();
      end = start + text.length;
    }
  }
  if (!hasWords(text, 3) || NAVIGATION.test(text.trim()) || CLOCK.test(text.trim())) return null;
  return { text, start, end };
}

/** At least `n` words of two letters or more; stops at the n-th (every candidate sentence passes here). */
function hasWords(text: string, n: number): boolean {
  let found = 0;
  for (const m of text.matchAll(WORD_AS_WRITTEN)) if (TWO_LETTERS.test(wordOf(m[0])) && ++found >= n) return true;
  return false;
}
const TWO_LETTERS = /\p{L}{2}/u;

/**
 * A headline line (no closing punctuation) that the body repeats as a sentence, or one in title case
 * ("Blinken Speaks With Aliyev, Discusses Peace"): not a statement to quote. Datelines with digits stay.
 */
export function isRepeatedHeadline(span: SentenceSpan, docText: string | undefined): boolean {
  if (!docText || endsSentence(span.text)) return false;
  if (span.start > 0 && docText[span.start - 1] !== '\n') return false;
  if (span.end < docText.length && docText[span.end] !== '\n') return false;
  if (isTitleCase(span.text)) return true;
  // An exact repeat within the next few thousand characters (native search, no tokenising).
  const at = docText.indexOf(span.text, span.end);
  return at >= 0 && at - span.end < 4000;
}

const SMALL = /^(a|an|the|of|in|on|at|to|for|and|or|with|by|from|as|vs?)$/i;

function isTitleCase(text: string): boolean {
  if (/\d/.test(text)) return false;
  const ws = text.split(/\s+/).filter((w) => /\p{L}/u.test(w) && !SMALL.test(w));
  if (ws.length < 3) return false;
  return ws.filter((w) => /^\P{L}*\p{Lu}/u.test(w)).length / ws.length >= 0.6;
}

// A sentence that opens with a pronoun or a definite reference ("The site, …", "It …") leans on the one before.
const REFERENCE = /^(it|its|they|their|them|this|that|these|those|he|she|his|her|there|such|the latter|the former)\b|^the \p{L}+,/iu;

// "The conflict between …" after "…the Karabakh conflict …": a definite noun the sentence before holds.
const DEFINITE = /^the (\p{L}+)\b/iu;

/** The sentence leans on the one before, whose terms are `before` (when known). */
export function startsWithReference(text: string, before?: ReadonlySet<string>): boolean {
  const t = text.trimStart();
  if (REFERENCE.test(t)) return true;
  const m = before ? DEFINITE.exec(t) : null;
  if (!m) return false;
  const head = terms(m[1]!)[0];
  return head !== undefined && before!.has(head);
}
