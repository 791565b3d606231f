import { addSorted, kthScore, pruned, SLACK, topK } from './bm25-top-k.js';

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

/** A growable Uint32Array. */
class U32List {
  data = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/**
 * Collects chunks' terms one chunk at a time (no per-term JS arrays), then
 * lays the postings out by term with a counting sort.
 */
export class Bm25Builder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  // (term, doc, tf) triples in arrival order.
  private readonly tTerm = new U32List();
  private readonly tDoc = new U32List();
  private readonly tTf = new U32List();
  private readonly lengths = new U32List();
  private readonly tf = new Map<number, number>();

  constructor(private readonly options: Bm25Options = {}) {}

  get size(): number {
    return this.lengths.length;
  }

  /** Adds the next chunk (its id is the number of chunks added before it). */
  add(docTerms: readonly string[]): number {
    const doc = this.lengths.length;
    this.lengths.push(docTerms.length);
    const tf = this.tf;
    for (const t of docTerms) {
      let id = this.termIds.get(t);
      if (id === undefined) {
        id = this.terms.length;
        this.termIds.set(t, id);
        this.terms.push(t);
      }
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    for (const [id, n] of tf) {
      this.tTerm.push(id);
      this.tDoc.push(doc);
      this.tTf.push(Math.min(n, 65535));
    }
    tf.clear();
    return doc;
  }

  finish(): Bm25Index {
    const nTerms = this.terms.length;
    const total = this.tTerm.length;
    const offsets = new Uint32Array(nTerms + 1);
    const terms = this.tTerm.data;
    for (let i = 0; i < total; i++) offsets[terms[i]! + 1]!++;
    for (let t = 0; t < nTerms; t++) offsets[t + 1]! += offsets[t]!;
    const fill = offsets.slice(0, nTerms);
    const postingIds = new Uint32Array(total);
    const postingTfs = new Uint16Array(total);
    const docs = this.tDoc.data;
    const tfs = this.tTf.data;
    // Triples arrive in document order, so each term's postings come out sorted by document.
    for (let i = 0; i < total; i++) {
      const at = fill[terms[i]!]!++;
      postingIds[at] = docs[i]!;
      postingTfs[at] = tfs[i]!;
    }
    return new Bm25Index({
      terms: this.terms,
      offsets,
      postingIds,
      postingTfs,
      docLengths: this.lengths.data.slice(0, this.lengths.length),
      k1: this.options.k1 ?? 1.2,
      b: this.options.b ?? 0.75,
    });
  }
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
  /** Scratch list of the chunks a query touched (a JS array grew to ~50k entries an ask at 100k chunks). */
  private touched: Uint32Array;
  /** Each chunk's length term of BM25's denominator, k1·(1 − b + b·len/avg), worked out once instead of per posting. */
  private norms: Float64Array;
  /**
   * Per term, filled on first use: the largest tf/(tf + norm) over its postings (-1: not yet known), the bound that
   * lets a query stop looking at the long postings of common words, and whether its postings are in chunk order.
   */
  private readonly bestPart: Float64Array;
  private readonly ordered: Uint8Array;

  constructor(readonly data: Bm25Data) {
    this.termIds = new Map();
    data.terms.forEach((t, i) => this.termIds.set(t, i));
    let total = 0;
    for (const l of data.docLengths) total += l;
    this.avgLength = data.docLengths.length ? total / data.docLengths.length : 1;
    this.scores = new Float32Array(data.docLengths.length);
    this.touched = new Uint32Array(data.docLengths.length);
    this.norms = new Float64Array(data.docLengths.length);
    const { k1, b } = data;
    for (let d = 0; d < data.docLengths.length; d++) this.norms[d] = k1 * (1 - b + (b * data.docLengths[d]!) / this.avgLength);
    this.bestPart = new Float64Array(data.terms.length).fill(-1);
    this.ordered = new Uint8Array(data.terms.length);
  }

  static build(documents: string[][], options: Bm25Options = {}): Bm25Index {
    const builder = new Bm25Builder(options);
    for (const doc of documents) builder.add(doc);
    return builder.finish();
  }

  /**
   * The index after an incremental re-ingest, without re-tokenizing the chunks
   * that stayed: `keep[old]` is the new position of an old chunk (or -1 when it
   * is gone), and `added` gives the terms of each new chunk at its position.
   * Every position below `size` must be covered by exactly one of the two.
   */
  static update(previous: Bm25Index, keep: Int32Array, added: ReadonlyMap<number, readonly string[]>, size: number): Bm25Index {
    const old = previous.data;
    const docLengths = new Uint32Array(size);
    for (let i = 0; i < keep.length; i++) if (keep[i]! >= 0) docLengths[keep[i]!] = old.docLengths[i]!;
    // New postings, grouped by term id (old ids first, then new terms).
    const termIds = new Map(previous.termIds);
    const terms = [...old.terms];
    const extra: Array<Array<number>> = []; // per term id: [doc, tf, doc, tf, ...]
    const tf = new Map<number, number>();
    for (const [pos, docTerms] of added) {
      docLengths[pos] = docTerms.length;
      for (const t of docTerms) {
        let id = termIds.get(t);
        if (id === undefined) {
          id = terms.length;
          termIds.set(t, id);
          terms.push(t);
        }
        tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      for (const [id, n] of tf) (extra[id] ??= []).push(pos, Math.min(n, 65535));
      tf.clear();
    }
    // Count what each term keeps; terms left with no postings are dropped.
    const counts = new Uint32Array(terms.length);
    for (let t = 0; t < old.terms.length; t++)
      for (let p = old.offsets[t]!; p < old.offsets[t + 1]!; p++) if (keep[old.postingIds[p]!]! >= 0) counts[t]!++;
    for (let t = 0; t < terms.length; t++) counts[t]! += (extra[t]?.length ?? 0) / 2;
    const liveTerms: string[] = [];
    let total = 0;
    for (let t = 0; t < terms.length; t++) if (counts[t]! > 0) (liveTerms.push(terms[t]!), (total += counts[t]!));
    const offsets = new Uint32Array(liveTerms.length + 1);
    const postingIds = new Uint32Array(total);
    const postingTfs = new Uint16Array(total);
    let at = 0;
    let live = 0;
    for (let t = 0; t < terms.length; t++) {
      if (counts[t] === 0) continue;
      offsets[live++] = at;
      if (t < old.terms.length)
        for (let p = old.offsets[t]!; p < old.offsets[t + 1]!; p++) {
          const to = keep[old.postingIds[p]!]!;
          if (to < 0) continue;
          postingIds[at] = to;
          postingTfs[at++] = old.postingTfs[p]!;
        }
      const more = extra[t];
      if (more)
        for (let j = 0; j < more.length; j += 2) {
          postingIds[at] = more[j]!;
          postingTfs[at++] = more[j + 1]!;
        }
      inChunkOrder(postingIds, postingTfs, offsets[live - 1]!, at);
    }
    offsets[live] = at;
    return new Bm25Index({ terms: liveTerms, offsets, postingIds, postingTfs, docLengths, k1: old.k1, b: old.b });
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

  /** `allow` (by chunk id) drops postings before scoring, so the top k are k allowed chunks. */
  search(queryTerms: string[], k: number, allow?: (id: number) => boolean): Bm25Hit[] {
    return this.searchWeighted(
      queryTerms.map((term) => ({ term, weight: 1 })),
      k,
      allow,
    );
  }

  /**
   * BM25 with a weight per query term (its contribution is multiplied by it):
   * query expansion adds spelling corrections and synonyms below the
   * question's own words. A term given twice counts once, at its largest weight.
   */
  searchWeighted(queryTerms: ReadonlyArray<{ term: string; weight: number }>, k: number, allow?: (id: number) => boolean): Bm25Hit[] {
    if (k <= 0) return [];
    const { offsets, postingIds, postingTfs, k1 } = this.data;
    const scores = this.scores;
    const norms = this.norms;
    const touched = this.touched;
    const weights = new Map<string, number>();
    for (const { term, weight } of queryTerms) if (weight > (weights.get(term) ?? 0)) weights.set(term, weight);
    // Terms by the most they can add to one chunk, largest first (max-score pruning: exact, see below).
    const list: Array<{ id: number; w: number; bound: number }> = [];
    for (const [term, weight] of weights) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const w = weight * this.idf(term) * (k1 + 1);
      list.push({ id, w, bound: w * this.bound(id) });
    }
    list.sort((x, y) => y.bound - x.bound || x.id - y.id);
    const rest = new Float64Array(list.length + 1);
    for (let i = list.length - 1; i >= 0; i--) rest[i] = rest[i + 1]! + list[i]!.bound;
    let n = 0;
    // Once the terms left cannot lift an untouched chunk to the k-th score so far, only chunks already touched can make
    // the top k; their remaining scores are looked up, not every posting scanned. At 100,000 chunks a question's common
    // words have 20,000–60,000 postings each (session 43).
    let candidates: Uint32Array | null = null;
    let theta = 0;
    let pending = 0;
    for (const t of list) pending += offsets[t.id + 1]! - offsets[t.id]!;
    for (let i = 0; i < list.length; i++) {
      const { id, w } = list[i]!;
      const start = offsets[id]!;
      const end = offsets[id + 1]!;
      // Finding the k-th score costs a pass over the touched chunks: worth it only when more postings remain than that.
      if (!candidates && i > 0 && n >= k && pending > n) {
        theta = kthScore(scores, touched, n, k);
        if (rest[i]! < theta * (1 - SLACK)) candidates = pruned(scores, touched.subarray(0, n), rest[i]!, theta);
      }
      pending -= end - start;
      if (candidates) {
        if (this.ordered[id]) addSorted(scores, norms, candidates, postingIds, postingTfs, start, end, w);
        else
          for (let p = start; p < end; p++) {
            const doc = postingIds[p]!;
            if (scores[doc] === 0) continue;
            const tf = postingTfs[p]!;
            scores[doc]! += (w * tf) / (tf + norms[doc]!);
          }
        candidates = pruned(scores, candidates, rest[i + 1]!, theta);
        continue;
      }
      for (let p = start; p < end; p++) {
        const doc = postingIds[p]!;
        if (allow && !allow(doc)) continue;
        const tf = postingTfs[p]!;
        if (scores[doc] === 0) touched[n++] = doc;
        scores[doc]! += (w * tf) / (tf + norms[doc]!);
      }
    }
    const hits = topK(scores, candidates ?? touched.subarray(0, n), k);
    for (let i = 0; i < n; i++) scores[touched[i]!] = 0;
    return hits;
  }

  /** The largest tf/(tf + norm) among a term's postings, found once; also notes whether they are in chunk order. */
  private bound(id: number): number {
    const known = this.bestPart[id]!;
    if (known >= 0) return known;
    const { offsets, postingIds, postingTfs } = this.data;
    let best = 0;
    let ordered = 1;
    for (let p = offsets[id]!; p < offsets[id + 1]!; p++) {
      const tf = postingTfs[p]!;
      const part = tf / (tf + this.norms[postingIds[p]!]!);
      if (part > best) best = part;
      if (p > offsets[id]! && postingIds[p]! <= postingIds[p - 1]!) ordered = 0;
    }
    this.bestPart[id] = best;
    this.ordered[id] = ordered;
    return best;
  }
}

/**
 * Sorts a term's postings by chunk when they are not already: moved chunks and new ones arrive out of order, and a
 * search looks up chunks in ordered postings by galloping instead of reading them all.
 */
function inChunkOrder(ids: Uint32Array, tfs: Uint16Array, start: number, end: number): void {
  let ordered = true;
  for (let p = start + 1; p < end && ordered; p++) ordered = ids[p - 1]! < ids[p]!;
  if (ordered) return;
  // Chunk and tf packed in one float64 (exact below 2^53) and sorted natively: a common word has ~60,000 postings.
  const packed = new Float64Array(end - start);
  for (let p = start; p < end; p++) packed[p - start] = ids[p]! * 65536 + tfs[p]!;
  packed.sort();
  for (let i = 0; i < packed.length; i++) {
    ids[start + i] = Math.floor(packed[i]! / 65536);
    tfs[start + i] = packed[i]! % 65536;
  }
}
