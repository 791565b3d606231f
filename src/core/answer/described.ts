import { terms, WORD_AS_WRITTEN } from '../text.js';
import { englishWords } from '../query/english-words.js';
import type { QuestionTerms } from './question-terms.js';

/** Small words a title runs through ("Secretary of State", "Assistant to the President"). */
const TITLE_LINK = /^(?:of|the|to|for|and|de|del|von|van)$/;
/** A title set off by a comma before the name ("Assistant to the President, Hikmat Hajiyev") counts from this many capitals. */
const APPOSITION = 3;
/** The longest title read ("Assistant to the President - Head of the Department of Foreign Affairs" is 13 words). */
const TITLE_WORDS = 16;

/**
 * How many capitalised words lead up to a mention of a question term written as a name, the most over its mentions:
 * the title a news sentence puts before a name ("U.S. Secretary of State Antony Blinken": 4, "Secretary Blinken": 1),
 * across a comma when a longer title ends there. At most TITLE_WORDS words back from each mention: linear in the
 * sentence.
 */
export function titleBefore(text: string, q: QuestionTerms): number {
  // The person's name: the question's own words that are no English word ("blinken", "hajiyev"); "government" in a
  // title ("Heads of State and Government") is none.
  const asked = new Set([...q.own].filter((t) => !englishWords().has(t)));
  const all = [...text.matchAll(WORD_AS_WRITTEN)];
  let best = 0;
  all.forEach((m, at) => {
    if (at > 0 && /^\p{Lu}\P{N}*$/u.test(m[0]) && asked.has(terms(m[0])[0] ?? '')) best = Math.max(best, titleEnding(text, all, at));
  });
  return best;
}

/** The capitals before the name at `at`, at most TITLE_WORDS words back. */
function titleEnding(text: string, all: RegExpMatchArray[], at: number): number {
  let count = 0;
  let beforeComma = -1;
  for (let i = at - 1; i >= Math.max(0, at - TITLE_WORDS); i--) {
    const m = all[i]!;
    const gap = text.slice(m.index! + m[0].length, all[i + 1]!.index!);
    if (/,/.test(gap) && beforeComma < 0 && /^[\s,]+$/.test(gap)) beforeComma = count;
    else if (!/^[\s\-–—.'’]*$/.test(gap)) break;
    if (/^\p{Lu}/u.test(m[0]) || /\d/.test(m[0])) count++;
    else if (!TITLE_LINK.test(m[0])) break;
  }
  // Across a comma, only a title of APPOSITION capitals or more ("…for COP29, Hikmat Hajiyev said" has none).
  return beforeComma >= 0 && count - beforeComma < APPOSITION ? beforeComma : count;
}
