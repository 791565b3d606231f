export interface Bm25Options {
  k1?: number;
  b?: number;
}

export interface Bm25Hit {
  /** Position of the chunk in the index. */
  id: number;
  score: number;
}

/** The flat arrays an index is stored as (see index-store). */
export interface Bm25Data {
  terms: string[];
  /** Postings of term t are [offsets[t], offsets[t + 1]). */
  offsets: Uint32Array;
  postingIds: Uint32Array;
  postingTfs: Uint16Array;
  docLengths: Uint32Array;
  k1: number;
  b: number;
}

/**
 * Okapi BM25 over an inverted index held in typed arrays. A query touches
 * only the postings of its own terms, so it stays fast at 100k+ chunks,
 * unlike scoring every chunk per query.
 */
export class Bm25Index {
  private readonly termIds: Map<string, number>;
  private readonly avgLength: number;
  private scores: Float32Array;

  constructor(readonly data: Bm25Data) {
    this.termIds = new Map(data.terms.map((t, i) => [t, i]));
    let total = 0;
    for (const l of data.docLengths) total += l;
    this.avgLength = data.docLengths.length ? total / data.docLengths.length : 1;
    this.scores = new Float32Array(data.docLengths.length);
  }

  static build(documents: string[][], options: Bm25Options = {}): Bm25Index {
    const termIds = new Map<string, number>();
    const perTerm: number[][] = []; // flattened [docId, tf, docId, tf, ...]
    const docLengths = new Uint32Array(documents.length);
    documents.forEach((doc, docId) => {
      docLengths[docId] = doc.length;
      const tf = new Map<string, number>();
      for (const t of doc) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) {
        let id = termIds.get(t);
        if (id === undefined) {
          id = perTerm.length;
          termIds.set(t, id);
          perTerm.push([]);
        }
        perTerm[id]!.push(docId, Math.min(n, 65535));
      }
    });
    const offsets = new Uint32Array(perTerm.length + 1);
    let total = 0;
    perTerm.forEach((p, i) => {
      offsets[i] = total;
      total += p.length / 2;
    });
    offsets[perTerm.length] = total;
    const postingIds = new Uint32Array(total);
    const postingTfs = new Uint16Array(total);
    perTerm.forEach((p, i) => {
      let at = offsets[i]!;
      for (let j = 0; j < p.length; j += 2, at++) {
        postingIds[at] = p[j]!;
        postingTfs[at] = p[j + 1]!;
      }
    });
    return new Bm25Index({
      terms: [...termIds.keys()],
      offsets,
      postingIds,
      postingTfs,
      docLengths,
      k1: options.k1 ?? 1.2,
      b: options.b ?? 0.75,
    });
  }

  get size(): number {
    return this.data.docLengths.length;
  }

  /** Number of chunks containing the term. */
  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.data.offsets[id + 1]! - this.data.offsets[id]!;
  }

  /** BM25's idf; a term absent from the corpus gets the largest possible value. */
  idf(term: string): number {
    const n = this.size;
    const df = this.documentFrequency(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  search(queryTerms: string[], k: number): Bm25Hit[] {
    const { offsets, postingIds, postingTfs, docLengths, k1, b } = this.data;
    if (this.scores.length !== this.size) this.scores = new Float32Array(this.size);
    const scores = this.scores;
    const touched: number[] = [];
    for (const term of new Set(queryTerms)) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const idf = this.idf(term);
      for (let p = offsets[id]!; p < offsets[id + 1]!; p++) {
        const doc = postingIds[p]!;
        const tf = postingTfs[p]!;
        if (scores[doc] === 0) touched.push(doc);
        scores[doc]! += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * docLengths[doc]!) / this.avgLength));
      }
    }
    const hits = touched.map((id) => ({ id, score: scores[id]! }));
    for (const id of touched) scores[id] = 0;
    return topK(hits, k);
  }
}

/** Highest-scoring k hits, best first; ties keep corpus order so results are stable. */
function topK(hits: Bm25Hit[], k: number): Bm25Hit[] {
  hits.sort((a, b) => b.score - a.score || a.id - b.id);
  return hits.slice(0, k);
}
