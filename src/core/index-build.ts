/**
 * The index an ingest writes, built in full or patched: each chunk's vector
 * into the HNSW graph and its terms into the keyword index, in batches, from
 * the embedding cache when the chunk's text is unchanged.
 */
import { Bm25Builder, Bm25Index } from './bm25-index.js';
import type { FootnoteEmbeddings } from './embeddings/create-embedder.js';
import type { LoadedIndex } from './index-store.js';
import type { IngestProgress } from './ingest.js';
import { terms } from './text.js';
import type { Chunk } from './types.js';
import { VectorIndexBuilder } from './vector-index-builder.js';
import { VectorIndex, type SaveableVectors } from './vector-index.js';

/** Vectors are produced and handed to the graph in batches of this many chunks. */
const BATCH = 1024;
/** From this many chunks a full build runs the graph in a worker thread. */
const PARALLEL_FROM = 2000;

export interface UpdatePlan {
  /** Old position → new position (-1: gone). */
  keep: Int32Array;
  /** New position → graph label; fresh points get theirs when added. */
  labels: Uint32Array;
  /** New positions that need a point added to the graph. */
  fresh: number[];
  /** Labels of old chunks no longer in the corpus. */
  removed: number[];
}

/**
 * Matches the new chunk list against the previous index: unchanged documents
 * keep their points, and a chunk of an edited document whose text is the same
 * as before (same hash) keeps its old point too. Everything else is fresh.
 */
export function planUpdate(previous: LoadedIndex, chunks: Chunk[], from: number[]): UpdatePlan {
  const keep = new Int32Array(previous.chunks.length).fill(-1);
  const labels = new Uint32Array(chunks.length);
  from.forEach((old, pos) => {
    if (old >= 0) keep[old] = pos;
  });
  // Old chunks not carried over, by hash: an edited document's untouched passages.
  const spare = new Map<string, number[]>();
  previous.chunks.forEach((c, old) => {
    if (keep[old] !== -1) return;
    const list = spare.get(c.hash);
    if (list) list.push(old);
    else spare.set(c.hash, [old]);
  });
  const fresh: number[] = [];
  chunks.forEach((c, pos) => {
    let old = from[pos]!;
    if (old < 0) {
      old = spare.get(c.hash)?.pop() ?? -1;
      if (old >= 0) keep[old] = pos;
    }
    if (old >= 0) labels[pos] = previous.vectors.labels[old]!;
    else fresh.push(pos);
  });
  const removed: number[] = [];
  keep.forEach((pos, old) => {
    if (pos < 0) removed.push(previous.vectors.labels[old]!);
  });
  return { keep, labels, fresh, removed };
}

export interface Built {
  vectors: SaveableVectors;
  bm25: Bm25Index;
  /** Chunks whose vector was computed now (not carried over or taken from the cache). */
  embedded: number;
  close(): Promise<void>;
}

/**
 * Produces the vector and terms of each chunk at `positions`, in order, in
 * batches: from the embedding cache (same embedder, same chunk hash in the
 * previous index) when it can, else by embedding. The lexical embedder
 * tokenizes each chunk once for both.
 */
async function forEachVector(
  chunks: Chunk[],
  positions: ArrayLike<number>,
  embedder: FootnoteEmbeddings,
  cache: LoadedIndex | null,
  onBatch: (vectors: Float32Array, termsOf: string[][], first: number) => void,
  progress: (done: number) => void,
): Promise<number> {
  const dim = embedder.dimension;
  const cached = new Map<string, number>();
  cache?.chunks.forEach((c, i) => cached.set(c.hash, i));
  let embedded = 0;
  for (let b = 0; b < positions.length; b += BATCH) {
    const n = Math.min(BATCH, positions.length - b);
    const vectors = new Float32Array(n * dim);
    const termsOf: string[][] = new Array(n);
    const toEmbed: number[] = [];
    for (let i = 0; i < n; i++) {
      const chunk = chunks[positions[b + i]!]!;
      const hit = cached.get(chunk.hash);
      if (hit !== undefined) {
        vectors.set(cache!.vectors.vector(hit), i * dim);
        termsOf[i] = terms(chunk.text);
      } else if (embedder.embedInto) {
        termsOf[i] = [];
        embedder.embedInto(chunk.text, vectors, i * dim, termsOf[i]!);
        embedded++;
      } else toEmbed.push(i);
    }
    if (toEmbed.length) {
      const out = await embedder.embedDocuments(toEmbed.map((i) => chunks[positions[b + i]!]!.text));
      toEmbed.forEach((i, k) => {
        vectors.set(out[k]!, i * dim);
        termsOf[i] = terms(chunks[positions[b + i]!]!.text);
      });
      embedded += toEmbed.length;
    }
    onBatch(vectors, termsOf, b);
    progress(b + n);
    // Let the builder thread's messages and any timers through between batches.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return embedded;
}

/** A full build: every chunk's vector into a new graph, every chunk's terms into a new keyword index. */
export async function buildIndex(
  chunks: Chunk[],
  embedder: FootnoteEmbeddings,
  cache: LoadedIndex | null,
  progress: (p: IngestProgress) => void,
  parallel = chunks.length >= PARALLEL_FROM,
): Promise<Built> {
  const dim = embedder.dimension;
  const bm25 = new Bm25Builder();
  const builder = parallel ? new VectorIndexBuilder(dim, chunks.length) : null;
  try {
    const inline: Float32Array[] = [];
    const embedded = await forEachVector(
      chunks,
      range(chunks.length),
      embedder,
      cache,
      (vectors, termsOf) => {
        for (const t of termsOf) bm25.add(t);
        if (builder) builder.add(vectors);
        else for (let i = 0; i < vectors.length; i += dim) inline.push(vectors.subarray(i, i + dim));
      },
      (done) => progress({ phase: 'embed', done, total: chunks.length }),
    );
    progress({ phase: 'index', done: 0, total: chunks.length });
    const vectors = builder ?? VectorIndex.build(inline, dim);
    const index = bm25.finish();
    progress({ phase: 'index', done: chunks.length, total: chunks.length });
    return { vectors, bm25: index, embedded, close: async () => builder?.close() };
  } catch (err) {
    await builder?.close();
    throw err;
  }
}

function range(n: number): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** An incremental update: the previous graph and keyword index with only the fresh chunks added. */
export async function patchIndex(
  previous: LoadedIndex,
  plan: UpdatePlan,
  chunks: Chunk[],
  embedder: FootnoteEmbeddings,
  progress: (p: IngestProgress) => void,
): Promise<Built> {
  const dim = embedder.dimension;
  const vectors: Float32Array[] = [];
  const added = new Map<number, string[]>();
  const embedded = await forEachVector(
    chunks,
    plan.fresh,
    embedder,
    previous,
    (batch, termsOf, first) => {
      termsOf.forEach((t, i) => {
        added.set(plan.fresh[first + i]!, t);
        vectors.push(batch.subarray(i * dim, (i + 1) * dim));
      });
    },
    (done) => progress({ phase: 'embed', done: chunks.length - plan.fresh.length + done, total: chunks.length }),
  );
  progress({ phase: 'index', done: 0, total: plan.fresh.length });
  const labels = plan.labels;
  plan.fresh.forEach((pos, i) => (labels[pos] = previous.vectors.nextLabel + i));
  const graph = previous.vectors.update(plan.removed, vectors, labels);
  const bm25 = Bm25Index.update(previous.bm25, plan.keep, added, chunks.length);
  progress({ phase: 'index', done: plan.fresh.length, total: plan.fresh.length });
  return { vectors: graph, bm25, embedded, close: async () => {} };
}
