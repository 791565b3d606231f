/** How numbers are written as ordinals: 1 → "1st", 12 → "12th", 22 → "22nd". */
export const ordinalOf = (n: number): string =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/** The century a word like "1700s" or "1900s" names, as texts write it ("18th", "20th"); null for any other word. */
export function centuryOf(word: string): string | null {
  const m = /^(1[0-9]|20)00s$/.exec(word);
  return m ? ordinalOf(Number(m[1]) + 1) : null;
}
