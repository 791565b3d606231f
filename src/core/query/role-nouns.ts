/**
 * A role noun's forms: "spokesman", "spokeswoman" and "spokesperson" name one
 * role, and a text uses one form where a question uses another ("who was the
 * state dept spokesman": "State Department spokesperson Matthew Miller").
 * The stemmer keeps them apart and WordNet files them as hyponyms of the
 * neutral form, which the query analysis does not follow (too loose in
 * general). Only forms the corpus has are used, so a word that merely ends in
 * "man" ("German") finds nothing.
 */
const SINGULAR = ['man', 'woman', 'person'];
const PLURAL = ['men', 'women', 'persons', 'people'];

/** The other forms of a role noun ("spokesman" → spokeswoman, spokesperson), in the same number; empty for other words. */
export function roleForms(word: string): string[] {
  for (const endings of [SINGULAR, PLURAL])
    for (const ending of endings) {
      // A longer ending wins: "spokeswoman" also ends in "man".
      const head = word.endsWith(ending) ? word.slice(0, -ending.length) : null;
      if (head === null || head.length < 3 || endings.some((e) => e.length > ending.length && word.endsWith(e))) continue;
      return endings.filter((e) => e !== ending).map((e) => head + e);
    }
  return [];
}
