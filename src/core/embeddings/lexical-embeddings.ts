import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { fnv1a, stem, isStopword, words } from '../text.js';

export interface LexicalEmbeddingsParams extends EmbeddingsParams {
  /** Vector length; features are hashed into this many buckets. */
  dimension?: number;
}

/**
 * A dense embedder that needs no model: feature-hashed, sub-linear TF vectors
 * over stemmed words, word bigrams and character trigrams (which let "joined"
 * meet "joining" and survive typos). Deterministic, so vectors can be cached.
 */
export class LexicalEmbeddings extends Embeddings {
  readonly dimension: number;

  constructor(params: LexicalEmbeddingsParams = {}) {
    super(params);
    this.dimension = params.dimension ?? 512;
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
    const counts = new Map<number, number>();
    const add = (feature: string, weight: number) => {
      const h = fnv1a(feature);
      // The top bit picks a sign so colliding features tend to cancel instead of pile up.
      const key = h & 0x80000000 ? -((h % this.dimension) + 1) : (h % this.dimension) + 1;
      counts.set(key, (counts.get(key) ?? 0) + weight);
    };
    let prev: string | null = null;
    for (const w of words(text)) {
      if (isStopword(w)) {
        prev = null;
        continue;
      }
      const s = stem(w);
      add(`w:${s}`, 1);
      if (prev) add(`b:${prev} ${s}`, 0.5);
      prev = s;
      if (w.length > 3) {
        const padded = `<${w}>`;
        const n = padded.length - 2;
        for (let i = 0; i < n; i++) add(`c:${padded.slice(i, i + 3)}`, 0.6 / n);
      }
    }
    const v = new Float32Array(this.dimension);
    for (const [key, tf] of counts) {
      const weight = tf <= 1 ? tf : 1 + Math.log(tf); // sub-linear: repetition is weak evidence
      if (key > 0) v[key - 1]! += weight;
      else v[-key - 1]! -= weight;
    }
    let norm = 0;
    for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < v.length; i++) v[i]! /= norm;
    return v;
  }
}
