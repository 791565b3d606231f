/**
 * A question as the answerer weighs it: its terms and their idf weights, the kind of answer it asks for, its
 * names, negation and parts; read with the query analysis (chat forms, typos, synonyms) and, for a follow-up,
 * the previous question.
 */
import type { AnswerRequest } from '../answerer.js';
import { isFollowUp } from '../conversation/follow-up.js';
import type { QueryAnalysis } from '../query/analyze-query.js';
// "What is the point / purpose / goal of…" asks why. (Reading the noun as a slot the answer fills, as "year" in "what
// year", was tried in session 45: the refit moved to threshold 0.55 and held-out SQuAD answers fell 91.6 → 90.2%.)
import { PURPOSE_FRAME } from '../query/chat-forms.js';
import { CAPITALISED_WORD, isStopword, terms, words } from '../text.js';
import { ASKS_KIND } from './alignment.js';
import { besidesTerms } from './besides.js';
import { ASKS_EXACT_DAY, askedNumberKind, answerType, kindHeaded, slotNoun, type AnswerType, type NumberKind } from './answer-kind.js';

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
  /** Built on a verb that denies what it governs ("refused to join", "turned down"; see REFUSAL). */
  refuses: boolean;
  /** Numerals the question itself states ("2023", "29th"). */
  numerals: string[];
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
  /** What a "besides X" question sets aside: X's terms and what stands for them, read as typed; null if nothing. */
  aside: Set<string> | null;
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

/** "not only … but also" adds; it denies nothing. */
export const NEGATION = /\b(not(?! only\b)|never|no|none|nobody|nothing|neither|nor|cannot|without)\b|n[’']t\b/i;

/**
 * Verbs that deny what they govern: "refused to join" entails "did not join" (negative implicatives), and "rejected the
 * call" that it was not taken up. A question built on one of them, answered by a sentence that holds none and no
 * negation, asks about something the sentence does not report ("how many countries rejected the call": "127 joined").
 */
export const REFUSAL =
  /\b(?:refus\w*|reject\w*|den(?:y|ies|ied|ying|ial)|(?<!\bas )oppos(?:e|es|ed|ing|ition)|boycott\w*|veto\w*|resist(?:s|ed|ing)?|abstain\w*|neglect\w*)\b|\b(?:fail(?:s|ed|ing|ure)?|declin(?:e|es|ed|ing)) to\b|\bturn(?:s|ed|ing)? (?:\w+ ){0,2}down\b|\bpass(?:es|ed|ing)? (?:\w+ ){0,2}up\b/i;
/** A sentence that reports a refusal in any form ("failed", "the decline of") is not taken for one that reports none. */
export const REFUSAL_WORD = /\b(?:refus|reject|deni|deny|oppos|boycott|veto|resist|abstain|neglect|fail|declin)\w*|\bturn\w* (?:\w+ ){0,2}down\b|\bpass\w* (?:\w+ ){0,2}up\b/i;

/** A number with a decimal point or thousands separators ("8.7", "5,105,786"), which words() splits in two. */
const WRITTEN_NUMBER = /(?<![\d.,])\d+(?:[.,]\d+)+/g;

/**
 * Decimals and grouped numbers as one numeral each ("8.7", "5105786"): "a magnitude 8.7 event" is not stated by a text
 * that says "6.7" and "8.0", though it holds an 8 and a 7. A comma that does not group thousands ("1,2") is left out.
 */
export function writtenNumbers(text: string): string[] {
  const out: string[] = [];
  for (const [m] of text.matchAll(WRITTEN_NUMBER)) {
    const n = m.replace(/[.,]$/, '');
    if (/^\d{1,3}(?:,\d{3})+$/.test(n)) out.push(n.replaceAll(',', ''));
    else if (/^\d+\.\d+$/.test(n)) out.push(n);
  }
  return out;
}

/** What the slot noun of "what year…" weighs, as a share of its idf (as a synonym does: 0.2). */
const SLOT_WEIGHT = 0.2;

/** The question's terms weighted by `idf`, and what it asks for; `expansions` (term → share of its idf) count below its own words. */
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
    // With its numbers as a sentence's are read ("1,000" as 1000): a number the question states is not what it asks for.
    words: new Set([...qWords, ...writtenNumbers(question)]),
    topic: topicWords(question, qWords),
    pairs,
    names,
    // "if not at the COP, where…" and "whether or not" set a condition; they do not deny anything.
    negated: NEGATION.test(question.replace(/\b(?:if|or) not\b/gi, '')),
    refuses: REFUSAL.test(question),
    // "which 2 states", "name 3": a number of answers asked for, not a fact the text must state.
    numerals: [
      ...qWords.filter((w, i) => /^\d+(st|nd|rd|th|s)?$/.test(w) && !/^(which|what|name|list|top|give)$/.test(qWords[i - 1] ?? '')),
      ...writtenNumbers(question),
    ],
    opposites: new Map(),
    variants: new Map(),
    thesaurus: new Map(),
    asksWhy: /\b(why|how come|what for|for what reason|what (?:was|is) the reason)\b/i.test(question) || PURPOSE_FRAME.test(question),
    asksPublished,
    polarSubject: polarSubject(qWords),
    aside: null,
    parts: qWords.filter((w) => WH_WORD.test(w)).length,
  };
}

