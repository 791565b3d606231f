import type { AnswerRequest } from '../answerer.js';
import { isStopword, termsOf, words } from '../text.js';
import type { Passage } from '../types.js';
import { hasType } from './answer-kind.js';
import { hasNumberOfKind } from './number-mentions.js';
import { localBm25 } from './local-bm25.js';
import { holds, type QuestionTerms } from './question-terms.js';
import { cleanSpan, isRepeatedHeadline, passageSentences, startsWithReference, type SentenceSpan } from './sentence-spans.js';

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
const REASON = /\b(because|due to|owing to|thanks to|as a result|in order to|so as to|so that|aimed at|aims? to|aiming to|intended to|designed to|meant to|in an effort to|in response to|to (?:ensure|allow|enable|finali[sz]e|complete|avoid|prevent|protect|support|reach|achieve)|led to|caused|reason|since)\b/i;


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


interface Unit {
  passage: Passage;
  rank: number;
  span: SentenceSpan;
  terms: Set<string>;
  seq: string[];
  /** The sentence's words (`words()`), split once: splitting folds accents, a tenth of the answering step's time. */
  words: string[];
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
    const wordLists = spans.map((s) => words(s.text));
    const seqs = wordLists.map(termsOf);
    const termSets = seqs.map((t) => new Set(t));
    const all = new Set(termSets.flatMap((t) => [...t]));
    let covered = 0;
    for (const t of q.own) if (holds(q, all, t)) covered += q.weights.get(t)!;
    passageCoverage[rank] = q.total ? covered / q.total : 0;
    spans.forEach((s, i) => {
      const key = `${passage.chunk.docId}:${s.start}`;
      if (seen.has(key)) return; // overlapping chunks repeat sentences
      seen.add(key);
      units.push({ passage, rank, span: s, terms: termSets[i]!, seq: seqs[i]!, words: wordLists[i]!, pair: false });
      neighbours.push({ before: termSets[i - 1], after: termSets[i + 1] });
      const prev = spans[i - 1];
      if (prev && docText && startsWithReference(s.text, termSets[i - 1])) {
        const span = { start: prev.start, end: s.end, text: docText.slice(prev.start, s.end) };
        const ws = words(span.text);
        units.push({ passage, rank, span, terms: new Set([...termSets[i - 1]!, ...termSets[i]!]), seq: termsOf(ws), words: ws, pair: true });
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
    const sWords = u.words;
    const sWordSet = new Set(sWords);
    const novel = sWords.filter((x) => !q.words.has(x) && !isStopword(x));
    const kindOk = q.numberKind ? hasNumberOfKind(u.span.text, q.numberKind, q.words) : false;
    // A number of the asked kind is the kind of answer asked for, in words too ("over **a month**" for "how long"):
    // counted missing, it kept "how long did the 2020 war … go on" from its answer.
    const typed = q.type ? kindOk || hasType(u.span.text, novel, q.type) : false;
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
