import { readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Bm25Index } from './bm25-index.js';
import type { CoreConfig } from './config.js';
import { createEmbedder, type FootnoteEmbeddings } from './embeddings/create-embedder.js';
import { LexicalEmbeddings } from './embeddings/lexical-embeddings.js';
import { userError, isUserError } from './errors.js';
import { readIndex, writeIndex, type LoadedIndex } from './index-store.js';
import { loadCorpus, type SkippedFile } from './loader.js';
import { silentLogger, type Logger } from './logger.js';
import { DocumentSplitter } from './splitter.js';
import { terms } from './text.js';
import type { Chunk } from './types.js';
import { VectorIndex } from './vector-index.js';

export type IngestPhase = 'load' | 'split' | 'embed' | 'index' | 'write';

export interface IngestProgress {
  phase: IngestPhase;
  done: number;
  total: number;
}

export interface IngestOptions {
  logger?: Logger;
  onProgress?: (p: IngestProgress) => void;
  /** Use this embedder instead of choosing one from the config. */
  embedder?: FootnoteEmbeddings;
}

export interface IngestReport {
  documents: number;
  chunks: number;
  skipped: SkippedFile[];
  added: number;
  changed: number;
  removed: number;
  /** Chunks embedded now vs taken from the previous index (same embedder, same text). */
  embedded: number;
  reused: number;
  embedder: string;
  indexDir: string;
  ms: number;
}

type IngestConfig = Pick<
  CoreConfig,
  'corpusDir' | 'indexDir' | 'chunkSize' | 'chunkOverlap' | 'embeddings' | 'model' | 'modelCacheDir' | 'modelLoadTimeoutMs' | 'allowRemoteModels'
>;

const EMBED_BATCH = 64;

/** Builds the index for the corpus folder, re-using whatever the previous index already computed. */
export async function ingest(config: IngestConfig, options: IngestOptions = {}): Promise<IngestReport> {
  const t0 = performance.now();
  const logger = options.logger ?? silentLogger;
  const progress = options.onProgress ?? (() => {});
  const release = await lock(config.indexDir);
  try {
    progress({ phase: 'load', done: 0, total: 1 });
    const { documents, skipped } = await loadCorpus(config.corpusDir, {
      onSkip: (s) => logger.warn(`Skipped ${s.id}: ${s.reason}`),
    });
    if (documents.length === 0) throw userError('CORPUS_EMPTY', config.corpusDir);
    const embedder = options.embedder ?? (await createEmbedder(config, logger));
    const previous = await readIndex(config.indexDir).catch((err: unknown) => {
      if (!isUserError(err)) throw err;
      return null;
    });
    const sameEmbedder = previous?.manifest.embedder.id === embedder.id;
    const sameSplitter =
      previous?.manifest.splitter.chunkSize === config.chunkSize && previous.manifest.splitter.chunkOverlap === config.chunkOverlap;

    // Unchanged documents keep their chunks; only new or edited ones are split again.
    const splitter = new DocumentSplitter({ chunkSize: config.chunkSize, chunkOverlap: config.chunkOverlap });
    const oldHashes = new Map(previous?.manifest.documents.map((d) => [d.id, d.hash]) ?? []);
    const oldChunks = groupByDoc(previous?.chunks ?? []);
    const chunks: Chunk[] = [];
    let added = 0;
    let changed = 0;
    for (const [i, doc] of documents.entries()) {
      const oldHash = oldHashes.get(doc.id);
      if (oldHash === undefined) added++;
      else if (oldHash !== doc.hash) changed++;
      const kept = oldHash === doc.hash && sameSplitter ? oldChunks.get(doc.id) : undefined;
      chunks.push(...(kept ?? (await splitter.split(doc))));
      progress({ phase: 'split', done: i + 1, total: documents.length });
    }
    const currentIds = new Set(documents.map((d) => d.id));
    const removed = [...oldHashes.keys()].filter((id) => !currentIds.has(id)).length;

    const { vectors, reused } = await embedChunks(chunks, embedder, sameEmbedder ? previous : null, progress);
    progress({ phase: 'index', done: 0, total: chunks.length });
    const vectorIndex = VectorIndex.build(vectors, embedder.dimension);
    const bm25 = Bm25Index.build(chunks.map((c) => terms(c.text)));
    progress({ phase: 'index', done: chunks.length, total: chunks.length });
    progress({ phase: 'write', done: 0, total: 1 });
    const dir = await writeIndex(config.indexDir, {
      manifest: {
        embedder: { id: embedder.id, dimension: embedder.dimension },
        splitter: { chunkSize: config.chunkSize, chunkOverlap: config.chunkOverlap },
        documents: documents.map((d) => ({ id: d.id, hash: d.hash })),
        chunkCount: chunks.length,
      },
      documents,
      chunks,
      vectors: vectorIndex,
      bm25,
    });
    progress({ phase: 'write', done: 1, total: 1 });
    return {
      documents: documents.length,
      chunks: chunks.length,
      skipped,
      added,
      changed,
      removed,
      embedded: chunks.length - reused,
      reused,
      embedder: embedder.id,
      indexDir: dir,
      ms: Math.round(performance.now() - t0),
    };
  } finally {
    await release();
  }
}

function groupByDoc(chunks: Chunk[]): Map<string, Chunk[]> {
  const map = new Map<string, Chunk[]>();
  for (const c of chunks) {
    const list = map.get(c.docId);
    if (list) list.push(c);
    else map.set(c.docId, [c]);
  }
  return map;
}

/** The embedding cache: a chunk whose text hash the previous index holds keeps its vector. */
async function embedChunks(
  chunks: Chunk[],
  embedder: FootnoteEmbeddings,
  previous: LoadedIndex | null,
  progress: (p: IngestProgress) => void,
): Promise<{ vectors: ArrayLike<number>[]; reused: number }> {
  const cached = new Map<string, number>();
  if (previous) previous.chunks.forEach((c, i) => cached.set(c.hash, i));
  const vectors: ArrayLike<number>[] = new Array(chunks.length);
  const todo: number[] = [];
  let reused = 0;
  chunks.forEach((c, i) => {
    const label = cached.get(c.hash);
    if (label !== undefined && previous) {
      vectors[i] = previous.vectors.vector(label);
      reused++;
    } else todo.push(i);
  });
  for (let i = 0; i < todo.length; i += EMBED_BATCH) {
    const batch = todo.slice(i, i + EMBED_BATCH);
    const texts = batch.map((j) => chunks[j]!.text);
    const out = embedder instanceof LexicalEmbeddings ? texts.map((t) => embedder.embed(t)) : await embedder.embedDocuments(texts);
    batch.forEach((j, k) => (vectors[j] = out[k]!));
    progress({ phase: 'embed', done: reused + Math.min(i + EMBED_BATCH, todo.length), total: chunks.length });
  }
  return { vectors, reused };
}

/** One ingest at a time per index folder; a lock left by a dead process is taken over. */
async function lock(root: string): Promise<() => Promise<void>> {
  await mkdir(root, { recursive: true });
  const file = path.join(root, '.lock');
  try {
    await writeFile(file, String(process.pid), { flag: 'wx' });
  } catch {
    const pid = Number(await readFile(file, 'utf8').catch(() => ''));
    if (pid && pid !== process.pid && isAlive(pid)) throw userError('INGEST_BUSY');
    await writeFile(file, String(process.pid));
  }
  return () => rm(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
