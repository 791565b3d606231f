import { fastWords } from '../embeddings/lexical-embeddings.js';
import { isStopword, stem } from '../text.js';
import { corpusLanguage } from './language.js';
import { AcronymCounter } from './acronyms.js';
import { irregularEntries } from './irregular.js';
import { MobyThesaurus } from './thesaurus.js';
import { compact, WordNet, type Pos } from './wordnet.js';

/** Bump when the vocabulary's tokenization or the relation map's rules change: the next ingest rebuilds both. */
export const QUERY_DATA_VERSION = 12;

/**
 * What query analysis needs from the corpus, built at ingest and stored in the
 * index version (query.json): the corpus's words with their counts, the
 * language it is written in, and, for every English word that WordNet relates
 * to a corpus word, the corpus terms (stems, as the keyword index holds them)
 * it may stand for.
 */
export interface QueryData {
  version: number;
  /** The WordNet database the relations came from. */
  wordnet: string;
  /** ISO 639-3 code of the corpus's language, null when it could not be told. */
  language: string | null;
  /**
   * Corpus words (lower case, accent-free) and how often each occurs in the documents; in code-unit order since
   * version 12, so the words that begin with a clip ("az") are found by binary search with no sort at question time.
   */
  words: string[];
  counts: number[];
  /**
   * Query word (WordNet base form, compact) → space-separated corpus stems it
   * may stand for: "nation" → "countri state". A stem written "~stem" is a
   * looser relation (a more general or more specific verb, a similar adjective)
   * rather than a synonym.
   */
  related: Record<string, string>;
  /**
   * Query word → space-separated corpus stems that WordNet gives as its
   * opposites ("decreasing" → "increas"). A question that swaps a word of the
   * text for its opposite asks what the text does not say. Absent in indexes
   * built before version 3.
   */
  opposite?: Record<string, string>;
  /**
   * Irregular form → space-separated base forms ("sold" → "sell"), from
   * WordNet's exception lists, kept where the base is a corpus word or has
   * relations here, so a question's "sold" finds the corpus's "sell" without
   * loading the lists. Absent in indexes built before version 3.
   */
  irregular?: Record<string, string>;
  /**
   * Acronym → space-separated stems of the name it abbreviates in the corpus
   * ("mfa" → "ministri foreign affair"), so a question's "MFA" finds the text's
   * "Ministry of Foreign Affairs". Absent in indexes built before version 4.
   */
  acronym?: Record<string, string>;
  /**
   * Stem of a word the corpus lacks → space-separated corpus stems the Moby
   * thesaurus lists with it ("hope" → "plan"): looser than `related`, so the
   * answerer weighs them as a feature of their own. Absent in indexes built
   * before version 6.
   */
  thesaurus?: Record<string, string>;
  /** The thesaurus the links came from. */
  thesaurusSource?: string;
  /**
   * Corpus noun → its most frequent senses and the kinds they are (direct
   * hypernyms), as WordNet synset offsets: "own own|kind kind…". Two words
   * with a kind in common and no sense in common are sisters ("gold" and
   * "silver", "men" and "women"): a question that puts one where the text has
   * the other asks about something else. Absent in indexes built before
   * version 8.
   */
  kind?: Record<string, string>;
}

/** A corpus word WordNet is asked about: plain letters, at least three, not a stop word. */
const relatable = (w: string) => w.length >= 3 && !isStopword(w) && /^[a-z]+$/.test(w);

/** A token that can be a vocabulary word: has a letter, at most 30 characters. */
export const isVocabularyWord = (w: string) => w.length <= 30 && /\p{L}/u.test(w);

/**
 * Senses considered (WordNet lists them most frequent first): a corpus word's
 * first 5 (so "production" as output counts, its 5th sense), a question word's
 * first 4 ("output" as production is its 4th); rarer senses mostly add noise.
 */
const CORPUS_SENSES = 5;
const QUERY_SENSES = 4;
/** An opposite is a strong claim: the question word's sense must be one of its two commonest. */
const OPPOSITE_SENSES = 2;
/**
 * Senses a noun's kinds are read from. One sense misses "gold"/"silver" and "peaches"/"pears"; on the fit sets, three
 * fired on a third more answered questions than two, with more answerable ones among them (held out: 4 of 7, against 2 of 5).
 */
