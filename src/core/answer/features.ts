import type { AnswerRequest } from '../answerer.js';
import { CAPITALISED_WORD, isStopword, terms, words } from '../text.js';
import type { Passage } from '../types.js';
import { ASKS_KIND } from './alignment.js';
import { askedNumberKind, answerType, hasType, slotNoun, type AnswerType, type NumberKind } from './answer-kind.js';
import { hasNumberOfKind } from './number-mentions.js';
import { localBm25 } from './local-bm25.js';
import { cleanSpan, isRepeatedHeadline, passageSentences, startsWithReference, type SentenceSpan } from './sentence-spans.js';

/** A question as the answerer weighs it. */
export interface QuestionTerms {
  /** The question as analysed (chat forms written out, typos corrected). */
  text: string;
  /** Content term → weight: idf for the question's own terms, less for expansions and earlier turns. */
  weights: Map<string, number>;
  /** The question's own content terms. */
  own: Set<string>;
  total: number;
  type: AnswerType | null;
  numberKind: NumberKind | null;
  /** Lower-cased words of the question. */
  words: Set<string>;
  /** The question's content words other than the kind it asks for ("outlet" in "which outlet"): what it is about. */
  topic: Set<string>;
  /** Adjacent content-term pairs of the question. */
  pairs: Set<string>;
  /** Lower-cased capitalised words of the question past its first word (names). */
  names: string[];
  negated: boolean;
  /** Numerals the question itself states ("2023", "29th"). */
  numerals: string[];
  /** Terms that are spelling corrections of the question's words (a guess, not what was typed). */
  corrected: Set<string>;
  /** Question words (what, when, who…) in the question: more than one asks in parts. */
  parts: number;
  /** Own term → expansion terms standing for it (synonyms, related words), from the query analysis. */
  variants: Map<string, string[]>;
  /** Asks for a reason ("why", "how come", "what for"). */
  asksWhy: boolean;
  /** Own term the corpus lacks → corpus terms the thesaurus lists with it ("hope" → "plan"), from the query analysis. */
  thesaurus: Map<string, string[]>;
  /** Own term → corpus terms of its opposite ("decreas" → "increas"), from the query analysis. */
  opposites: Map<string, string[]>;
  /** Asks when the document itself was published ("when was that article posted"), not when something in it happened. */
  asksPublished: boolean;
  /** The term of what a yes/no question asks about ("armenia" in "Did Armenia join the call?"), or null. */
  polarSubject: string | null;
}

const DETERMINER = /^(?:the|a|an|this|that|these|those|any|some|all|each|every|his|her|their|its|our|my|your)$/;
const WH_WORD = /^(?:what|whats|when|who|whom|whose|where|which|why|how)$/;
/** An auxiliary that opens a yes/no question. */
const POLAR = /^(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|may|might|must)$/;

/**
 * The word after the auxiliary (and a determiner) of a yes/no question, which
 * is its subject as people ask them ("Did Armenia join…", "Has the ministry
 * said…", "Can BSkyB veto…"). Only a sentence that mentions it can answer yes
 * or no: "127 countries have joined" says nothing about Armenia.
 */
function polarSubject(qWords: string[]): string | null {
  if (!POLAR.test(qWords[0] ?? '') || qWords.some((w) => WH_WORD.test(w))) return null;
  // A pronoun stands for what an earlier turn or sentence named ("did they sign it"), and "is there", "is it easier"
  // have no subject of their own: no check then.
  for (const w of qWords.slice(1)) {
    if (DETERMINER.test(w)) continue;
    return isStopword(w) ? null : (terms(w)[0] ?? null);
  }
  return null;
}

/** "When / what date … article / story / post … published / posted / dated / written": the document's own date. */
const DOCUMENT_NOUNS = 'article|story|piece|post|news|press release|write-?up|blog';
const PUBLISH_VERBS = 'published|posted|dated|written|put out|come out|came out|released';
const PUBLISHED = new RegExp(`\\b(?:when|what (?:date|day))\\b(?=.*\\b(?:${DOCUMENT_NOUNS})\\b)(?=.*\\b(?:${PUBLISH_VERBS})\\b)`, 'i');
/** The words that ask for the date, removed so the rest of the question picks the document. */
const PUBLICATION_WORDS = new RegExp(`\\b(?:date|day|${DOCUMENT_NOUNS}|${PUBLISH_VERBS})\\b`, 'gi');

/** A capitalised word past the question's first ("U.S." whole, so it reads as the word `us`). */
const NAME_IN_QUESTION = new RegExp(`(?<=\\s)${CAPITALISED_WORD}`, 'gu');

