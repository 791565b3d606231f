import { ABSTAIN_TEXT, type AnswerDraft, type AnswerRequest, type Answerer } from './answerer.js';
import { isFollowUp } from './conversation/follow-up.js';
import { isStopword, sentencesJoined, terms, words } from './text.js';
import type { Citation, Passage } from './types.js';

/** Weights of the sentence score. The defaults were set by hand and checked against a listwise logistic fit on the dev sets, which landed on nearly the same ratios. */
export interface SentenceWeights {
  /** idf-weighted share of the question's terms the sentence holds. */
  coverage: number;
  /** Share of the question's terms held by the sentence's neighbours but not by it (a pronoun often stands for them). */
  context: number;
  /** Share of the question's adjacent term pairs found adjacent in the sentence. */
  phrase: number;
  /** Cosine similarity of question and sentence vectors, when the engine can embed cheaply. */
  dense: number;
  /** Bonus for the best passage, decaying with rank. */
  rank: number;
  /** The sentence holds, beyond the question's own words, the kind of answer asked for (number, date, name, place). */
  type: number;
  /** Penalty when the question asks for a kind of answer the sentence lacks. */
  typeMissing: number;
  /** Penalty per 100 characters (long sentences match by chance). */
  length: number;
}

export interface AbstainRules {
  /** Least share of the question's term weight the best sentence must hold. */
  minCoverage: number;
  /** Least share of the question's term weight the best sentence's passage must hold. */
  minPassageCoverage: number;
  /** Abstain when the question names a number (a year, a count) that the source never states. */
  numbers: boolean;
  /** Abstain when the question is negative ("not", "never") and the answering sentence is not. */
  negation: boolean;
  /**
   * Abstain when the question names something (a capitalised word) that the answering document's passages do
   * not mention and that at most this many passages of the whole corpus mention (0: unknown to the corpus).
   * Negative: off.
   */
  unknownNames: number;
  /** Abstain when the question asks for a number or a date and the sentence holds none. */
  missingType: boolean;
}

export const DEFAULT_ABSTAIN: AbstainRules = {
  minCoverage: 0.15,
  minPassageCoverage: 0.32,
  numbers: true,
  negation: true,
  unknownNames: 0,
  missingType: true,
};

export interface ExtractiveAnswererOptions {
  abstain?: Partial<AbstainRules>;
  /** Most sentences in one answer. */
  maxSentences?: number;
  /** Sentences longer than this are cut to the clause that answers. */
  maxSentenceChars?: number;
  /** A runner-up sentence scoring within this of the best one is added (the answer may be in either). */
  secondMargin?: number;
  /** A further sentence is added only while the answer stays within this many characters. */
  maxAnswerChars?: number;
  weights?: Partial<SentenceWeights>;
}

export const DEFAULT_WEIGHTS: SentenceWeights = {
  coverage: 1,
  context: 0.25,
  phrase: 0.15,
  dense: 0.3,
  rank: 0.08,
  type: 0.12,
  typeMissing: 0.12,
  length: 0.01,
};

export type AnswerType = 'number' | 'date' | 'person' | 'place';

export interface Question {
  weights: Map<string, number>;
  total: number;
  type: AnswerType | null;
  /** Lower-cased words of the question (and of the turn it follows up). */
  words: Set<string>;
  /** Adjacent content-term pairs of the question. */
  pairs: Set<string>;
}

export interface Candidate {
  passage: Passage;
  rank: number;
  text: string;
  /** Offsets in the document. */
  start: number;
  end: number;
  matched: Set<string>;
  coverage: number;
  context: number;
  /** Share of the question's terms the whole passage holds. */
  passageCoverage: number;
  phrase: number;
  dense: number;
  typed: boolean;
  /** Words of the sentence that are not in the question. */
  novel: number;
  score: number;
}