const KIND_SENSES = 2;
/** A verb's more general and more specific senses, an adjective's similar ones. Lists longer than this are too broad to help. */
const LOOSE: Partial<Record<Pos, string[]>> = { v: ['@', '~'], a: ['&'] };
const MAX_LOOSE_TARGETS = 8;
/** Corpus stems kept per query word, closest first. */
const MAX_TARGETS = 6;
const LOOSE_RANK = 100;
/**
 * Corpus stems kept per thesaurus word, most often linked first. Moby lists ~80 words a head ("order" links to
 * 60 stems of a five-article corpus); 6 and 12 fit the same, and 12 kept one more held-out chat question.
 */
const MAX_THESAURUS_TARGETS = 12;

export interface PreviousQueryData {
  data: QueryData;
  /** The texts the previous counts were made from, by document id and hash. */
  documents: ReadonlyMap<string, { hash: string; text: string }>;
}

/** Counts a text's words (the tokens of `words()`, by its faster twin) into `counts`. */
function addWords(text: string, counts: Map<string, number>, sign: 1 | -1): void {
  for (const w of fastWords(text)) {
    if (!isVocabularyWord(w)) continue;
    const n = (counts.get(w) ?? 0) + sign;
    if (n > 0) counts.set(w, n);
    else counts.delete(w);
  }
}

/**
 * Builds the query data for a corpus. With the previous index's data, word
 * counts are updated from the documents that changed only; the relation map
 * is re-derived from the vocabulary either way (it costs a WordNet pass, see
 * the README's ingest figures).
 */
export function buildQueryData(
  documents: ReadonlyArray<{ id: string; hash: string; text: string }>,
  previous: PreviousQueryData | null,
  wordnet: WordNet = WordNet.load(),
  thesaurus: MobyThesaurus = MobyThesaurus.load(),
): QueryData {
  const counts = new Map<string, number>();
  const reuse = previous?.data.version === QUERY_DATA_VERSION ? previous : null;
  if (reuse) {
    reuse.data.words.forEach((w, i) => counts.set(w, reuse.data.counts[i]!));
    const current = new Map(documents.map((d) => [d.id, d.hash]));
    for (const [id, old] of reuse.documents) if (current.get(id) !== old.hash) addWords(old.text, counts, -1);
    for (const d of documents) if (reuse.documents.get(d.id)?.hash !== d.hash) addWords(d.text, counts, 1);
  } else for (const d of documents) addWords(d.text, counts, 1);

  const sorted = [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const { related, opposite } = relate(counts.keys(), wordnet);
  const kind = kinds(counts.keys(), wordnet);
  const irregular: Record<string, string> = {};
  for (const [form, base] of irregularEntries())
    if (counts.has(base) || Object.hasOwn(related, base) || Object.hasOwn(opposite, base)) irregular[form] = irregular[form] ? `${irregular[form]} ${base}` : base;
  return {
    version: QUERY_DATA_VERSION,
    wordnet: wordnet.version,
    language: corpusLanguage(documents.map((d) => d.text)),
    words: sorted.map(([w]) => w),
    counts: sorted.map(([, n]) => n),
    related,
    opposite,
    irregular,
    acronym: acronyms(documents),
    thesaurus: thesaurus.links(corpusStems(counts.keys()), MAX_THESAURUS_TARGETS),
    thesaurusSource: thesaurus.version,
    kind,
  };
}

/** Each corpus noun's first senses and their direct hypernyms (see `QueryData.kind`). */
function kinds(corpusWords: Iterable<string>, wordnet: WordNet): Record<string, string> {
  const out: Record<string, string> = {};
  for (const w of corpusWords) {
    if (!relatable(w)) continue;
    const own = new Set<number>();
    const kind = new Set<number>();
    for (const [pos, base] of wordnet.baseForms(w)) {
      if (pos !== 'n') continue;
      for (const offset of wordnet.senses(pos, base).slice(0, KIND_SENSES)) {
        own.add(offset);
        for (const [sym, , o] of wordnet.synset(pos, offset).pointers) if (sym === '@' || sym === '@i') kind.add(o);
      }
    }
    if (kind.size) out[w] = `${[...own].join(' ')}|${[...kind].join(' ')}`;
  }
  return out;
}

/** Stems of the corpus's words, as the keyword index holds them. */
function corpusStems(corpusWords: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const w of corpusWords) if (/^[a-z]+$/.test(w) && !isStopword(w)) out.add(stem(w));
  return out;
}

/** Every document is read again (names are not counted per document): ~50 ms per MB. */
function acronyms(documents: ReadonlyArray<{ text: string }>): Record<string, string> {
  const counter = new AcronymCounter();
  for (const d of documents) counter.add(d.text);
  return counter.toMap();
}