/** Does a set of terms hold the own term `t`, itself or through a synonym? */
export const holds = (q: QuestionTerms, set: ReadonlySet<string>, t: string): boolean => set.has(t) || (q.variants.get(t)?.some((v) => set.has(v)) ?? false);

export const NEGATION = /\b(not|never|no|none|nobody|nothing|neither|nor|cannot|without)\b|n[’']t\b/i;

/**
 * Products of a sentence's match with the question and its other signals: a
 * linear ranker cannot otherwise learn that holding a date only counts in a
 * sentence that is about the question.
 */
const CROSS_BASE = ['coverage', 'ownCoverage'] as const;
const CROSS_WITH = ['reasonCue', 'typed', 'numberKindOk', 'typeMissing', 'rankInv', 'sameDocAsTop', 'inPassage', 'bm25', 'dense', 'proximity', 'context'] as const;
function crossNames(): Array<`${(typeof CROSS_BASE)[number]}*${(typeof CROSS_WITH)[number]}`> {
  return CROSS_BASE.flatMap((a) => CROSS_WITH.map((b) => `${a}*${b}` as const));
}

/** Features of one candidate sentence, in the order of `SENTENCE_FEATURES`. */
export const SENTENCE_FEATURES = [
  'coverage', // idf-weighted share of the question's own terms the sentence holds, itself or through a synonym
  'ownCoverage', // the same, counting only the question's own words
  'context', // share held by the neighbouring sentences but not by this one
  'phrase', // share of the question's adjacent term pairs found adjacent
  'proximity', // matched terms close together (matched / window)
  'rareHit', // the question's rarest term is in the sentence
  'wordOverlap', // share of the question's words (unstemmed) in the sentence
  'dense', // cosine of question and sentence vectors
  'rankInv', // 1 / passage rank
  'sameDocAsTop', // from the best passage's document
  'passageCoverage', // share of the question's terms the passage holds
  'typed', // holds the kind of answer asked for
  'typeMissing', // a kind is asked for and the sentence lacks it
  'numberKindOk', // holds a number of the asked kind
  'numberKindMissing', // a number kind is asked and the sentence has none
  'length', // characters / 100
  'fewNovel', // fewer than two words beyond the question's
  'short', // under 25 characters
  'pair', // a sentence scored together with the one it refers back to
  'bm25', // BM25 of the sentence among the candidates (idf over them), over the best such score
  'bm25Best', // the candidate with the best BM25
  'inPassage', // inside the retrieved passage, not in the document text around it
  'keywordRankInv', // 1 / keyword-search rank of the passage (0: not a keyword hit)
  'denseRankInv', // 1 / dense-search rank of the passage (0: not a dense hit)
  'reasonCue', // a "why" question and a sentence that gives a reason or purpose ("because", "due to", "in order to", "aimed at")
  'thesaurusCoverage', // as coverage, a word the corpus lacks also held through a word the thesaurus lists with it
  ...crossNames(),
] as const;

/** Positions of the two factors of each cross product, resolved once (this runs for every candidate sentence). */
const CROSS_PAIRS = CROSS_BASE.flatMap((a) => CROSS_WITH.map((b) => [(SENTENCE_FEATURES as readonly string[]).indexOf(a), (SENTENCE_FEATURES as readonly string[]).indexOf(b)] as const));

/** Appends the cross products (CROSS_BASE × CROSS_WITH) to a base feature vector. */
function withCrosses(base: number[]): number[] {
  for (const [i, j] of CROSS_PAIRS) base.push(base[i]! * base[j]!);
  return base;
}

/** Words that give a reason or a purpose. */
const REASON = /\b(because|due to|owing to|thanks to|as a result|in order to|so as to|so that|aimed at|in an effort to|in response to|to (?:ensure|allow|enable|finali[sz]e|complete|avoid|prevent|protect|support|reach|achieve)|led to|caused|reason|since)\b/i;

/** What the slot noun of "what year…" weighs, as a share of its idf (as a synonym does: 0.2). */
const SLOT_WEIGHT = 0.2;

/** Characters of document text on either side of a passage whose sentences also compete (the answer is often next door). */
export const CONTEXT_CHARS = 300;

export interface Candidate {
  passage: Passage;
  rank: number;
  text: string;
  /** Offsets in the document. */
  start: number;
  end: number;
  matched: Set<string>;
  features: number[];
  /** Filled in by the ranker. */
  score: number;
}

export function analyseQuestion(asked: string, idf: (t: string) => number, expansions: ReadonlyMap<string, number> = new Map()): QuestionTerms {
  const asksPublished = PUBLISHED.test(asked);
  // What is left names the document ("that article about the peruvian journalist"): its words are the ones to match.
  const question = asksPublished ? asked.replace(PUBLICATION_WORDS, ' ') : asked;
  const weights = new Map<string, number>();
  const qTerms = terms(question);
  for (const t of qTerms) weights.set(t, idf(t));
  // "What year…", "which month…": the noun names the slot the answer fills ("in 1988"), so a sentence holding
  // it ("During the year…") is not the nearer for it; it counts as an expansion does, below the question's words.
  const slot = qTerms.length > 1 ? slotNoun(question) : null;
  const slotTerms = slot === null ? [] : terms(slot).filter((t) => weights.has(t));
  for (const t of slotTerms) weights.delete(t);
  const own = new Set(weights.keys());
  for (const t of slotTerms) weights.set(t, idf(t) * SLOT_WEIGHT);
  // Expansions (spelling variants, synonyms) count below the question's own words.
  for (const [t, factor] of expansions) if (!weights.has(t)) weights.set(t, idf(t) * factor);
  const qWords = words(question);
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < qTerms.length; i++) pairs.add(`${qTerms[i]} ${qTerms[i + 1]}`);
  let total = 0;
  for (const t of own) total += weights.get(t)!;
  const names: string[] = [];
  for (const m of question.matchAll(NAME_IN_QUESTION)) {
    const w = words(m[0])[0];
    if (w && !isStopword(w)) names.push(w);
  }
  return {
    text: question,
    weights,
    own,
    total,
    type: answerType(question),
    numberKind: askedNumberKind(question),
    words: new Set(qWords),
    topic: new Set(qWords.filter((w, i) => !isStopword(w) && !ASKS_KIND.has(qWords[i - 1] ?? ''))),
    pairs,
    names,
    // "if not at the COP, where…" and "whether or not" set a condition; they do not deny anything.
    negated: NEGATION.test(question.replace(/\b(?:if|or) not\b/gi, '')),
    // "which 2 states", "name 3": a number of answers asked for, not a fact the text must state.
    numerals: qWords.filter((w, i) => /^\d+(st|nd|rd|th|s)?$/.test(w) && !/^(which|what|name|list|top|give)$/.test(qWords[i - 1] ?? '')),
    corrected: new Set(),
    opposites: new Map(),
    variants: new Map(),
    thesaurus: new Map(),
    asksWhy: /\b(why|how come|what for|for what reason|what (?:was|is) the reason)\b/i.test(question),
    asksPublished,
    polarSubject: polarSubject(qWords),
    parts: qWords.filter((w) => WH_WORD.test(w)).length,
  };
}

