import { stemmer } from 'stemmer';
import { eng } from 'stopword';

// Question words carry the answer type, not the topic; keep them out of matching.
const STOP = new Set([
  ...eng,
  ...['many', 'much', 'which', 'what', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how', 'did', 'does', 'do', 'done'],
  ...['was', 'were', 'is', 'are', 'be', 'been', 'has', 'have', 'had', 'its', 'it', 'of', 'the', 'a', 'an', 's'],
  // What the tokenizer leaves of "didn't", "wasn't" (not "won", "don", "haven": words of their own too).
  ...['t', 'didn', 'doesn', 'wasn', 'weren', 'isn', 'aren', 'hasn', 'hadn', 'couldn', 'wouldn', 'shouldn', 'mustn', 'needn', 'mightn'],
]);

/**
 * A word, or letters joined by full stops ("U.S.", "e.g.", "a.m."), which reads
 * as one word ("us", "eg", "am"): "U.S." and "US" are the same word, not a
 * stray "u" beside a stop word. `words()` matches it on folded text; callers
 * that need where each word is match it as written and take `wordOf()`.
 */
export const WORD_AS_WRITTEN = /(?<![\p{L}\p{N}])\p{L}(?:\.\p{L})+(?![\p{L}\p{N}])|[\p{L}\p{N}]+/gu;
/** Without a full stop before a letter there is nothing to join: the plain pattern is ~35% faster. */
const PLAIN_WORD = /[\p{L}\p{N}]+/gu;
// A cheap necessary condition (any non-ASCII character may be a letter): a Unicode class here scans ~9× slower.
const DOTTED = /\.[a-z\u0080-\uffff]/;

/** A capitalised word as written, an abbreviation with full stops included ("U.S.", not "U"): pattern source for names. */
export const CAPITALISED_WORD = String.raw`(?:\p{Lu}(?:\.\p{L})+(?![\p{L}\p{N}])|\p{Lu}[\p{L}\p{N}'’-]*)`;

/** The word a match of WORD_AS_WRITTEN stands for. */
export const wordOf = (written: string): string => fold(written).replaceAll('.', '');

/** Lower case without accents: how every word is compared ("Côte" → "cote"). */
export const fold = (text: string): string => text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');

/** Lower-cased, accent-free word tokens in order. */
export function words(text: string): string[] {
  const folded = fold(text);
  if (!DOTTED.test(folded)) return folded.match(PLAIN_WORD) ?? [];
  const out = folded.match(WORD_AS_WRITTEN) ?? [];
  for (let i = 0; i < out.length; i++) if (out[i]!.includes('.')) out[i] = out[i]!.replaceAll('.', '');
  return out;
}

const stemCache = new Map<string, string>();

export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /^\p{N}+$/u.test(word) ? word : stemmer(word);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

export const isStopword = (word: string) => STOP.has(word);

/** The part of a contracted negation before its "'t" ("didn", "won", "can"): read with what follows, not as a word. */
export const isContraction = (word: string) => /^(?:didn|doesn|don|wasn|weren|isn|aren|hasn|haven|hadn|couldn|wouldn|shouldn|won|can|ain|mustn|needn|shan|mightn)$/.test(word);

/** Content terms: words without stop words, stemmed. Used by BM25 and sentence scoring alike. */
export function terms(text: string): string[] {
  return termsOf(words(text));
}

/** The terms of words already split out by `words()` (for a caller that needs both). */
export function termsOf(ws: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of ws) if (!STOP.has(w)) out.push(stem(w));
  return out;
}

/**
 * Two stems of one word family that the stemmer keeps apart ("religion" /
 * "religi" from "religious", "nation" / "nationalist"): one starts with the
 * other, which has at least five letters, and they differ by at most four.
 */
export function sameFamily(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 5 && long.length - short.length <= 4 && long.startsWith(short);
}

/** 32-bit FNV-1a: fast, stable across runs and platforms, good enough spread for feature hashing. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

export interface Span {
  text: string;
  start: number;
  end: number;
}

/**
 * Characters handed to the segmenter at a time. ICU's sentence iterator slows with the length of the string it is given
 * (a 96 KB line of short sentences took 244 ms, eight times a 24 KB one): windows keep it linear.
 */
const SEGMENT_WINDOW = 4000;