/**
 * For each corpus word, the WordNet words that mean the same (or nearly),
 * mapped back to the corpus word's stem. Each query word keeps its closest
 * MAX_TARGETS corpus stems: ranked by how common the shared sense is for both
 * words (sense positions added), synonyms before looser relations. Without the
 * cap a light verb ("go", "make") stood for 50+ corpus words and its
 * expansions outweighed the question's own words.
 */
function relate(corpusWords: Iterable<string>, wordnet: WordNet): { related: Record<string, string>; opposite: Record<string, string> } {
  const map = new Map<string, Map<string, number>>(); // query word → stem → rank (lower is closer; loose: +LOOSE_RANK)
  const opposites = new Map<string, Set<string>>(); // query word → corpus stems it is the opposite of
  const add = (key: string, target: string, rank: number) => {
    if (!/^[a-z]+$/.test(key) || stem(key) === target) return;
    let m = map.get(key);
    if (!m) map.set(key, (m = new Map()));
    if (rank < (m.get(target) ?? Infinity)) m.set(target, rank);
  };
  /** Position of the synset among the lemma's senses, or -1 when it is a rarer sense than QUERY_SENSES. */
  const senseRank = (pos: Pos, lemma: string, offset: number) => {
    const i = wordnet.senses(pos, lemma).indexOf(offset);
    return i < QUERY_SENSES ? i : -1;
  };
  for (const w of corpusWords) {
    if (!relatable(w)) continue;
    const target = stem(w);
    for (const [pos, base] of wordnet.baseForms(w)) {
      const senses = wordnet.senses(pos, base).slice(0, CORPUS_SENSES);
      senses.forEach((offset, own) => {
        const synset = wordnet.synset(pos, offset);
        for (const x of synset.words) {
          const key = compact(x);
          const r = senseRank(pos, key, offset);
          // The base form itself too when the corpus word is an irregular inflection of it ("grow" → the stem of "grew").
          if (r >= 0) add(key, target, own + r);
        }
        // Derivationally related forms ("+", between two particular words): "signer" and "signature" stand for the
        // corpus's "signed", "invention" for "invented". A word's own forms, so they rank with synonyms.
        for (const [sym, p, o, st] of synset.pointers) {
          if (sym !== '+' || synset.words[parseInt(st.slice(0, 2), 16) - 1] !== base) continue;
          const derived = wordnet.synset(p, o).words[parseInt(st.slice(2, 4), 16) - 1];
          if (derived) add(compact(derived), target, own + 1);
        }
        // Antonyms ("!"); an adjective satellite ("decreasing" as "falling") has them through its head ("&"), from its
        // commonest sense only: "near" in its rarer sense "left" (of a horse's side) is no opposite of "right", nor
        // "criminal" (as "wrong") of the "right" in "right before". The question word must have the opposite among its
        // OPPOSITE_SENSES commonest senses ("right" as "correct" is its fourth).
        const heads = pos === 'a' && own === 0 ? synset.pointers.filter(([sym]) => sym === '&').map(([, p, o]) => wordnet.synset(p, o)) : [];
        for (const from of [synset, ...heads])
          for (const [, p, o] of from.pointers.filter(([sym]) => sym === '!'))
            for (const y of wordnet.synset(p, o).words) {
              const key = compact(y);
              const rank = wordnet.senses(p, key).indexOf(o);
              if (!/^[a-z]+$/.test(key) || stem(key) === target || rank < 0 || rank >= OPPOSITE_SENSES) continue;
              let set = opposites.get(key);
              if (!set) opposites.set(key, (set = new Set()));
              set.add(target);
            }
        for (const symbol of LOOSE[pos] ?? []) {
          const targets = synset.pointers.filter(([s]) => s === symbol);
          if (targets.length > MAX_LOOSE_TARGETS) continue;
          for (const [, p, o] of targets)
            for (const y of wordnet.synset(p, o).words) {
              const key = compact(y);
              const r = senseRank(p, key, o);
              if (r >= 0) add(key, target, LOOSE_RANK + own + r);
            }
        }
      });
    }
  }
  const out: Record<string, string> = {};
  for (const [key, targets] of map)
    out[key] = [...targets]
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_TARGETS)
      .map(([t, rank]) => (rank >= LOOSE_RANK ? `~${t}` : t))
      .join(' ');
  const opposite: Record<string, string> = {};
  for (const [key, targets] of opposites) opposite[key] = [...targets].sort().join(' ');
  return { related: out, opposite };
}
