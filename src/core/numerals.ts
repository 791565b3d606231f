/** How numbers are written as ordinals: 1 → "1st", 12 → "12th", 22 → "22nd". */
export const ordinalOf = (n: number): string =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/** The century a word like "1700s" or "1900s" names, as texts write it ("18th", "20th"); null for any other word. */
export function centuryOf(word: string): string | null {
  const m = /^(1[0-9]|20)00s$/.exec(word);
  return m ? ordinalOf(Number(m[1]) + 1) : null;
}

/** Small numbers as texts spell them, by value. */
export const CARDINALS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
export const ORDINALS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];

/** The number a word writes, in digits or as a small number's word ("3", "3rd", "three", "third" → 3); null otherwise. */
export function numberValue(word: string): number | null {
  const digits = /^(\d{1,9})(?:st|nd|rd|th)?$/.exec(word);
  if (digits) return Number(digits[1]);
  const i = Math.max(CARDINALS.indexOf(word), ORDINALS.indexOf(word));
  return i < 0 ? null : i;
}
