import { fold, isStopword, stem } from '../text.js';

/**
 * Acronyms a corpus's names spell: "Ministry of Foreign Affairs" → mfa,
 * "Non-Aligned Movement" → nam, "Organization of Islamic Cooperation" → oic.
 * People asking in chat use the short form ("whats baku's MFA saying") where
 * the text writes the name out, and the other way round; neither a stemmer
 * nor WordNet joins them.
 *
 * A name is a run of capitalised words, joined by spaces or hyphens and by the
 * small words names contain ("of", "and", "for", "the", "on", "in"). Each run
 * gives the acronym of every ending part of it (the head noun ends an English
 * name: "Azerbaijani Ministry of Foreign Affairs" gives amfa, mfa and fa), so
 * the work is linear in the text's length for runs of bounded length.
 */

const CONNECTORS = new Set(['of', 'and', 'for', 'the', 'on', 'in', 'de']);
/** Capitalised words in a name at most: longer runs are headlines, not names. */
const MAX_NAME_WORDS = 6;

/**
 * A run of two or more capitalised words, joined by one or two spaces or a
 * hyphen and by the small words names contain. Each repetition must take a
 * capitalised word, and separators are not letters, so matching is linear.
 */
const NAME_RUN = /\p{Lu}[\p{L}\p{N}'’]*(?:(?: {1,2}|-)(?:(?:of|and|for|the|on|in|de) )*\p{Lu}[\p{L}\p{N}'’]*)+/gu;

/** Acronym (lower case) → name (its capitalised words' stems, space-separated) → occurrences, added into `into`. */
export function collectAcronyms(text: string, into: Map<string, Map<string, number>>): void {
  for (const m of text.matchAll(NAME_RUN)) {
    // An all-capitals word ("UN", "COP29") is an acronym itself and ends a name.
    let caps: string[] = [];
    for (const raw of m[0].split(/[ -]+/)) {
      const word = fold(raw).replace(/['’].*$/, '');
      // Small words, capitalised or not ("The" opening a sentence, "Of" in a title), are not part of the acronym.
      if (isStopword(word)) continue;
      if (raw.length > 1 && raw !== raw.toUpperCase()) caps.push(word);
      else {
        add(caps, into);
        caps = [];
      }
    }
    add(caps, into);
  }
}

/** The acronym of every ending part of a name ("Azerbaijani Ministry of Foreign Affairs": amfa, mfa, fa). */
function add(caps: string[], into: Map<string, Map<string, number>>): void {
  if (caps.length < 2 || caps.length > MAX_NAME_WORDS) return;
  for (let i = 0; i + 1 < caps.length; i++) {
    const part = caps.slice(i);
    const key = part.map((w) => w[0]).join('');
    if (key.length > 6 || isStopword(key)) continue;
    const name = part.map(stem).join(' ');
    let names = into.get(key);
    if (!names) into.set(key, (names = new Map()));
    names.set(name, (names.get(name) ?? 0) + 1);
  }
}

/** The stored map: acronym → its most frequent name's stems. */
export function acronymMap(found: Map<string, Map<string, number>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of [...found.keys()].sort()) {
    let best = '';
    let count = 0;
    for (const [name, n] of found.get(key)!) if (n > count || (n === count && name < best)) [best, count] = [name, n];
    out[key] = best;
  }
  return out;
}
