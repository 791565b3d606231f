import type { Bm25Hit } from './bm25-index.js';

/**
 * The top-k arithmetic of BM25 search (bm25-index.ts): the k-th score so far, the chunks that can still reach it, a
 * term's postings looked up for those chunks only, and the final ranking.
 */

/** Relative room for float32 rounding of the summed scores when comparing against the bounds. */
export const SLACK = 1e-5;

/** The k-th largest score among the first n touched chunks (a min-heap of k; most scores are rejected at the root). */
export function kthScore(scores: Float32Array, touched: Uint32Array, n: number, k: number): number {
  const heap = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[touched[i]!]!;
    if (size < k) {
      let j = size++;
      heap[j] = s;
      while (j > 0) {
        const parent = (j - 1) >> 1;
        if (heap[parent]! <= heap[j]!) break;
        [heap[parent], heap[j]] = [heap[j]!, heap[parent]!];
        j = parent;
      }
    } else if (s > heap[0]!) {
      heap[0] = s;
      for (let j = 0; ; ) {
        const l = 2 * j + 1;
        const r = l + 1;
        let m = j;
        if (l < k && heap[l]! < heap[m]!) m = l;
        if (r < k && heap[r]! < heap[m]!) m = r;
        if (m === j) break;
        [heap[m], heap[j]] = [heap[j]!, heap[m]!];
        j = m;
      }
    }
  }
  return heap[0]!;
}

/** The chunks that could still reach `theta` with `rest` more, in chunk order. */
export function pruned(scores: Float32Array, from: Uint32Array, rest: number, theta: number): Uint32Array {
  const floor = theta * (1 - SLACK) - rest;
  let m = 0;
  const out = new Uint32Array(from.length);
  for (const doc of from) if (scores[doc]! >= floor) out[m++] = doc;
  return out.subarray(0, m).sort();
}

/** Adds a term to the candidates (in chunk order) by galloping through its postings (in chunk order). */
export function addSorted(scores: Float32Array, norms: Float64Array, candidates: Uint32Array, ids: Uint32Array, tfs: Uint16Array, start: number, end: number, w: number): void {
  let lo = start;
  for (const doc of candidates) {
    if (lo >= end) return;
    if (ids[lo]! < doc) {
      // Gallop to a posting at or past doc, then binary search the last step.
      let step = 1;
      let hi = lo + 1;
      while (hi < end && ids[hi]! < doc) {
        lo = hi;
        step *= 2;
        hi = lo + step;
      }
      if (hi > end) hi = end;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ids[mid]! < doc) lo = mid + 1;
        else hi = mid;
      }
    }
    if (lo < end && ids[lo] === doc) {
      const tf = tfs[lo]!;
      scores[doc]! += (w * tf) / (tf + norms[doc]!);
      lo++;
    }
  }
}

/** a ranks before b: higher score, then lower id (corpus order), so results are stable. */
const before = (scores: Float32Array, a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);

/** Highest-scoring k of the touched chunks, best first, with a bounded heap instead of sorting them all. */
export function topK(scores: Float32Array, touched: ArrayLike<number> & Iterable<number>, k: number): Bm25Hit[] {
  if (k <= 0) return [];
  // Min-heap (worst of the kept at the root) of chunk ids.
  const heap: number[] = [];
  const worse = (i: number, j: number) => before(scores, heap[j]!, heap[i]!);
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(l, m)) m = l;
      if (r < heap.length && worse(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (const id of touched) {
    if (heap.length < k) {
      heap.push(id);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!worse(i, p)) break;
        swap(i, p);
        i = p;
      }
    } else if (before(scores, id, heap[0]!)) {
      heap[0] = id;
      down(0);
    }
  }
  return heap.sort((a, b) => (before(scores, a, b) ? -1 : 1)).map((id) => ({ id, score: scores[id]! }));
}