const KIND_OF = /\b(?:what|which)\s+(?:kinds?|sorts?|types?)\s+of\b/i;

/**
 * Term weights: idf of the question's terms. With the query analysis (src/core/query), the question is read
 * with chat forms written out and typos corrected, and its synonyms count at their fitted weight; a
 * follow-up's previous question counts half.
 */
export function askedQuestion(question: string, history: AnswerRequest['history'], idf: (t: string) => number, query?: QueryAnalysis): QuestionTerms {
  const expansions = new Map<string, number>();
  const text = query?.corrected ?? question;
  const own = new Set(terms(text));
  for (const t of query?.terms ?? []) if (t.source !== 'original' && !own.has(t.term)) expansions.set(t.term, Math.max(expansions.get(t.term) ?? 0, t.weight));
  const previous = history.at(-1);
  if (previous && isFollowUp(question)) for (const t of terms(previous.question)) if (!expansions.has(t)) expansions.set(t, 0.5);
  const q = analyseQuestion(text, idf, expansions);
  // Names as typed: a spelling correction must not turn a name the corpus lacks ("Peru") into a word it has ("per").
  if (query) q.names = [...new Set([...analyseQuestion(question, idf).names, ...q.names])];
  // As typed: the analysis drops a phrasal verb's particle ("turned down" → "turned") once the corpus lacks the pair.
  q.refuses ||= REFUSAL.test(question);
  // As typed too: the chat forms drop "exactly" as filler, which "when exactly" is not (it rules out a year or a weekday).
  if (q.type === 'date' && ASKS_EXACT_DAY.test(question.toLowerCase())) q.numberKind = 'calendarDay';
  // As typed too: the chat forms read "what kind of company" as "what company", which asks for a name; the question
  // asks for a kind ("a postal company", "private"), which no name answers.
  if (KIND_OF.test(question) && q.type !== 'number') q.type = null;
  for (const t of query?.terms ?? []) {
    const from = t.from && terms(t.from)[0];
    if ((t.source === 'synonym' || t.source === 'variant') && from && q.own.has(from)) q.variants.set(from, [...(q.variants.get(from) ?? []), t.term]);
  }
  q.aside = besidesTerms(question, q);
  for (const o of query?.opposites ?? []) if (q.own.has(o.from)) q.opposites.set(o.from, [...(q.opposites.get(o.from) ?? []), o.term]);
  for (const o of query?.thesaurus ?? []) {
    if (!q.own.has(o.from)) continue;
    const list = q.thesaurus.get(o.from);
    if (list) list.push(o.term);
    else q.thesaurus.set(o.from, [o.term]);
  }
  if (previous && isFollowUp(question)) for (const w of words(previous.question)) q.words.add(w);
  return q;
}

/**
 * The words naming what a question is about, for the short answer to leave out: not the noun that names the kind
 * of answer asked for, next to "which" or heading the words after it ("group" in "which international group":
 * "**OSCE Minsk Group**", not the place named before it).
 */
function topicWords(question: string, qWords: string[]): Set<string> {
  const headed = words(kindHeaded(question.toLowerCase()));
  const kind = new Set(headed.filter((_, i) => ASKS_KIND.has(headed[i - 1] ?? '')));
  return new Set(qWords.filter((w, i) => !isStopword(w) && !ASKS_KIND.has(qWords[i - 1] ?? '') && !kind.has(w)));
}
