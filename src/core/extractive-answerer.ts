import { ABSTAIN_TEXT, type AnswerDraft, type AnswerRequest, type Answerer } from './answerer.js';
import { sentences, terms, words } from './text.js';
import type { Citation, Passage } from './types.js';

export interface ExtractiveAnswererOptions {
  /** Share of the question's term weight a sentence must cover, or the answerer abstains. */
  minCoverage?: number;
  /** Most sentences in one answer. */
  maxSentences?: number;
  /** Sentences longer than this are cut to the clause that answers. */
  maxSentenceChars?: number;
}

type AnswerType = 'number' | 'date' | 'name' | 'place' | null;

interface Candidate {
  passage: Passage;
  rank: number;
  text: string;
  /** Offsets in the document. */
  start: number;
  end: number;
  coverage: number;
  matched: Set<string>;
  score: number;
}

/**
 * Picks the sentences of the retrieved passages that best cover the
 * question's content terms (weighted by idf), favouring ones that hold the
 * kind of answer asked for and that say something beyond the question.
 */
export class ExtractiveAnswerer implements Answerer {
  readonly id = 'extractive';
  private readonly minCoverage: number;
  private readonly maxSentences: number;
  private readonly maxSentenceChars: number;

  constructor(options: ExtractiveAnswererOptions = {}) {
    this.minCoverage = options.minCoverage ?? 0.5;
    this.maxSentences = options.maxSentences ?? 2;
    this.maxSentenceChars = options.maxSentenceChars ?? 400;
  }

  async answer({ question, history, passages, idf }: AnswerRequest): Promise<AnswerDraft> {
    const qWeights = questionWeights(question, history, idf);
    const total = [...qWeights.values()].reduce((a, b) => a + b, 0);
    if (total === 0 || passages.length === 0) return abstain();
    const type = answerType(question);
    const qWords = new Set(words(question));

    const seen = new Set<string>();
    const candidates: Candidate[] = [];
    passages.forEach((passage, rank) => {
      for (const s of sentences(passage.chunk.text)) {
        const start = passage.chunk.start + s.start;
        const key = `${passage.chunk.docId}:${start}`;
        if (seen.has(key)) continue; // overlapping chunks repeat sentences
        seen.add(key);
        const sTerms = new Set(terms(s.text));
        const matched = new Set([...qWeights.keys()].filter((t) => sTerms.has(t)));
        let covered = 0;
        for (const t of matched) covered += qWeights.get(t)!;
        const coverage = covered / total;
        const novel = words(s.text).filter((w) => !qWords.has(w) && /\p{L}|\p{N}/u.test(w)).length;
        let score = coverage + 0.08 / (rank + 1);
        if (type) score += hasType(s.text, type) ? 0.12 : -0.12;
        if (novel < 2) score -= 0.3; // restates the question without answering it
        if (s.text.length < 25) score -= 0.1;
        candidates.push({ passage, rank, text: s.text, start, end: start + s.text.length, coverage, matched, score });
      }
    });
    candidates.sort((a, b) => b.score - a.score);
    const best = candidates[0];
    if (!best || best.coverage < this.minCoverage) return abstain();

    const chosen = [best];
    // A second sentence only when it covers question terms the first one missed.
    for (const c of candidates.slice(1, 6)) {
      if (chosen.length >= this.maxSentences) break;
      const adds = [...c.matched].filter((t) => !best.matched.has(t));
      const addWeight = adds.reduce((a, t) => a + qWeights.get(t)!, 0) / total;
      if (addWeight >= 0.25 && c.score >= best.score * 0.6) chosen.push(c);
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

function abstain(): AnswerDraft {
  return { text: ABSTAIN_TEXT, abstained: true, citations: [] };
}

/** Term weights: idf of the question's terms, with earlier questions of a follow-up counting half. */
function questionWeights(question: string, history: AnswerRequest['history'], idf: (t: string) => number): Map<string, number> {
  const weights = new Map<string, number>();
  for (const t of terms(question)) weights.set(t, idf(t));
  const previous = history.at(-1);
  if (previous && isFollowUp(question)) {
    for (const t of terms(previous.question)) if (!weights.has(t)) weights.set(t, idf(t) * 0.5);
  }
  return weights;
}

const FOLLOW_UP = /\b(it|its|they|them|their|this|that|those|these|he|she|his|her|there|then)\b|^\s*(and|but|also|what about|how about)\b/i;

export function isFollowUp(question: string): boolean {
  return FOLLOW_UP.test(question) || terms(question).length <= 2;
}

function answerType(question: string): AnswerType {
  const q = question.toLowerCase();
  if (/\bhow (many|much)\b|\bwhat (number|percentage|share|amount)\b|\bby how much\b/.test(q)) return 'number';
  if (/\bwhen\b|\bwhat (year|date|day|month|time)\b|\bwhich (year|date|day|month)\b|\buntil what\b|\bon which dates?\b/.test(q)) return 'date';
  if (/\bwho(m|se)?\b/.test(q)) return 'name';
  if (/\bwhere\b|\bwhich (city|country|town|region|place)\b/.test(q)) return 'place';
  return null;
}

const MONTH = /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b/i;

function hasType(sentence: string, type: Exclude<AnswerType, null>): boolean {
  switch (type) {
    case 'number':
      return /\d/.test(sentence) || /\b(one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|billion)\b/i.test(sentence);
    case 'date':
      return /\b(1[5-9]|20)\d{2}\b/.test(sentence) || MONTH.test(sentence) || /\b(century|decade)\b/i.test(sentence);
    case 'name':
    case 'place':
      // A capitalised word that does not start the sentence.
      return /\s\p{Lu}\p{Ll}+/u.test(sentence);
  }
}
