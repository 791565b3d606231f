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
    const name = text.slice(s.start, s.end);
    let side = 0;
    for (const m of [...name.matchAll(/\s+and\s+/g), null]) {
      const end = m ? m.index! : name.length;
      // Within the side: an ending part that began on the first side and ran on would join two names.
      for (const e of name.slice(side, end).matchAll(/\s+(?=\p{Lu})/gu)) endings.push({ start: s.start + side + e.index! + e[0].length, end: s.start + end, ...(m && { inner: true }) });
      if (m) {
        side = m.index! + m[0].length;
        out.push({ start: s.start + side, end: s.end });
      }
    }
  }
  return [...out, ...endings];
}

/**
 * The parts of a name that a title made of the question's topic words describes: on each side of "A and B", from
 * the first word past at least two such words ("Georgia’s Prime Minister Irakli Kobakhidze": georgia, prime,
 * minister) to the side's end. One word is not enough: in "King Edward was succeeded by King George", "King"
 * describes both.
 */
export function describedParts(text: string, span: ShortSpan, topic: ReadonlySet<string>): ShortSpan[] {
  const out: ShortSpan[] = [];
  // Each side of "A and B" is a name of its own ("Azerbaijan’s Prime Minister Ali Asadov and Georgia’s Prime Minister…").
  let start = span.start;
  for (const m of [...text.slice(span.start, span.end).matchAll(/\s+and\s+/g), null]) {
    const end = m ? span.start + m.index! : span.end;
    const at = describedFrom(text, { start, end }, topic);
    if (at !== null) out.push({ start: at, end });
    if (m) start = end + m[0].length;
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
