/** The parts of a name in a sentence that may be a short answer to a who / where question. */
import type { ShortSpan } from './answer-kind.js';
import { fold, isStopword, stem } from '../text.js';

/**
 * Each name, each side of one joined by "and" (to the name's end), and each ending part of a side: "Azerbaijan’s
 * Prime Minister Ali Asadov and Georgia’s Prime Minister Irakli Kobakhidze" opens the sentence, so the whole is no
 * candidate, but its second name is; "U.S. Secretary of State Antony Blinken" holds the question's words, but
 * "Antony Blinken" does not. The whole comes first and the "and" sides next, so an ending part wins only where they
 * are ruled out. An ending part of a side before the last is `inner`: the caller takes it only as a person's name
 * ("Ali Asadov"); taken as any name it bolded "Heads of State" (of "NAM Heads of State and Government") over "Uganda"
 * in three seed-corpus questions, and "North Western" over "Nationals" in a SQuAD one.
 */
export function withParts(text: string, spans: ShortSpan[]): Array<ShortSpan & { inner?: boolean }> {
  const out: ShortSpan[] = [];
  const endings: Array<ShortSpan & { inner?: boolean }> = [];
  for (const s of spans) {
    out.push(s);
    const all = sides(text, s);
    all.forEach((side, i) => {
      if (i > 0) out.push({ start: side.start, end: s.end });
      // Within the side: an ending part that began on the first side and ran on would join two names.
      for (const e of text.slice(side.start, side.end).matchAll(/\s+(?=\p{Lu})/gu))
        endings.push({ start: side.start + e.index! + e[0].length, end: side.end, ...(i < all.length - 1 && { inner: true }) });
      // The owner in "Wang Zhen's Nong Shu", taken only as a person's name (so never "Georgia" of "Georgia's Prime Minister").
      const owner = /['’]s\s+\p{Lu}/u.exec(text.slice(side.start, side.end));
      if (owner && owner.index > 0) endings.push({ start: side.start, end: side.start + owner.index, inner: true });
    });
  }
  return [...out, ...endings];
}

/** Each side of a name joined by "and" ("Azerbaijan’s Prime Minister Ali Asadov", "Georgia’s Prime Minister…"). */
function sides(text: string, span: ShortSpan): ShortSpan[] {
  const out: ShortSpan[] = [];
  let start = span.start;
  for (const m of text.slice(span.start, span.end).matchAll(/\s+and\s+/g)) {
    out.push({ start, end: span.start + m.index! });
    start = span.start + m.index! + m[0].length;
  }
  out.push({ start, end: span.end });
  return out;
}

/**
 * The parts of a name that a title made of the question's topic words describes: on each side of "A and B", from
 * the first word past at least two such words ("Georgia’s Prime Minister Irakli Kobakhidze": georgia, prime,
 * minister) to the side's end. One word is not enough: in "King Edward was succeeded by King George", "King"
 * describes both.
 */
export function describedParts(text: string, span: ShortSpan, topic: ReadonlySet<string>): ShortSpan[] {
  const out: ShortSpan[] = [];
  for (const side of sides(text, span)) {
    const at = describedFrom(text, side, topic);
    if (at !== null) out.push({ start: at, end: side.end });
  }
  return out;
}

/** Where the person the side's leading title describes begins, or null. */
function describedFrom(text: string, span: ShortSpan, topic: ReadonlySet<string>): number | null {
  let count = 0;
  for (const m of text.slice(span.start, span.end).matchAll(/[\p{L}\p{N}][\p{L}\p{N}.-]*(?:['’]s)?/gu)) {
    const w = fold(m[0]).replace(/['’]s$/, '').replaceAll('.', '');
    if (isStopword(w)) continue;
    if (topic.has(w) || topic.has(stem(w))) count++;
    else return count >= 2 ? span.start + m.index! : null;
  }
  return null;
}
