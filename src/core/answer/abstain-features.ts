import type { AnswerRequest } from '../answerer.js';
import { englishWords } from '../query/english-words.js';
import { stem, terms, words } from '../text.js';
import { CARDINALS, centuryOf, ORDINALS, ordinalOf } from '../numerals.js';
import { align, alignedTokens } from './alignment.js';
import type { Candidate } from './features.js';
import { askedPlaceNoun } from './answer-kind.js';
import { anchors, shortAnswerIn } from './short-answer-in.js';
import { holds, NEGATION, REFUSAL_WORD, writtenNumbers, type QuestionTerms } from './question-terms.js';

/** A verb in the passive with its agent ("was followed by"): the word that says who did it is on the other side. */
const PASSIVE_BY = /\b(?:is|are|was|were|be|been|being)\s+(\p{L}+)\s+by\b/giu;

/** Question-level signals that the best sentence does not answer, in the order of the abstention model's weights. */
export const ABSTAIN_FEATURES = [
  'topScore', // ranker score of the best sentence
  'margin', // best minus runner-up score
  'topShare', // softmax share of the best sentence
  'coverage', // share of the question's own terms in the best sentence
  'passageCoverage', // … in its passage
  'docCoverage', // … in every retrieved passage of its document
  'unmatchedRare', // rarest own term missing from the best document's passages (its idf share)
  'sentenceUnmatched', // idf share of the heaviest own term missing from the sentence and its neighbours
  'unstatedNumeral', // the question states a number the document never does
  'unknownName', // the question names something the document never mentions
  'unknownToCorpus', // … that the whole corpus never mentions
  'negationMismatch', // negative question, affirmative sentence
  'typeMissing', // the asked kind of answer is missing from the sentence
  'numberKindMissing', // the asked kind of number is missing
  'termCount', // own content terms / 10 (capped at 1)
  'rankInv', // 1 / rank of the best sentence's passage
  'negationFlip', // a word the question negates and the sentence states plainly, or the other way round
  'substitution', // weight share of a question word whose place in the sentence holds another word ("American ship" / "European ship")
  'typedSubstitution', // … the question's word a name (and no number in its place), or both numbers of one kind
  'sisterSubstitution', // … both nouns of one kind ("silver" for "gold")
  'opposite', // the sentence holds the opposite of a question word and not the word ("increasing" for "decreasing")
  'refusal', // the question refuses, rejects or fails; the sentence holds no such verb and no negation
  'superlativeMissing', // a superlative of the question ("largest", "least") that the sentence and its neighbours lack
  'mostMissing', // … "most" ("the most refugees"): a stop word, so it is checked as written, and weighed apart
  'nameMissing', // a who / which-city / which-country question whose best sentence holds no name of the kind asked (what the bold would show)
  // Each sign of a changed question, times the best sentence's coverage: a negation flipped in a sentence that holds
  // every other word says far more than one in a sentence about something else, which a sum of weights cannot express.
  'negationFlip*coverage',
  'negationMismatch*coverage',
  'opposite*coverage',
  'refusal*coverage',
  'superlativeMissing*coverage',
  'mostMissing*coverage',
  'substitution*coverage',
  'typedSubstitution*coverage',
  'sisterSubstitution*coverage',
  'numberKindMissing*coverage',
  'typeMissing*coverage',
  'unstatedNumeral*coverage',
] as const;

