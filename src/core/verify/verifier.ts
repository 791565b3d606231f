import type { Citation, Passage } from '../types.js';
import { sentencesJoined, terms, words, type Span } from '../text.js';
import { cosine } from '../answer/dense-scorer.js';
import type { QueryAnalysis } from '../query/analyze-query.js';
import { namesIn, numbersIn, wordKey, wordKeys } from './claims.js';

export interface VerifyRequest {
  /** The generated answer, with [n] markers numbering `passages` from 1. */
  text: string;
  passages: readonly Passage[];
  question: string;
  idf: (term: string) => number;
  /**
   * The query analysis the retriever uses (spelling against the corpus
   * vocabulary, WordNet synonyms): a sentence word whose correction or
   * synonym is in the cited passage counts as found there.
   */
  analyze?: (text: string) => Pick<QueryAnalysis, 'terms'>;
  /** Sentence vectors, when the embedder is cheap. */
  embed?: (text: string) => ArrayLike<number>;
}

export interface Unsupported {
  sentence: string;
  reason: string;
}

export interface Verified {
  /** Supported sentences only, markers renumbered to `citations`. */
  text: string;
  citations: Citation[];
  unsupported: Unsupported[];
  /** Sentences the model wrote (markers alone do not count). */
  generated: number;
}

export interface VerifierOptions {
  /** Least idf-weighted share of a sentence's content words found in what it cites. */
  minCoverage?: number;
  /** With a cheap embedder: a sentence this similar to its quote needs only `minDenseCoverage`. */
  minSimilarity?: number;
  minDenseCoverage?: number;
}

const MARKERS = /\[(\d+(?:\s*,\s*\d+)*)\]/g;

/**
 * Checks every generated sentence against the passages it cites: each needs
 * a marker to a passage that exists; its numbers, dates and names must occur
 * in the cited text; and enough of its content words (or their synonyms)
 * must. The quote is the passage sentence(s) that best support it, exact
 * offsets into the document. Linear in the answer and the cited passages.
 */
export class Verifier {
  private readonly minCoverage: number;
  private readonly minSimilarity: number;
  private readonly minDenseCoverage: number;

  constructor(options: VerifierOptions = {}) {
    this.minCoverage = options.minCoverage ?? 0.5;
    this.minSimilarity = options.minSimilarity ?? 0.55;
    this.minDenseCoverage = options.minDenseCoverage ?? 0.35;
  }

  verify(request: VerifyRequest): Verified {
    const questionTerms = new Set(terms(request.question));
    const questionWords = new Set(words(request.question).map(wordKey));
    const views = new Map<number, PassageView>();
    const view = (i: number) => {
      let v = views.get(i);
      if (!v) views.set(i, (v = passageView(request.passages[i]!)));
      return v;
    };
    const citations: Citation[] = [];
    const byKey = new Map<string, number>();
    const kept: string[] = [];
    const unsupported: Unsupported[] = [];
    let generated = 0;

    for (const span of sentencesJoined(normalise(request.text))) {
      const cited = [...span.text.matchAll(MARKERS)].flatMap((m) => m[1]!.split(',').map((n) => Number(n.trim())));
      const claim = span.text.replace(MARKERS, '').replace(/\s+([.,;:!?])/g, '$1').replace(/\s+/g, ' ').trim();
      if (!/[\p{L}\p{N}]/u.test(claim)) continue;
      generated++;
      const reject = (reason: string) => unsupported.push({ sentence: claim, reason });
      if (!cited.length) {
        reject('no citation');
        continue;
      }
      const missing = cited.find((n) => n < 1 || n > request.passages.length);
      if (missing !== undefined) {
        reject(`cites [${missing}], but only ${request.passages.length} passages were given`);
        continue;
      }
      const sources = [...new Set(cited)].map((n) => ({ n, v: view(n - 1) }));
      const reason = this.unsupportedReason(claim, sources, questionTerms, questionWords, request);
      if (reason) {
        reject(reason);
        continue;
      }
      const markers = sources.map(({ n, v }) => {
        const quote = bestSpan(claim, v);
        const passage = request.passages[n - 1]!;
        const start = passage.chunk.start + quote.start;
        const key = `${passage.chunk.id}:${start}:${quote.end - quote.start}`;
        let m = byKey.get(key);
        if (m === undefined) {
          m = citations.length + 1;
          byKey.set(key, m);
          citations.push({
            n: m,
            docId: passage.chunk.docId,
            title: passage.doc.title,
            date: passage.doc.date,
            chunkId: passage.chunk.id,
            start,
            end: start + quote.text.length,
            quote: quote.text,
          });
        }
        return `[${m}]`;
      });
      kept.push(`${claim} ${[...new Set(markers)].join('')}`);
    }
    return { text: kept.join(' '), citations, unsupported, generated };
  }

