import { CAPITALISED_WORD, isStopword, words } from '../text.js';

/** Digits as written, without thousands separators or a trailing full stop: "1,000" and "1000" are one number. */
export function numbersIn(text: string): string[] {
  return (text.match(/\d[\d,.]*\d|\d/g) ?? []).map((n) => n.replace(/,(?=\d{3}\b)/g, '').replace(/\.$/, ''));
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)$/;

/** "November", "Nov" and "nov" are one month. */
export function wordKey(word: string): string {
  return MONTH.test(word) ? MONTHS.find((m) => word.startsWith(m))! : word;
}

const NAME_IN_SENTENCE = new RegExp(`(?<=[\\s(“"'‘-])${CAPITALISED_WORD}`, 'gu');

/**
 * Capitalised words that do not start the sentence: the names a sentence
 * claims (people, places, organisations, months). Lower-cased, accent-free.
 */
export function namesIn(sentence: string): string[] {
  const out: string[] = [];
  for (const m of sentence.matchAll(NAME_IN_SENTENCE)) {
    // Shouting is not naming: an all-capitals word longer than an acronym (UN, COP29, NATO) is left to the word check.
    if (m[0].length > 5 && !/\p{Ll}/u.test(m[0])) continue;
    for (const w of words(m[0])) if (!isStopword(w) && !/^\d+$/.test(w)) out.push(w);
  }
  return out;
}

/** Words of a passage keyed for name lookup. */
export function wordKeys(text: string): Set<string> {
  return new Set(words(text).map(wordKey));
}