/** One edit apart (a typo), for words long enough that this is not a different word. */
export function nearlySame(a: string, b: string): boolean {
  if (a.length < 5 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return a.length - i - j <= 1 && b.length - i - j <= 1;
}

/** A small number written as a multiple ("4 expansion stages": "quadruple expansion"). */
const MULTIPLES = ['', 'single', 'double', 'triple', 'quadruple', 'quintuple'];

/**
 * Does the text state a numeral of the question? As written, or as what it
 * stands for: "29th" by "29", a small number by its word ("4" by "four" or
 * "quadruple", "3rd" by "third"), a round year by a century it ends or opens
 * ("1900" by "19th" or "20th"), a decade ("80s", "1980s") by a year in it, a
 * century ("1500s") by a year in it or by its ordinal ("16th").
 */
export function numeralStated(n: string, docWords: ReadonlySet<string>): boolean {
  if (docWords.has(n)) return true;
  const small = /^(\d{1,2})(st|nd|rd|th)?$/.exec(n);
  const spelled = small && (small[2] ? ORDINALS : CARDINALS)[Number(small[1])];
  if (spelled && docWords.has(spelled)) return true;
  if (small && !small[2] && MULTIPLES[Number(small[1])] && docWords.has(MULTIPLES[Number(small[1])]!)) return true;
  // A round year is the turn of a century, which a text names by either side ("around 1900": "the end of the 19th century").
  const turn = /^(1[0-9]|20)00$/.exec(n);
  if (turn) return docWords.has(ordinalOf(Number(turn[1]))) || docWords.has(ordinalOf(Number(turn[1]) + 1));
  const century = centuryOf(n);
  if (century) return docWords.has(century) || [...docWords].some((w) => w.length === 4 && w.startsWith(n.slice(0, 2)) && /^\d{4}$/.test(w));
  const decade = /^(1[0-9]|20)?([0-9])0s$/.exec(n);
  if (decade) {
    const centuries = decade[1] ? [decade[1]] : ['19', '20'];
    return [...docWords].some((w) => w.length === 4 && centuries.includes(w.slice(0, 2)) && w[2] === decade[2] && /^\d{4}$/.test(w));
  }
  const ordinal = /^(\d+)(?:st|nd|rd|th)$/.exec(n);
  return ordinal !== null && docWords.has(ordinal[1]!);
}

/** The best sentence and the sentences it touches (one it refers back to, a pair), the best included. */
function touchingBest(ranked: readonly Candidate[]): Candidate[] {
  const best = ranked[0]!;
  return ranked.filter((c) => c === best || (c.passage.chunk.docId === best.passage.chunk.docId && c.end >= best.start - 1 && c.start <= best.end + 1));
}

/** The question terms the best sentence holds, with those of the sentences it touches. */
export function heldNearBest(ranked: readonly Candidate[]): Set<string> {
  return new Set(touchingBest(ranked).flatMap((c) => [...c.matched]));
}

const IRREGULAR_SUPERLATIVES = new Set(['least', 'best', 'worst']);

/**
 * Stems of the superlatives in a text: "least", "best", "worst", and a word in "-est" whose comparative is a word
 * too ("largest": "larger", "earliest": "earlier"; not "interest", "forest"). The word list is read only when such a
 * word occurs.
 */
export function superlatives(text: string): string[] {
  return words(text)
    .filter((w) => IRREGULAR_SUPERLATIVES.has(w) || (w.length >= 6 && w.endsWith('est') && englishWords().has(`${w.slice(0, -3)}er`)))
    .map(stem);
}

/** Features of the question and its best-ranked candidate; `ranked` is best first with scores set. */
export function abstainFeatures(q: QuestionTerms, ranked: Candidate[], request: AnswerRequest, featureIndex: (name: string) => number): number[] {
  const best = ranked[0]!;
  const second = ranked[1];
  let z = 0;
  for (const c of ranked) z += Math.exp(c.score - best.score);
  const docId = best.passage.chunk.docId;
  const docWords = new Set<string>();
  const docTerms = new Set<string>();
  for (const p of request.passages)
    if (p.chunk.docId === docId) {
      for (const w of words(p.chunk.text)) {
        docWords.add(w);
        for (const t of terms(w)) docTerms.add(t);
      }
      for (const n of writtenNumbers(p.chunk.text)) docWords.add(n);
    }
  let maxWeight = 0;
  let docCovered = 0;
  let unmatchedRare = 0;
  let sentenceUnmatched = 0;
  const near = heldNearBest(ranked);
  for (const t of q.own) maxWeight = Math.max(maxWeight, q.weights.get(t)!);
  for (const t of q.own) {
    const w = q.weights.get(t)! / (maxWeight || 1);
    if (holds(q, docTerms, t)) docCovered += q.weights.get(t)!;
    else unmatchedRare = Math.max(unmatchedRare, w);
    if (!holds(q, near, t)) sentenceUnmatched = Math.max(sentenceUnmatched, w);
  }
  let unknownName = 0;
  let unknownToCorpus = 0;
  // A name the speller corrected ("Geegen" → "Gegeen", "TEFU" → "TFEU") is the corpus's name, mistyped: the corrected
  // text writes it in lower case, so it is checked here under both spellings.
  const fixes = new Map((request.query?.corrections ?? []).map((c) => [c.from, c.to]));
  const mentioned = (name: string) => {
    const t = terms(name)[0];
    // Written out ("MFA" as "Ministry of Foreign Affairs") counts as mentioned.
    return docWords.has(name) || (t && q.variants.get(t)?.some((v) => docTerms.has(v))) || [...docWords].some((x) => nearlySame(name, x));
  };
  const inCorpus = (name: string) => {
    const t = terms(name)[0];
    return !t || request.documentFrequency?.(t) !== 0;
  };
  for (const name of q.names) {
    const fix = fixes.get(name);
    if (mentioned(name) || (fix && mentioned(fix))) continue;
    unknownName = 1;
    if (!inCorpus(name) && !(fix && inCorpus(fix))) unknownToCorpus = 1;
  }
  // A code of letters, then digits ("cop28", "g7", "a320") names one thing whatever its case: asked and never in the corpus, it
  // is something the corpus does not cover (a lower-case name is otherwise not told from a word).
  for (const t of q.own)
    if (/^\p{L}+\p{N}/u.test(t) && request.documentFrequency?.(t) === 0 && !q.variants.get(t)?.length) unknownName = unknownToCorpus = 1;
  const f = (name: string) => best.features[featureIndex(name)]!;
  const bestTerms = new Set(terms(best.text));
  const own = (t: string) => (q.own.has(t) ? q.weights.get(t)! : 0);
  // Read only for a question with opposites to check (most have none).
  const passive = q.opposites.size ? new Set([...best.text.matchAll(PASSIVE_BY)].flatMap((m) => terms(m[1]!))) : new Set<string>();
  const sentenceTokens = alignedTokens(best.text);
  const negatedInSentence = new Set(sentenceTokens.filter((t) => t.negated).map((t) => t.term));
  const al = align(alignedTokens(q.text), sentenceTokens, (t) => holds(q, bestTerms, t), own, (t) => q.weights.has(t), request.sisters);
  const x = [
    best.score,
    // Capped: past a margin of 5 the best sentence's share is already ~1, and a larger one must not extrapolate.
    second ? Math.min(5, best.score - second.score) : 5,
    1 / z,
    f('coverage'),
    f('passageCoverage'),
    q.total ? docCovered / q.total : 0,
    unmatchedRare,
    sentenceUnmatched,
    q.numerals.some((n) => !numeralStated(n, docWords)) ? 1 : 0,
    unknownName,
    unknownToCorpus,
    // A negation written into a word of the question ("without jaws" as "jawless") is one the sentence states.
    q.negated && !NEGATION.test(best.text) && ![...q.own].some((u) => holds(q, negatedInSentence, u)) ? 1 : 0,
    f('typeMissing'),
    f('numberKindMissing'),
    Math.min(1, q.own.size / 10),
    f('rankInv'),
    al.negationFlip ? 1 : 0,
    al.substitution,
    al.typedSubstitution,
    al.sisterSubstitution,
    // Not when the question names both ("abstract or concrete?"), nor for a verb in the passive: "the agreement was
    // followed by talks" says what "the agreement led to talks" does.
    [...q.opposites].some(([t, opposite]) => !holds(q, bestTerms, t) && opposite.some((o) => bestTerms.has(o) && !passive.has(o) && !q.weights.has(o))) ? 1 : 0,
    q.refuses && !REFUSAL_WORD.test(best.text) && !NEGATION.test(best.text) ? 1 : 0,
    superlatives(q.text).some((t) => q.own.has(t) && !holds(q, near, t)) ? 1 : 0,
    words(q.text).includes('most') && !touchingBest(ranked).some((c) => words(c.text).includes('most')) ? 1 : 0,
    // "Which city will host the summit" and the sentence says only "in Azerbaijan"; "who chaired it before" and no one
    // is named. Read with the tagger, as the bold is. Not for a bare "where", which a common noun answers ("in the
    // condenser"): with it, three such answers on the held-out SQuAD chat rewrites were declined.
    (q.type === 'person' || (q.type === 'place' && askedPlaceNoun(q.text))) && !shortAnswerIn(best.text, q, anchors(best.text, q)) ? 1 : 0,
  ];
  const at = (name: string) => x[(ABSTAIN_FEATURES as readonly string[]).indexOf(name)]!;
  for (const name of ABSTAIN_FEATURES.slice(x.length)) {
    const [a, b] = name.split('*') as [string, string];
    x.push(at(a) * at(b));
  }
  return x;
}