interface Unit {
  passage: Passage;
  rank: number;
  span: SentenceSpan;
  terms: Set<string>;
  seq: string[];
  pair: boolean;
}

/**
 * Every sentence of the passages (whole sentences, page furniture dropped) and
 * every sentence that opens with a reference joined to the one before it, with
 * their features. Scores are left at 0 for the ranker.
 */
export async function candidateFeatures(q: QuestionTerms, request: AnswerRequest, dense?: (texts: string[]) => Promise<number[]>): Promise<Candidate[]> {
  const seen = new Set<string>();
  const units: Unit[] = [];
  const neighbours: Array<{ before?: Set<string>; after?: Set<string> }> = [];
  const passageCoverage: number[] = [];
  const topDoc = request.passages[0]?.chunk.docId;
  // Each document's text once (the index may have to fetch it).
  const docTexts = new Map<string, string | undefined>();
  if (request.documentText) for (const p of request.passages) if (!docTexts.has(p.chunk.docId)) docTexts.set(p.chunk.docId, await request.documentText(p.chunk.docId));
  request.passages.forEach((passage, rank) => {
    const docText = docTexts.get(passage.chunk.docId);
    const spans = passageSentences(passage, docText, CONTEXT_CHARS)
      .map((s) => cleanSpan(s))
      .filter((s): s is SentenceSpan => s !== null && !isRepeatedHeadline(s, docText));
    const termSets = spans.map((s) => new Set(terms(s.text)));
    const all = new Set(termSets.flatMap((t) => [...t]));
    let covered = 0;
    for (const t of q.own) if (holds(q, all, t)) covered += q.weights.get(t)!;
    passageCoverage[rank] = q.total ? covered / q.total : 0;
    spans.forEach((s, i) => {
      const key = `${passage.chunk.docId}:${s.start}`;
      if (seen.has(key)) return; // overlapping chunks repeat sentences
      seen.add(key);
      units.push({ passage, rank, span: s, terms: termSets[i]!, seq: terms(s.text), pair: false });
      neighbours.push({ before: termSets[i - 1], after: termSets[i + 1] });
      const prev = spans[i - 1];
      if (prev && docText && startsWithReference(s.text)) {
        const span = { start: prev.start, end: s.end, text: docText.slice(prev.start, s.end) };
        units.push({ passage, rank, span, terms: new Set([...termSets[i - 1]!, ...termSets[i]!]), seq: terms(span.text), pair: true });
        neighbours.push({ before: termSets[i - 2], after: termSets[i + 1] });
      }
    });
  });
  const denseScores = dense && units.length ? await dense(units.map((u) => u.span.text)) : undefined;
  let maxWeight = 0;
  for (const t of q.own) maxWeight = Math.max(maxWeight, q.weights.get(t)!);
  let weightAll = 0;
  for (const w of q.weights.values()) weightAll += w;
  const qWordList = [...q.words].filter((w) => !isStopword(w));
  const bm25 = localBm25(q.own, units);
  const bm25Max = Math.max(0, ...bm25);
  return units.map((u, k) => {
    const matched = new Set<string>();
    let covered = 0;
    let ownCovered = 0;
    let near = 0;
    let rare = 0;
    const nb = neighbours[k]!;
    for (const [t, weight] of q.weights) {
      if (u.terms.has(t)) {
        matched.add(t);
        covered += weight;
        if (q.own.has(t)) {
          ownCovered += weight;
          if (weight >= maxWeight) rare = 1;
        }
      } else if (nb.before?.has(t) || nb.after?.has(t)) near += weight;
    }
    let phraseHits = 0;
    const positions: number[] = [];
    u.seq.forEach((t, j) => {
      if (j + 1 < u.seq.length && q.pairs.has(`${t} ${u.seq[j + 1]}`)) phraseHits++;
      if (q.weights.has(t)) positions.push(j);
    });
    const window = positions.length ? positions.at(-1)! - positions[0]! + 1 : 0;
    const sWords = words(u.span.text);
    const sWordSet = new Set(sWords);
    const novel = sWords.filter((x) => !q.words.has(x) && !isStopword(x));
    const typed = q.type ? hasType(u.span.text, novel, q.type) : false;
    const kindOk = q.numberKind ? hasNumberOfKind(u.span.text, q.numberKind, q.words) : false;
    let soft = 0;
    let loose = 0;
    for (const t of q.own)
      if (holds(q, u.terms, t)) soft += q.weights.get(t)!;
      else if (q.thesaurus.get(t)?.some((v) => u.terms.has(v))) loose += q.weights.get(t)!;
    const features = [
      q.total ? soft / q.total : 0,
      q.total ? ownCovered / q.total : 0,
      weightAll ? near / weightAll : 0,
      q.pairs.size ? Math.min(1, phraseHits / q.pairs.size) : 0,
      window ? new Set(positions.map((p) => u.seq[p])).size / window : 0,
      rare,
      qWordList.length ? qWordList.filter((w) => sWordSet.has(w)).length / qWordList.length : 0,
      denseScores?.[k] ?? 0,
      1 / (u.rank + 1),
      u.passage.chunk.docId === topDoc ? 1 : 0,
      passageCoverage[u.rank]!,
      typed ? 1 : 0,
      q.type && !typed ? 1 : 0,
      kindOk ? 1 : 0,
      q.numberKind && !kindOk ? 1 : 0,
      u.span.text.length / 100,
      novel.length < 2 ? 1 : 0,
      u.span.text.length < 25 ? 1 : 0,
      u.pair ? 1 : 0,
      bm25Max > 0 ? bm25[k]! / bm25Max : 0,
      bm25Max > 0 && bm25[k] === bm25Max ? 1 : 0,
      u.span.start < u.passage.chunk.end && u.span.end > u.passage.chunk.start ? 1 : 0,
      u.passage.keywordRank ? 1 / u.passage.keywordRank : 0,
      u.passage.denseRank ? 1 / u.passage.denseRank : 0,
      q.asksWhy && REASON.test(u.span.text) ? 1 : 0,
      q.total ? (soft + loose) / q.total : 0,
    ];
    return { passage: u.passage, rank: u.rank, text: u.span.text, start: u.span.start, end: u.span.end, matched, features: withCrosses(features), score: 0 };
  });
}
