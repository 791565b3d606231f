import { embedQuery, type Embedder } from './embeddings/embedder.js';
import { analyzeQuery, DEFAULT_WEIGHTS, type QueryAnalysis, type QueryWeights } from './query/analyze-query.js';
import type { IndexReader } from './storage/index-backend.js';
import { words } from './text.js';
import type { Passage } from './types.js';

export interface RetrieverOptions {
  /** Passages returned. */
  k?: number;
  /** Hits taken from each of the dense and keyword lists before fusion. */
  candidates?: number;
  /** Reciprocal rank fusion constant: larger flattens the rank bonus. */
  rrfK?: number;
  /** Word-shingle overlap above which two passages count as the same text. */
  duplicateJaccard?: number;
  /** Weights of spelling corrections and synonyms in the keyword search (default: the fitted ones). */
  queryWeights?: QueryWeights;
  /** Weight of the dense list in the fusion (keyword list: 1). Default: the embedder's own `denseWeight`, else 1. */
  denseWeight?: number;
}

type Fused = { order: number; score: number; denseRank: number | null; keywordRank: number | null; similarity: number | null };

export interface RetrievalResult {
  passages: Passage[];
  timingsMs: { embed: number; dense: number; keyword: number; fuse: number };
}

/** Dense (HNSW) and keyword (BM25) search fused with reciprocal rank fusion, near-duplicates collapsed. */
export class HybridRetriever {
  readonly k: number;
  private readonly candidates: number;
  private readonly rrfK: number;
  private readonly duplicateJaccard: number;
  private readonly denseWeight: number;
  private readonly queryWeights: QueryWeights;

  constructor(
    private readonly index: IndexReader,
    private readonly embedder: Embedder,
    options: RetrieverOptions = {},
  ) {
    this.k = options.k ?? 5;
    this.candidates = options.candidates ?? 30;
    this.rrfK = options.rrfK ?? 60;
    this.duplicateJaccard = options.duplicateJaccard ?? 0.8;
    this.denseWeight = options.denseWeight ?? embedder.denseWeight ?? 1;
    this.queryWeights = options.queryWeights ?? DEFAULT_WEIGHTS;
  }

  /** The question read through the index's vocabulary: chat forms, spelling, synonyms (see query/analyze-query). */
  analyze(query: string): QueryAnalysis {
    const context = { vocabulary: this.index.vocabulary, documentFrequency: (t: string) => this.index.terms.documentFrequency(t) };
    return analyzeQuery(query, context, this.queryWeights);
  }

  /**
   * Passages for a question, or for its analysis when the caller has made one already.
   * `collections`: search only those collections (plus top-level documents); filtered inside both searches, before ranking.
   */
  async retrieve(query: string | QueryAnalysis, k = this.k, collections?: readonly string[]): Promise<RetrievalResult> {
    const filter = collections?.length ? { collections } : undefined;
    const t0 = performance.now();
    const analysis = typeof query === 'string' ? this.analyze(query) : query;
    const text = analysis.corrected;
    const qv = await embedQuery(this.embedder, text);
    const t1 = performance.now();
    const pool = Math.max(this.candidates, k * 3);
    const dense = await this.index.vectorSearch(qv, pool, filter);
    const t2 = performance.now();
    const keyword = await this.index.keywordSearch(analysis.terms, pool, filter);
    const t3 = performance.now();

    const fused = new Map<string, Fused>();
    const entry = (id: string, order: number) => {
      let e = fused.get(id);
      if (!e) fused.set(id, (e = { order, score: 0, denseRank: null, keywordRank: null, similarity: null }));
      return e;
    };
    dense.forEach((hit, rank) => {
      const e = entry(hit.chunkId, hit.order);
      e.score += this.denseWeight / (this.rrfK + rank + 1);
      e.denseRank = rank + 1;
      e.similarity = hit.similarity;
    });
    keyword.forEach((hit, rank) => {
      const e = entry(hit.chunkId, hit.order);
      e.score += 1 / (this.rrfK + rank + 1);
      e.keywordRank = rank + 1;
    });
    const ranked = [...fused.entries()].sort((a, b) => b[1].score - a[1].score || a[1].order - b[1].order);
    const passages = await this.collapse(ranked, k);
    return {
      passages,
      timingsMs: { embed: t1 - t0, dense: t2 - t1, keyword: t3 - t2, fuse: performance.now() - t3 },
    };
  }

  private async collapse(ranked: Array<[string, Fused]>, k: number): Promise<Passage[]> {
    const kept: Array<{ passage: Passage; shingles: Set<string> }> = [];
    // One fetch for every candidate: a round trip per chunk would dominate on a database.
    const byId = new Map((await this.index.chunks(ranked.map(([id]) => id))).map((c) => [c.id, c]));
    for (const [id, { order: _order, ...scores }] of ranked) {
      if (kept.length >= k) break;
      const chunk = byId.get(id);
      if (!chunk) continue; // removed by an ingest between the search and this read
      const shingles = shingle(chunk.text);
      const duplicate = kept.some(
        ({ passage, shingles: other }) =>
          (passage.chunk.docId === chunk.docId && overlap(passage.chunk, chunk) > 0.5) ||
          jaccard(shingles, other) >= this.duplicateJaccard,
      );
      if (duplicate) continue;
      const doc = this.index.documentInfo(chunk.docId);
      if (!doc) continue;
      kept.push({ passage: { chunk, doc, ...scores }, shingles });
    }
    return kept.map((k) => k.passage);
  }
}

/** Share of the shorter span that two spans of one document have in common. */
function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const common = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return common <= 0 ? 0 : common / Math.min(a.end - a.start, b.end - b.start);
}

function shingle(text: string): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + 2 < w.length; i++) out.add(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
  if (out.size === 0 && w.length) out.add(w.join(' '));
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const s of small) if (large.has(s)) common++;
  return common / (a.size + b.size - common);
}
