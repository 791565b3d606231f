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
 * gives the acronym of every run of words inside it: the ending parts (the head
 * noun ends an English name: "Azerbaijani Ministry of Foreign Affairs" gives
 * amfa, mfa and fa) and a title before a name ("Prime Minister Ali Asadov":
 * pm). Runs are of bounded length, so the work is linear in the text's length.
 */

/** Capitalised words in a name at most: longer runs are headlines, not names. */
const MAX_NAME_WORDS = 6;
/** (acronym, name) pairs held while counting before names seen once are dropped (~100 bytes each). */
const MAX_PAIRS = 200_000;
/** Stands for an "of" inside a name (its initial is the "o" of "MoU"). */
const OF = 'of';
/** An all-capitals word that may open a name and spell its letters into the name's acronym ("UN", "EU", "NATO"). */
const OPENING_ACRONYM = /^\p{Lu}{2,4}$/u;
/** Marks such a word among a name's words (no word of text starts with it). */
const SPELLED = '\u0000';
/** A word's part of the acronym: its initial, or every letter of a spelled acronym. */
const initials = (w: string) => (w.startsWith(SPELLED) ? w.slice(1) : w[0]!);
/** Names an acronym stands for, at most (their stems are stored together). */
const NAMES_PER_ACRONYM = 3;
/** Acronyms stored in the query data at most. */
const MAX_ACRONYMS = 50_000;

/**
 * A run of two or more capitalised words, joined by one or two spaces or a
 * hyphen and by the small words names contain. Each repetition must take a
 * capitalised word, and separators are not letters, so matching is linear.
 */
const NAME_RUN = /\p{Lu}[\p{L}\p{N}'’]*(?:(?: {1,2}|-)(?:(?:of|and|for|the|on|in|de) )*\p{Lu}[\p{L}\p{N}'’]*)+/gu;

/**
 * Counts, over a corpus's texts, which names each acronym stands for. Memory
 * is bounded: past MAX_PAIRS (acronym, name) pairs, the names seen only once
 * so far are dropped (a corpus of many one-off names keeps its recurring
 * ones), and the stored map keeps the MAX_ACRONYMS most frequent acronyms, so
 * query.json stays small however large the corpus.
 */
export class AcronymCounter {
  private readonly found = new Map<string, Map<string, number>>();
  private pairs = 0;
  private limit = MAX_PAIRS;

  /** Reads the names of one text (one regex pass). */
  add(text: string): void {
    for (const m of text.matchAll(NAME_RUN)) {
      // An all-capitals word ("UN", "COP29") is an acronym itself and ends a name; one of two to four letters that
      // opens a name spells its letters into the name's acronym ("UN General Assembly": unga, "UN Framework
      // Convention on Climate Change": unfccc).
      let caps: string[] = [];
      for (const raw of m[0].split(/[ -]+/)) {
        const word = fold(raw).replace(/['’].*$/, '');
        // Small words, capitalised or not ("The" opening a sentence, "Of" in a title), are not part of the acronym,
        // but an "of" inside a name is kept aside: some acronyms write it ("MoU", "DoD").
        if (word === 'of' && caps.length) caps.push(OF);
        else if (isStopword(word)) continue;
        else if (raw.length > 1 && raw !== raw.toUpperCase()) caps.push(word);
        else {
          this.name(caps);
          caps = OPENING_ACRONYM.test(raw) ? [SPELLED + word] : [];
        }
      }
      this.name(caps);
    }
  }

  /**
   * The acronym of every run of two to MAX_NAME_WORDS words inside a name: its ending parts ("Azerbaijani Ministry of
   * Foreign Affairs": amfa, mfa, fa), and the title that opens one ("Prime Minister Ali Asadov": pm, as the news writes
   * titles before names). One with an "of" inside gives also the form that writes it ("Memorandum of Understanding": mu
   * and mou). At most MAX_NAME_WORDS² runs per name, so the work stays linear.
   */
  private name(withOf: string[]): void {
    while (withOf.at(-1) === OF) withOf = withOf.slice(0, -1);
    const caps = withOf.filter((w) => w !== OF);
    if (caps.length < 2 || caps.length > MAX_NAME_WORDS) return;
    for (let i = 0; i + 1 < withOf.length; i++) {
      if (withOf[i] === OF) continue;
      for (let j = i + 1; j < withOf.length; j++) {
        if (withOf[j] === OF) continue;
        const part = withOf.slice(i, j + 1);
        const words = part.filter((w) => w !== OF);
        const name = words.map((w) => (w.startsWith(SPELLED) ? w.slice(1) : stem(w))).join(' ');
        const keys = new Set([words.map(initials).join(''), part.map(initials).join('')]);
        for (const key of keys) this.count(key, name);
      }
    }
  }

  private count(key: string, name: string): void {
    if (key.length > 6 || isStopword(key)) return;
    let names = this.found.get(key);
    if (!names) this.found.set(key, (names = new Map()));
    const n = names.get(name) ?? 0;
    names.set(name, n + 1);
    if (n === 0 && ++this.pairs > this.limit) this.prune();
  }

  private prune(): void {
    for (const [key, names] of this.found) {
      for (const [name, n] of names) if (n === 1) names.delete(name);
      if (names.size === 0) this.found.delete(key);
    }
    this.pairs = 0;
    for (const names of this.found.values()) this.pairs += names.size;
    // When most pairs recur, dropping the one-offs frees little: the next prune waits until the count doubles,
    // so pruning costs linear time overall.
    this.limit = Math.max(MAX_PAIRS, this.pairs * 2);
  }

  /**
   * Acronym → the stems of its most frequent name, and of any other name seen at least half as often (up to
   * NAMES_PER_ACRONYM: "fm" is the Foreign Ministry and the Foreign Minister), for the MAX_ACRONYMS most frequent.
   */
  toMap(): Record<string, string> {
    const best: Array<[string, string, number]> = [];
    for (const [key, names] of this.found) {
      const ranked = [...names].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const top = ranked[0]![1];
      const kept = ranked.filter(([, n]) => 2 * n >= top).slice(0, NAMES_PER_ACRONYM);
      best.push([key, [...new Set(kept.flatMap(([name]) => name.split(' ')))].join(' '), top]);
    }
    best.sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : 1));
    const out: Record<string, string> = {};
    for (const [key, name] of best.slice(0, MAX_ACRONYMS).sort((a, b) => (a[0] < b[0] ? -1 : 1))) out[key] = name;
    return out;
  }
}