/**
 * Picks the sentences of the retrieved passages that answer the question:
 * idf-weighted coverage of the question's terms (with credit for terms held by
 * neighbouring sentences), matching phrases, dense similarity, passage rank,
 * and whether the sentence holds the kind of answer asked for. Adds a second
 * or third sentence when it scores nearly as well or covers another part of
 * the question. Abstains when `abstainReason` finds the best sentence does not
 * answer the question.
 */
export class ExtractiveAnswerer implements Answerer {
  readonly id = 'extractive';
  readonly abstainRules: AbstainRules;
  private readonly maxSentences: number;
  private readonly maxSentenceChars: number;
  private readonly secondMargin: number;
  private readonly maxAnswerChars: number;
  readonly weights: SentenceWeights;

  constructor(options: ExtractiveAnswererOptions = {}) {
    this.abstainRules = { ...DEFAULT_ABSTAIN, ...options.abstain };
    this.maxSentences = options.maxSentences ?? 3;
    this.maxSentenceChars = options.maxSentenceChars ?? 400;
    this.secondMargin = options.secondMargin ?? 0.3;
    this.maxAnswerChars = options.maxAnswerChars ?? 500;
    this.weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  }

  async answer(request: AnswerRequest): Promise<AnswerDraft> {
    const q = analyseQuestion(request.question, request.history, request.idf);
    if (q.total === 0 || request.passages.length === 0) return abstain();
    const candidates = scoreCandidates(q, request, this.weights);
    const best = candidates[0];
    if (!best || abstainReason(best, q, request, this.abstainRules)) return abstain();

    const chosen = [best];
    let length = best.text.length;
    // Another sentence when it covers question terms the first one missed (a question in parts), or when it
    // scores nearly as well (the answer may be in either), as long as the answer stays short.
    for (const c of candidates.slice(1, 6)) {
      if (chosen.length >= this.maxSentences) break;
      if (length + c.text.length > this.maxAnswerChars) continue;
      if (chosen.some((k) => restates(k.text, c.text))) continue; // a headline repeated in the body, say
      const adds = [...c.matched].filter((t) => !best.matched.has(t));
      const addWeight = adds.reduce((a, t) => a + q.weights.get(t)!, 0) / q.total;
      if ((addWeight >= 0.25 && c.score >= best.score * 0.6) || best.score - c.score <= this.secondMargin) {
        chosen.push(c);
        length += c.text.length;
      }
    }
    const citations: Citation[] = [];
    const parts = chosen.map((c) => {
      const n = citations.length + 1;
      const { text, start, end } = this.trim(c);
      citations.push({
        n,
        docId: c.passage.chunk.docId,
        title: c.passage.doc.title,
        date: c.passage.doc.date,
        chunkId: c.passage.chunk.id,
        start,
        end,
        quote: text,
      });
      return `${text} [${n}]`;
    });
    return { text: parts.join(' '), abstained: false, citations };
  }

  /** Long sentences are cut at a clause boundary before the limit, keeping the quote exact. */
  private trim(c: Candidate): { text: string; start: number; end: number } {
    if (c.text.length <= this.maxSentenceChars) return { text: c.text, start: c.start, end: c.end };
    const cut = c.text.slice(0, this.maxSentenceChars);
    const at = Math.max(cut.lastIndexOf(', '), cut.lastIndexOf('; '), cut.lastIndexOf(' '));
    const text = cut.slice(0, at > 0 ? at : cut.length).trimEnd();
    return { text, start: c.start, end: c.start + text.length };
  }
}

/** One sentence says nothing the other does not (same words, or one inside the other). */
function restates(a: string, b: string): boolean {
  const wa = words(a).join(' ');
  const wb = words(b).join(' ');
  return wa.includes(wb) || wb.includes(wa);
}

function abstain(): AnswerDraft {
  return { text: ABSTAIN_TEXT, abstained: true, citations: [] };
}

