/**
 * Where a number question's short answer may sit in a sentence: the numbers of the asked kind, in tiers of
 * preference (the caller takes the nearest to the question's words within the first tier that yields one).
 */
import { words } from '../text.js';
import type { NumberKind } from './answer-kind.js';
import { joinRanges, LENGTH_IN_WORDS, measuresTime, type NumberMention, numberMentions, SATISFIES, spelledNumbers, TIME_UNIT } from './number-mentions.js';

// Up to three words between a count and what it counts; the last ends where a question word does.
const COUNTED = /^(?:[\s-][\p{L}'’-]+){1,3}$/u;
/** A number, a few words of unit, and an opening bracket: what follows it converts that number. */
const CONVERTED = /\d[^\d()[\]]{1,25}[([]\s*(?:about\s+|approx(?:imately|\.)?\s+|c\.\s*|~\s*)?$/u;
/** A year a period runs from. */
const SINCE = /\bsince\s+(?:the\s+)?$/i;

/**
 * A count may be written out ("**four** classes"); a range reads whole ("**27-30%**"); a duration with its unit
 * ("for the past **4 years**"). `anchors`: where the question's words end in the sentence.
 */
export function numberAnswerTiers(text: string, kind: NumberKind | null, questionWords: ReadonlySet<string>, anchors: readonly number[]): NumberMention[][] {
  const allowed = kind ? SATISFIES[kind] : null;
  const spelled = !kind || kind === 'count' || kind === 'amount' || kind === 'money' || kind === 'duration' ? spelledNumbers(text) : [];
  const found = joinRanges(text, [...numberMentions(text), ...spelled]).filter((m) => (!allowed || allowed.includes(m.kind)) && (kind !== 'count' || !measuresTime(text, m)));
  // The number a few words before one the question asks about counts that ("a **5**-cylinder engine", "**two**
  // independent mechanisms" for "how many mechanisms"), wherever other numbers sit; of several, the one with fewest
  // words between that the question does not have ("**1,548** public schools, 489 Catholic schools"). A written-out
  // "one" answers only there ("**one** may be adjusted by the user" is a pronoun).
  const gap = (m: NumberMention) => {
    let least = Infinity;
    for (const a of anchors) {
      // Three words fit in 60 characters; the bound keeps each test short whatever the sentence.
      const between = a > m.end && a - m.end <= 60 ? text.slice(m.end, a) : '';
      if (between && COUNTED.test(between)) least = Math.min(least, words(between).slice(0, -1).filter((w) => !questionWords.has(w)).length);
    }
    return least;
  };
  // Each mention's gap once: it is read up to three times below.
  const gaps = new Map(found.map((m) => [m, gap(m)]));
  // A number in brackets right after another and its unit is the same measure converted ("6,000 square kilometres
  // (2,300 sq mi)", "1,986 m (6,516 ft)"): the source's own figure is the one before.
  const spans = found.filter((m) => (m.value !== 'one' || gaps.get(m)! < Infinity) && !CONVERTED.test(text.slice(Math.max(0, m.start - 30), m.start)));
  if (kind === 'duration') {
    const unit = (m: NumberMention) => TIME_UNIT.exec(text.slice(m.end, m.end + 12))?.[0].length ?? 0;
    const timed = spans.filter((m) => unit(m) > 0).map((m) => ({ ...m, end: m.end + unit(m) }));
    // A length of time in words ("over **a month**", "for **several years**"); then any number in digits but a lone
    // year, which dates rather than measures ("began in 1988" answers "when", not "how long"), unless a period runs
    // from it ("since the **1950s**") or it is one ("**1568–1609**").
    const worded = [...text.matchAll(LENGTH_IN_WORDS)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, kind: 'count' as const, value: m[0] }));
    const measures = (m: NumberMention) => m.kind !== 'year' || m.value.includes('-') || SINCE.test(text.slice(Math.max(0, m.start - 10), m.start));
    return [timed, worded, spans.filter((m) => /^\d/.test(m.value) && measures(m))];
  }
  // Only "how many": "what number does the population exceed" asks for no count of a thing.
  const fewest = kind === 'count' ? Math.min(...spans.map((m) => gaps.get(m)!)) : Infinity;
  return fewest < Infinity ? [spans.filter((m) => gaps.get(m) === fewest), spans] : [spans];
}