/** Sentences with offsets relative to `text`, trimmed; line breaks also end a sentence (headlines, bylines). */
export function sentences(text: string): Span[] {
  const out: Span[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    let pos = 0;
    while (pos < line.length) {
      let end = Math.min(line.length, pos + SEGMENT_WINDOW);
      // A window ends at a space, so a run with no sentence end is never cut inside a word.
      const space = end < line.length ? line.lastIndexOf(' ', end) : -1;
      if (space > pos + SEGMENT_WINDOW / 2) end = space;
      const segs = [...segmenter.segment(line.slice(pos, end))];
      // The last segment may go on past the window: the next window starts with it (unless it is the only one).
      const more = end < line.length && segs.length > 1;
      for (const seg of more ? segs.slice(0, -1) : segs) {
        const lead = seg.segment.length - seg.segment.trimStart().length;
        const trimmed = seg.segment.trim();
        const start = lineStart + pos + seg.index + lead;
        if (trimmed) out.push({ text: trimmed, start, end: start + trimmed.length });
      }
      pos = more ? pos + segs.at(-1)!.index : end;
    }
    lineStart += line.length + 1;
  }
  return out;
}

/** An abbreviation that ends a segment without ending a sentence: "Nov.", "Dr.", "St.", "U.S.", an initial. */
const ABBREVIATION_END = /(?:^|[\s(])(?:\p{Lu}\p{Ll}{0,3}|(?:\p{Lu}\.)+\p{Lu}|\p{Ll}{1,3})\.$/u;

/** An initial or a title, which stand before a name and never end a sentence: "J. Bayramov", "Dr. Aliyev". */
const BEFORE_NAME = /(?:^|[\s(])(?:\p{Lu}|Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Rev|Hon)\.$/u;
/** A segment that is an abbreviation alone ("U.S." opening "U.S. Secretary of State…") is no sentence. */
const DOTTED_ONLY = /^(?:\p{Lu}\.)+$/u;
/** A question or exclamation mark inside brackets or quotes: "Chinese people[who?] who did not…", "“Why?” she asked". */
const ENCLOSED_MARK = /[?!][\])"'’”]+$/u;

/**
 * Whether the full stop ending `before` (a text's characters up to and including it) may belong to an abbreviation,
 * an initial or a title ("Nov.", "J.", "Dr.", "U.S."; the titles and initials BEFORE_NAME lists are of its shapes), so
 * that a scan for sentence ends must not stop there.
 */
export const abbreviationStop = (before: string): boolean => ABBREVIATION_END.test(before);

/** How many more "(" than ")" a text has. */
function openParens(text: string): number {
  let n = 0;
  for (const ch of text) n += ch === '(' ? 1 : ch === ')' ? -1 : 0;
  return n;
}

/**
 * Like `sentences`, but rejoins a segment cut where no sentence ends:
 * - after an abbreviation, when the next one carries on in lower case or with a number ("on Nov. 10, 2020");
 * - after an initial or a title before a name ("J. Bayramov");
 * - after a bracketed or quoted "?" or "!", when the next carries on in lower case (Wikipedia's "[who?]" once
 *   made a quote start "who did not consider…");
 * - inside parentheses the next segment closes ('(lit. "Great Mongol State")').
 * Only the end of the sentence so far is tested, so a run of rejoins stays linear.
 */
export function sentencesJoined(text: string): Span[] {
  const out: Span[] = [];
  let open = 0; // unclosed "(" in the last sentence
  for (const s of sentences(text)) {
    const prev = out.at(-1);
    const sameLine = prev && !text.slice(prev.end, s.start).includes('\n');
    const tail = prev ? text.slice(Math.max(prev.start, prev.end - 40), prev.end) : '';
    const carriesOn = /^[\p{Ll}\p{N}]/u.test(s.text);
    const join =
      sameLine &&
      (((ABBREVIATION_END.test(tail) || ENCLOSED_MARK.test(tail)) && carriesOn) ||
        ((BEFORE_NAME.test(tail) || (tail === prev.text && DOTTED_ONLY.test(tail))) && /^\p{Lu}/u.test(s.text)) ||
        (open > 0 && s.text.includes(')')));
    if (join) {
      out[out.length - 1] = { text: text.slice(prev.start, s.end), start: prev.start, end: s.end };
      open += openParens(s.text);
    } else {
      out.push(s);
      open = openParens(s.text);
    }
  }
  return out;
}
