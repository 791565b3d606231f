import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { stem, isStopword, words } from '../text.js';
import type { Embedder } from './embedder.js';

export interface LexicalEmbeddingsParams extends EmbeddingsParams {
  /** Vector length; features are hashed into this many buckets. */
  dimension?: number;
}

// FNV-1a (32-bit) states after the feature prefixes "w:", "b:" and "c:". Hashing
// continues from them character by character, which gives exactly
// fnv1a(`w:${stem}`) etc. without building a string per feature.
const FNV_PRIME = 0x01000193;
function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}
function fnvFrom(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}
const PREFIX_WORD = fnvFrom(0x811c9dc5, 'w:');
const PREFIX_PAIR = fnvFrom(0x811c9dc5, 'b:');
const PREFIX_TRIGRAM = fnvFrom(0x811c9dc5, 'c:');
const SPACE = 32;

/**
 * The same tokens as `words()` of text.ts, faster: runs of ASCII letters and
 * digits are cut and lower-cased directly; only a token holding a non-ASCII
 * character goes through the full Unicode path (lower case, NFKD, no marks).
 * ASCII characters other than letters and digits separate words in both.
 */
export function fastWords(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  let ascii = true;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    if (c > 127) {
      if (start < 0) start = i;
      ascii = false;
    } else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
    } else if (c === 46 && start >= 0 && isLetterAt(text, i - 1) && isLetterAt(text, i + 1)) {
      // A full stop between letters may join an abbreviation ("U.S."): the whole run takes the full path.
      ascii = false;
    } else if (start >= 0) {
      const token = text.slice(start, i);
      if (ascii) out.push(token.toLowerCase());
      else for (const w of words(token)) out.push(w);
      start = -1;
      ascii = true;
    }
  }
  return out;
}

/** An ASCII letter or any non-ASCII character (which may fold to a letter) at i. */
function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c > 127 || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Adds a feature's weight to its signed bucket; returns the new count of touched buckets. */
function addFeature(acc: Float64Array, order: Int32Array, touched: number, dim: number, h: number, weight: number): number {
  const u = h >>> 0;
  // The top bit picks a sign so colliding features tend to cancel instead of pile up.
  const slot = u & 0x80000000 ? dim + (u % dim) : u % dim;
  if (acc[slot] === 0) order[touched++] = slot;
  acc[slot]! += weight;
  return touched;
}
const OPEN = '<'.charCodeAt(0);
const CLOSE = '>'.charCodeAt(0);

/**
 * A dense embedder that needs no model: feature-hashed, sub-linear TF vectors
 * over stemmed words, word bigrams and character trigrams (which let "joined"
 * meet "joining" and survive typos). Deterministic, so vectors can be cached.
 */
export class LexicalEmbeddings extends Embeddings implements Embedder {
  readonly dimension: number;
  /**
   * Its hashed vectors repeat BM25's evidence with more noise, so in fusion
   * they only break ties. Fitted with src/cli/fit-query-weights.ts: doc_hit@5
   * on held-out SQuAD articles 93.2% at 0.5, 94.6% at 0 or 0.01 (0.01 keeps
   * dense-only hits in the dense order).
   */
  readonly denseWeight = 0.01;
  // Scratch space reused across calls (embedding is synchronous): feature
  // weights per signed bucket (positive buckets first, then negative ones) and
  // the order buckets were first touched in, so sums happen in a fixed order.
  private readonly weights: Float64Array;
  private readonly touched: Int32Array;

  constructor(params: LexicalEmbeddingsParams = {}) {
    super(params);
    this.dimension = params.dimension ?? 512;
    this.weights = new Float64Array(2 * this.dimension);
    this.touched = new Int32Array(2 * this.dimension);
  }

  get id(): string {
    return `lexical-hash-v1-${this.dimension}`;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => Array.from(this.embed(t)));
  }

  async embedQuery(text: string): Promise<number[]> {
    return Array.from(this.embed(text));
  }

  /** Synchronous core, used directly on hot paths (ingest, sentence scoring). */
  embed(text: string): Float32Array {
    return this.embedInto(text, new Float32Array(this.dimension), 0, null);
  }

  /**
   * Writes the vector of `text` into `out` at `offset` (which must hold zeros)
   * and, when `terms` is given, appends the text's content terms (stemmed
   * words without stop words: exactly `terms(text)` of text.ts) so an ingest
   * tokenizes each chunk once for both the vector and the keyword index.
   */
  embedInto(text: string, out: Float32Array, offset: number, terms: string[] | null): Float32Array {
    const dim = this.dimension;
    const acc = this.weights;
    const order = this.touched;
    // No closures here: this runs for every chunk of a corpus.
    let touched = 0;
    let prev: string | null = null;
    for (const w of fastWords(text)) {
      if (isStopword(w)) {
        prev = null;
        continue;
      }
      const s = stem(w);
      terms?.push(s);
      touched = addFeature(acc, order, touched, dim, fnvFrom(PREFIX_WORD, s), 1);
      if (prev) touched = addFeature(acc, order, touched, dim, fnvFrom(fnvStep(fnvFrom(PREFIX_PAIR, prev), SPACE), s), 0.5);
      prev = s;
      const n = w.length;
      if (n > 3) {
        // Trigrams of `<${w}>`.
        const weight = 0.6 / n;
        let a = OPEN;
        let b = w.charCodeAt(0);
        for (let i = 0; i < n; i++) {
          const c = i + 1 < n ? w.charCodeAt(i + 1) : CLOSE;
          touched = addFeature(acc, order, touched, dim, fnvStep(fnvStep(fnvStep(PREFIX_TRIGRAM, a), b), c), weight);
          a = b;
          b = c;
        }
      }
    }
    for (let i = 0; i < touched; i++) {
      const slot = order[i]!;
      const tf = acc[slot]!;
      acc[slot] = 0;
      const weight = tf <= 1 ? tf : 1 + Math.log(tf); // sub-linear: repetition is weak evidence
      if (slot < dim) out[offset + slot]! += weight;
      else out[offset + slot - dim]! -= weight;
    }
    let norm = 0;
    for (let i = offset; i < offset + dim; i++) norm += out[i]! * out[i]!;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = offset; i < offset + dim; i++) out[i]! /= norm;
    return offset === 0 && out.length === dim ? out : out.subarray(offset, offset + dim);
  }
}
