import { askedDirection, askedPlaceNoun, asksForDescribed, asksNamedKind, shortAnswer, type ShortSpan } from './answer-kind.js';
import type { Anchor } from './clause-window.js';
import { nameKinds, type NameContext } from './name-kinds.js';
import type { QuestionTerms } from './question-terms.js';
import { terms, WORD_AS_WRITTEN } from '../text.js';

/** The short answer to `q` in a quoted sentence (see `shortAnswer`), found near `at`, the question's words in it. */
export function shortAnswerIn(text: string, q: QuestionTerms, at: number[]): ShortSpan | null {
  return shortAnswer(text, q.type, q.numberKind, q.words, at, topicAndVariants(q), askedDirection(q.type, q.text), nameContext(text, q));
}

/**
 * A quote that opens on a word all in lower case starts where the source itself was cut (a syndicated copy that
 * begins "of Foreign Affairs of Azerbaijan Jeyhun Bayramov…"): the "…" says so. A name such as "iPhone" or "eBay"
 * has a capital after its first letter and opens a sentence as written.
 */
export const opensMidSentence = (text: string): boolean => /^\p{Ll}+(?![\p{L}\p{N}])/u.test(text);

/** For a who/where question, how the tagger reads the sentence's names and what kind of name is asked for. */
function nameContext(text: string, q: QuestionTerms): NameContext | null {
  if (q.type !== 'person' && q.type !== 'place') return null;
  const kindOf = nameKinds(text);
  return kindOf && { kindOf, namedKind: asksNamedKind(q.text), placeNoun: askedPlaceNoun(q.text), describedIsAnswer: asksForDescribed(q.text) };
}

/** Terms of the question and what stands for them (a synonym, an acronym's written-out name: "non", "align", "movement" for "nam"). */
function withVariants(q: QuestionTerms, own: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const t of own) {
    out.add(t);
    for (const v of q.variants.get(t) ?? []) out.add(v);
  }
  return out;
}

/**
 * The question's topic words, and the stems of them and of what stands for them: a name made of these repeats
 * what was asked about ("Non-Aligned Movement" for "who said all of NAM backs…").
 */
function topicAndVariants(q: QuestionTerms): Set<string> {
  return new Set([...q.topic, ...withVariants(q, [...q.topic].flatMap((w) => terms(w)))]);
}

/** Where the question's own terms, or what stands for them, occur in a sentence: the offset where each such word ends. */
export const anchors = (text: string, q: QuestionTerms): number[] => weightedAnchors(text, q).map((a) => a.at);

/**
 * The anchors with what they stand for: the question's own term (a variant counts as the word it stands for) and
 * its weight, so a cut keeps the clauses that hold the most of the question, not the most repeats of one word.
 */
export function weightedAnchors(text: string, q: QuestionTerms): Anchor[] {
  const ownOf = new Map<string, string>();
  for (const t of q.own) for (const v of q.variants.get(t) ?? []) if (!q.own.has(v)) ownOf.set(v, t);
  for (const t of q.own) ownOf.set(t, t);
  const out: Anchor[] = [];
  for (const m of text.matchAll(WORD_AS_WRITTEN)) {
    const key = ownOf.get(terms(m[0])[0] ?? '');
    if (key) out.push({ at: m.index! + m[0].length, key, weight: q.weights.get(key) ?? 1 });
  }
  return out;
}

