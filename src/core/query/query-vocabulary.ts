import { stem } from '../text.js';
import { englishWords } from './english-words.js';
import type { QueryData } from './query-data.js';
import { SpellIndex, type SpellingCandidate } from './spell-index.js';

/** WordNet's detachment rules, all parts of speech together: candidate base forms of a question word. */
const DETACH: Array<[string, string]> = [
  ['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y'],
  ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', ''], ['er', ''], ['est', ''], ['er', 'e'], ['est', 'e'],
];

export function baseCandidates(word: string, irregular: Readonly<Record<string, string>> = {}): string[] {
  const out = [word];
  if (Object.hasOwn(irregular, word)) for (const base of irregular[word]!.split(' ')) if (!out.includes(base)) out.push(base);
  for (const [suffix, ending] of DETACH)
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) {
      const base = word.slice(0, -suffix.length) + ending;
      if (!out.includes(base)) out.push(base);
    }
  return out;
}

export interface Relation {
  /** The corpus term (a stem, as the keyword index holds it). */
  term: string;
  /** Same WordNet synset (true) or a looser relation. */
  synonym: boolean;
}

/** The QueryData version from which the ingest stores the words sorted. */
const SORTED_SINCE = 12;

/**
 * The query side of an index's vocabulary: lookups only. The spelling index
 * is built on first use (~0.15 s per 100,000 words) so opening an index and
 * answering questions that need no correction never pay for it.
 */
export class QueryVocabulary {
  private readonly counts = new Map<string, number>();
  private spell: SpellIndex | null = null;
  private sorted: readonly string[] | null = null;

  constructor(private readonly data: QueryData) {
    data.words.forEach((w, i) => this.counts.set(w, data.counts[i]!));
  }

  get language(): string | null {
    return this.data.language;
  }

  /** QUERY_DATA_VERSION of the ingest that built it. */
  get version(): number {
    return this.data.version;
  }

  get size(): number {
    return this.counts.size;
  }

  /** Occurrences of a word in the corpus (0: never). */
  count(word: string): number {
    return this.counts.get(word) ?? 0;
  }

  /** A word of the corpus (in any inflection WordNet's rules undo) or an English word. */
  isKnown(word: string): boolean {
    return englishWords().has(word) || this.bases(word).some((b) => this.counts.has(b));
  }

  /**
   * Corpus terms the word may stand for, through any of its base forms; with
   * `particle`, those of the phrasal verb it makes ("took" + "over" → take
   * over → adopt), which WordNet lists as one compacted lemma.
   */
  related(word: string, particle = ''): Relation[] {
    const out = new Map<string, boolean>();
    for (const base of this.bases(word)) {
      const list = this.data.related[base + particle];
      if (!list) continue;
      for (const t of list.split(' ')) {
        const loose = t.startsWith('~');
        const term = loose ? t.slice(1) : t;
        if (!out.get(term)) out.set(term, !loose);
      }
    }
    const own = stem(word);
    return [...out].filter(([term]) => term !== own).map(([term, synonym]) => ({ term, synonym }));
  }

  /** Base forms of an irregular inflection the corpus's data lists ("sold" → sell). */
  irregularBases(word: string): string[] {
    const list = this.data.irregular;
    return list && Object.hasOwn(list, word) ? list[word]!.split(' ') : [];
  }

  private bases(word: string): string[] {
    return baseCandidates(word, this.data.irregular);
  }

  /** Stems of the name an acronym stands for in the corpus ("mfa" → ministri, foreign, affair). */
  acronym(word: string): string[] {
    const list = this.data.acronym;
    return list && Object.hasOwn(list, word) ? list[word]!.split(' ') : [];
  }

  /** Corpus stems the Moby thesaurus lists with a stem the corpus lacks ("hope" → plan). */
  thesaurus(term: string): string[] {
    const list = this.data.thesaurus;
    return list && Object.hasOwn(list, term) ? list[term]!.split(' ') : [];
  }

  /** Corpus terms that WordNet gives as the word's opposites, through any of its base forms. */
  opposites(word: string): string[] {
    const out = new Set<string>();
    for (const base of this.bases(word)) for (const t of this.data.opposite?.[base]?.split(' ') ?? []) out.add(t);
    out.delete(stem(word));
    return [...out];
  }

  /**
   * Two corpus nouns of one kind that are not the same thing ("gold" and "silver"; not "virus" and "viruses", which
   * share a sense). False for a word the corpus lacks, and in indexes built before version 8.
   */
  sisters(a: string, b: string): boolean {
    const x = this.kinds(a);
    const y = this.kinds(b);
    if (!x || !y || x.own.some((o) => y.own.includes(o))) return false;
    return x.kinds.some((k) => y.kinds.includes(k));
  }

  private kinds(word: string): { own: string[]; kinds: string[] } | null {
    const entry = this.data.kind && Object.hasOwn(this.data.kind, word) ? this.data.kind[word]! : null;
    if (!entry) return null;
    const [own, kinds] = entry.split('|') as [string, string];
    return { own: own.split(' '), kinds: kinds.split(' ') };
  }

  /**
   * Corpus words that begin with `prefix` (at most `limit`; null when there are more), by binary search in the words,
   * which the ingest stores sorted (QueryData version 12).
   */
  withPrefix(prefix: string, limit: number): Array<{ word: string; count: number }> | null {
    // Data from before version 12 (a Postgres store not yet re-ingested) is sorted once here instead.
    const words = (this.sorted ??= this.data.version >= SORTED_SINCE ? this.data.words : [...this.data.words].sort());
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: Array<{ word: string; count: number }> = [];
    for (let i = lo; i < words.length && words[i]!.startsWith(prefix); i++) {
      if (out.length === limit) return null;
      out.push({ word: words[i]!, count: this.count(words[i]!) });
    }
    return out;
  }

  /** Corpus words near a word, nearest and most frequent first. */
  nearWords(word: string, maxDistance: number): SpellingCandidate[] {
    this.spell ??= new SpellIndex(this.data.words, this.data.counts);
    return this.spell.lookup(word, maxDistance);
  }
}