  private unsupportedReason(
    claim: string,
    sources: { n: number; v: PassageView }[],
    questionTerms: Set<string>,
    questionWords: Set<string>,
    request: VerifyRequest,
  ): string | null {
    const where = sources.map((s) => `[${s.n}]`).join('');
    for (const n of numbersIn(claim)) if (!sources.some((s) => s.v.numbers.has(n))) return `the number ${n} is not in ${where}`;
    for (const w of namesIn(claim)) {
      const key = wordKey(w);
      if (!questionWords.has(key) && !sources.some((s) => s.v.words.has(key))) return `the name "${w}" is not in ${where}`;
    }
    let total = 0;
    let covered = 0;
    const alternatives = alternativesOf(claim, request.analyze);
    for (const t of new Set(terms(claim))) {
      const weight = request.idf(t) || 1;
      total += weight;
      const forms = [t, ...(alternatives.get(t) ?? [])];
      if (sources.some((s) => forms.some((f) => s.v.terms.has(f)))) covered += weight;
      else if (questionTerms.has(t)) covered += weight / 2; // restating the question is not a claim of the passage
    }
    if (total === 0) return null;
    const coverage = covered / total;
    if (coverage >= this.minCoverage) return null;
    if (request.embed && coverage >= this.minDenseCoverage) {
      const vector = request.embed(claim);
      if (sources.some((s) => cosine(vector, request.embed!(s.v.text)) >= this.minSimilarity)) return null;
    }
    return `only ${Math.round(coverage * 100)}% of its content words are in ${where}`;
  }
}

interface PassageView {
  text: string;
  sentences: Span[];
  terms: Set<string>;
  words: Set<string>;
  numbers: Set<string>;
}

function passageView(p: Passage): PassageView {
  const text = p.chunk.text;
  return { text, sentences: sentencesJoined(text), terms: new Set(terms(text)), words: wordKeys(`${text} ${p.doc.title}`), numbers: new Set(numbersIn(text)) };
}

/** Spelling corrections and synonyms of each of the sentence's terms (not the looser "related" words). */
function alternativesOf(claim: string, analyze: VerifyRequest['analyze']): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!analyze) return out;
  const analysis = analyze(claim);
  const termOf = new Map(analysis.terms.filter((t) => t.source === 'original').map((t) => [t.word, t.term]));
  for (const t of analysis.terms) {
    if ((t.source !== 'spelling' && t.source !== 'variant' && t.source !== 'synonym') || !t.from) continue;
    const base = termOf.get(t.from) ?? terms(t.from)[0];
    if (!base) continue;
    const list = out.get(base) ?? [];
    list.push(t.term);
    out.set(base, list);
  }
  return out;
}

/**
 * The passage sentence sharing most of the claim's numbers, names and terms;
 * widened to its neighbours when a number or name of the claim sits there.
 */
function bestSpan(claim: string, v: PassageView): { text: string; start: number; end: number } {
  const cTerms = new Set(terms(claim));
  const cNumbers = numbersIn(claim);
  const cNames = namesIn(claim).map(wordKey);
  const score = (s: Span) => {
    const sTerms = new Set(terms(s.text));
    const sNumbers = new Set(numbersIn(s.text));
    const sWords = wordKeys(s.text);
    let x = 0;
    for (const t of cTerms) if (sTerms.has(t)) x += 1;
    for (const n of cNumbers) if (sNumbers.has(n)) x += 2;
    for (const w of cNames) if (sWords.has(w)) x += 1;
    return x;
  };
  if (!v.sentences.length) return { text: v.text, start: 0, end: v.text.length };
  let best = 0;
  let bestScore = -1;
  v.sentences.forEach((s, i) => {
    const x = score(s);
    if (x > bestScore) [best, bestScore] = [i, x];
  });
  let from = best;
  let to = best;
  const holds = (i: number, needles: string[]) => {
    const s = v.sentences[i]!.text;
    const ns = new Set(numbersIn(s));
    const ws = wordKeys(s);
    return needles.some((n) => ns.has(n) || ws.has(n));
  };
  const needed = [...cNumbers, ...cNames].filter((n) => !holds(best, [n]));
  for (const n of needed) {
    for (let d = 1; d <= 2; d++) {
      if (best - d >= 0 && holds(best - d, [n])) from = Math.min(from, best - d);
      else if (best + d < v.sentences.length && holds(best + d, [n])) to = Math.max(to, best + d);
      else continue;
      break;
    }
  }
  const start = v.sentences[from]!.start;
  const end = v.sentences[to]!.end;
  return { text: v.text.slice(start, end), start, end };
}

/** Markers moved before the full stop they follow, markdown emphasis and mentions made inert. */
function normalise(text: string): string {
  return text
    .replace(/\*\*|__|`/g, '')
    .replace(/([.!?])((?:\s*\[\d+(?:\s*,\s*\d+)*\])+)/g, '$2$1')
    .replace(/@(everyone|here)\b/gi, '@\u200b$1')
    .replace(/<@[!&]?\d+>/g, '');
}