/** One edit apart (a typo), for words long enough that this is not a different word. */
function nearlySame(a: string, b: string): boolean {
  if (a.length < 5 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return a.length - i - j <= 1 && b.length - i - j <= 1;
}

const NEGATION = /\b(not|never|no|none|nobody|nothing|neither|nor|cannot|without)\b|n[’']t\b/i;

/**
 * Why the best sentence does not answer the question, or null when it may.
 * Besides weak overlap, three signs that the corpus does not hold the answer:
 * the question names a number the source never states, asks about what did
 * not happen while the sentence says what did, or names something the corpus
 * never mentions.
 */
export function abstainReason(best: Candidate, q: Question, request: AnswerRequest, rules: AbstainRules): string | null {
  if (best.coverage < rules.minCoverage) return 'weak-sentence';
  if (best.passageCoverage < rules.minPassageCoverage) return 'weak-passage';
  const qWords = words(request.question);
  const sourceWords = () => {
    // Every retrieved passage of the answering document: the number may sit in a neighbouring passage.
    const out = new Set<string>();
    for (const p of request.passages) if (p.chunk.docId === best.passage.chunk.docId) for (const w of words(p.chunk.text)) out.add(w);
    return out;
  };
  if (rules.numbers) {
    const numbers = qWords.filter((w) => /^\d+(st|nd|rd|th|s)?$/.test(w));
    if (numbers.length) {
      const source = sourceWords();
      if (numbers.some((n) => !source.has(n))) return 'unstated-number';
    }
  }
  if (rules.missingType && (q.type === 'number' || q.type === 'date') && !best.typed) return 'missing-type';
  if (rules.negation && NEGATION.test(request.question) && !NEGATION.test(best.text)) return 'negation';
  if (rules.unknownNames >= 0 && request.documentFrequency) {
    const df = request.documentFrequency;
    let source: Set<string> | null = null;
    for (const m of request.question.matchAll(/(?<=\s)\p{Lu}[\p{L}\p{N}'’-]*/gu)) {
      const w = words(m[0])[0];
      const t = w && terms(w)[0];
      if (!w || !t || df(t) > rules.unknownNames) continue;
      source ??= sourceWords();
      if (!source.has(w) && ![...source].some((x) => nearlySame(w, x))) return 'unknown-name';
    }
  }
  return null;
}

/** Term weights: idf of the question's terms, with earlier questions of a follow-up counting half. */
export function analyseQuestion(question: string, history: AnswerRequest['history'], idf: (t: string) => number): Question {
  const weights = new Map<string, number>();
  const qTerms = terms(question);
  for (const t of qTerms) weights.set(t, idf(t));
  const qWords = new Set(words(question));
  const previous = history.at(-1);
  if (previous && isFollowUp(question)) {
    for (const t of terms(previous.question)) if (!weights.has(t)) weights.set(t, idf(t) * 0.5);
    for (const w of words(previous.question)) qWords.add(w);
  }
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < qTerms.length; i++) pairs.add(`${qTerms[i]} ${qTerms[i + 1]}`);
  let total = 0;
  for (const w of weights.values()) total += w;
  return { weights, total, type: answerType(question), words: qWords, pairs };
}

/** Every sentence of the passages, scored, best first. */
export function scoreCandidates(q: Question, request: AnswerRequest, w: SentenceWeights): Candidate[] {
  const qVector = request.embed?.(request.question);
  const seen = new Set<string>();
  const out: Candidate[] = [];
  request.passages.forEach((passage, rank) => {
    const spans = sentencesJoined(passage.chunk.text);
    const termSets = spans.map((s) => new Set(terms(s.text)));
    const passageTerms = new Set(termSets.flatMap((t) => [...t]));
    let passageCovered = 0;
    for (const [t, weight] of q.weights) if (passageTerms.has(t)) passageCovered += weight;
    const passageCoverage = passageCovered / q.total;
    spans.forEach((s, i) => {
      const start = passage.chunk.start + s.start;
      const key = `${passage.chunk.docId}:${start}`;
      if (seen.has(key)) return; // overlapping chunks repeat sentences
      seen.add(key);
      const sTerms = termSets[i]!;
      const matched = new Set<string>();
      let covered = 0;
      let near = 0;
      for (const [t, weight] of q.weights) {
        if (sTerms.has(t)) {
          matched.add(t);
          covered += weight;
        } else if (termSets[i - 1]?.has(t) || termSets[i + 1]?.has(t)) near += weight;
      }
      const seq = terms(s.text);
      let phraseHits = 0;
      for (let j = 0; j + 1 < seq.length; j++) if (q.pairs.has(`${seq[j]} ${seq[j + 1]}`)) phraseHits++;
      const phrase = q.pairs.size ? Math.min(1, phraseHits / q.pairs.size) : 0;
      const dense = qVector && request.embed ? cosine(qVector, request.embed(s.text)) : 0;
      const novelWords = words(s.text).filter((x) => !q.words.has(x) && !isStopword(x));
      const typed = q.type ? hasType(s.text, novelWords, q.type) : false;
      const coverage = covered / q.total;
      const context = near / q.total;
      let score =
        w.coverage * coverage +
        w.context * context +
        w.phrase * phrase +
        w.dense * dense +
        w.rank / (rank + 1) -
        (w.length * s.text.length) / 100;
      if (q.type) score += typed ? w.type : -w.typeMissing;
      if (novelWords.length < 2) score -= 0.3; // restates the question without answering it
      if (s.text.length < 25) score -= 0.1;
      out.push({ passage, rank, text: s.text, start, end: start + s.text.length, matched, coverage, context, passageCoverage, phrase, dense, typed, novel: novelWords.length, score });
    });
  });
  return out.sort((a, b) => b.score - a.score);
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

// Follow-up detection lives with the rest of the conversation rules; re-exported for existing callers.
export { isFollowUp };

export function answerType(question: string): AnswerType | null {
  const q = question.toLowerCase();
  if (/\bhow (many|much|long|old|far|large|big|high|tall|often)\b|\bwhat (number|percentage|percent|share|amount|proportion)\b|\bby how much\b/.test(q)) return 'number';
  if (/\bwhen\b|\b(what|which) (year|date|day|month|time|century|decade|period)\b|\buntil what\b|\bon which dates?\b|\bsince when\b/.test(q)) return 'date';
  if (/\bwho(m|se)?\b/.test(q)) return 'person';
  if (/\bwhere\b|\b(which|what) (city|country|town|region|place|state|continent|island|river|county|nation)\b/.test(q)) return 'place';
  return null;
}

const MONTH = /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)$/;
const NUMBER_WORD = /^(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|half|once|twice)$/;
// Weekdays and clock times answer "when" as well as calendar dates do ("on Monday at 9 am").
const DATE_WORD =
  /^(century|centuries|decade|decades|\d+(st|nd|rd|th)|bc|ad|bce|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|yesterday|tonight|noon|midnight|am|pm|\d{1,2}(am|pm)|weekend)$/;

/** Does the sentence hold, among the words the question does not already have, the kind of answer asked for? */
function hasType(sentence: string, novel: string[], type: AnswerType): boolean {
  switch (type) {
    case 'number':
      return novel.some((w) => /\d/.test(w) || NUMBER_WORD.test(w));
    case 'date':
      return novel.some((w) => /^(1\d|20)\d{2}s?$/.test(w) || MONTH.test(w) || DATE_WORD.test(w));
    case 'person':
    case 'place': {
      // A capitalised word that does not start the sentence and is not a word of the question.
      const novelSet = new Set(novel);
      for (const m of sentence.matchAll(/(?<=[\s(“"'])\p{Lu}[\p{L}'’-]+/gu)) {
        const lower = words(m[0])[0];
        if (lower && novelSet.has(lower)) return true;
      }
      return false;
    }
  }
}
