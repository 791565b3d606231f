import type { CoreConfig } from './config.js';
import { createEmbedder, type FootnoteEmbeddings } from './embeddings/create-embedder.js';
import { userError, isUserError } from './errors.js';
import { indexExists, readIndex, writeIndex, type LoadedIndex } from './index-store.js';
import { acquireWriterLock } from './index-lock.js';
import { readCurrent, sweep } from './index-versions.js';
import type { FileStamp, SkippedFile } from './loader.js';
import { silentLogger, type Logger } from './logger.js';
import { buildQueryData } from './query/query-data.js';
import type { Chunk, Document } from './types.js';
import { buildIndex, patchIndex, planUpdate } from './index-build.js';
import { VECTOR_DEFAULTS } from './vector-index.js';

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
  /**
   * Build the vector graph on a worker thread, overlapping with embedding.
   * Default: from 2,000 new vectors up (below that the thread costs more than it saves).
   */
  parallel?: boolean;
  /** Wait for an ingest already running on this index (another process or call) instead of failing with INGEST_BUSY. */
  wait?: boolean;
  /** Told once that another ingest is running and this one waits for it. */
  onWait?: (holderPid: number) => void;
}

/** What happened to one file (or web page) in an ingest. */
export interface FileOutcome {
  id: string;
  status: 'new' | 'changed' | 'unchanged' | 'removed' | 'skipped';
  /** Why it was skipped. */
  reason?: string;
}

export interface IngestReport {
  /** Every file once, by id. */
  files: FileOutcome[];
  documents: number;
  chunks: number;
  skipped: SkippedFile[];
  added: number;
  changed: number;
  removed: number;
  /** Chunks embedded now vs taken from the previous index (same embedder, same text). */
  embedded: number;
  reused: number;
  /** True when the previous index was patched (only new chunks added to the graph) rather than rebuilt. */
  incremental: boolean;
  embedder: string;
  indexDir: string;
  ms: number;
}

type IngestConfig = Pick<
  CoreConfig,
  'corpusDir' | 'indexDir' | 'maxFileMb' | 'webDir' | 'chunkSize' | 'chunkOverlap' | 'embeddings' | 'model' | 'modelCacheDir' | 'modelLoadTimeoutMs' | 'allowRemoteModels'
>;

/**
 * Bump when splitter.ts changes where it cuts, or text.ts how it reads words (4: "U.S." is one word), so unchanged
 * documents are split and indexed again rather than reused.
 */
export const SPLITTER_VERSION = 4;
/** Patch the graph while the points added since its last full build stay under this share of the corpus. */
const MAX_PATCHED_SHARE = 0.3;
/** Coarsest file timestamp granularity we allow for (FAT: 2 s). */
const RACY_MS = 2000;

/** Builds the index for the corpus folder, re-using whatever the previous index already computed. */
export async function ingest(config: IngestConfig, options: IngestOptions = {}): Promise<IngestReport> {
  return (await run(config, options, false))!;
}

/**
 * The first `ask` on a fresh clone: builds the index unless one exists once
 * the writer lock is held. An ingest already running (another ask, the CLI,
 * the bot) is waited for rather than failed on, and its index is used: null then.
 */
export async function ingestIfMissing(config: IngestConfig, options: IngestOptions = {}): Promise<IngestReport | null> {
  return run(config, { ...options, wait: true }, true);
}

async function run(config: IngestConfig, options: IngestOptions, onlyIfMissing: boolean): Promise<IngestReport | null> {
  const t0 = performance.now();
  const logger = options.logger ?? silentLogger;
  const progress = options.onProgress ?? (() => {});
  const release = await acquireWriterLock(config.indexDir, { wait: options.wait, onWait: options.onWait });
  try {
    // Whatever a killed writer left (temp folders, superseded versions no reader holds) goes now.
    await sweep(config.indexDir, await readCurrent(config.indexDir));
    if (onlyIfMissing && (await indexExists(config.indexDir))) return null;
    progress({ phase: 'load', done: 0, total: 1 });
    // The loader and splitter are imported here, not at the top (answering a question never needs them),
    // while the previous index is read.
    const [{ loadCorpus }, { DocumentSplitter }, { readStoredPages }, previous] = await Promise.all([
      import('./loader.js'),
      import('./splitter.js'),
      import('./web/page-store.js'),
      readIndex(config.indexDir).catch((err: unknown) => {
        if (!isUserError(err)) throw err;
        return null;
      }),
    ]);
    // A file whose size and modification time are as recorded is not read again, unless it
    // was modified so close to that reading that a change might share its timestamp.
    const loadedAt = Date.now();
    const recorded = new Map(previous?.manifest.documents.map((d) => [d.id, d]) ?? []);
    const settled = (previous?.manifest.loadedAt ?? 0) - RACY_MS;
    // Web pages fetched by `ingest --url` are kept in their own folder and indexed with the files;
    // with some, a corpus folder is optional.
    const webPages = await readStoredPages(config.webDir);
    const { documents, skipped, stamps } = await loadCorpus(config.corpusDir, {
      maxFileBytes: config.maxFileMb * 1024 * 1024,
      // The report lists skipped files; logging them here too would print each twice.
      onSkip: (s) => logger.debug(`Skipped ${s.id}: ${s.reason}`),
      reuse: (id, stamp) => {
        const r = recorded.get(id);
        if (r?.size !== stamp.size || r.mtimeMs !== stamp.mtimeMs || stamp.mtimeMs >= settled) return undefined;
        return documentOf(previous!, id);
      },
    }).catch((err: unknown) => {
      if (webPages.length && isUserError(err) && err.code === 'CORPUS_MISSING') return { documents: [] as Document[], skipped: [] as SkippedFile[], stamps: new Map<string, FileStamp>() };
      throw err;
    });
    documents.push(...webPages);
    if (documents.length === 0) throw userError('CORPUS_EMPTY', config.corpusDir);
    const embedder = options.embedder ?? (await createEmbedder(config, logger));
    const sameEmbedder = previous?.manifest.embedder.id === embedder.id;
    const sameSplitter =
      previous?.manifest.splitter.chunkSize === config.chunkSize &&
      previous.manifest.splitter.chunkOverlap === config.chunkOverlap &&
      previous.manifest.splitter.version === SPLITTER_VERSION;

    // Unchanged documents keep their chunks (and their old positions); only new or edited ones are split again.
    const splitter = new DocumentSplitter({ chunkSize: config.chunkSize, chunkOverlap: config.chunkOverlap });
    const oldHashes = new Map(previous?.manifest.documents.map((d) => [d.id, d.hash]) ?? []);
    const oldFirst = firstChunkOf(previous);
    const chunks: Chunk[] = [];
    /** New position → old position, for chunks carried over unchanged. */
    const from: number[] = [];
    let added = 0;
    let changed = 0;
    const files: FileOutcome[] = skipped.map((s) => ({ id: s.id, status: 'skipped', reason: s.reason }));
    for (const [i, doc] of documents.entries()) {
      const oldHash = oldHashes.get(doc.id);
      if (oldHash === undefined) added++;
      else if (oldHash !== doc.hash) changed++;
      files.push({ id: doc.id, status: oldHash === undefined ? 'new' : oldHash === doc.hash ? 'unchanged' : 'changed' });
      const old = oldHash === doc.hash && sameSplitter ? oldFirst.get(doc.id) : undefined;
      if (old) {
        for (let j = 0; j < old.count; j++) {
          from.push(old.at + j);
          chunks.push(previous!.chunks[old.at + j]!);
        }
      } else {
        for (const c of await splitter.split(doc)) {
          from.push(-1);
          chunks.push(c);
        }
      }
      progress({ phase: 'split', done: i + 1, total: documents.length });
    }
    const currentIds = new Set(documents.map((d) => d.id));
    const gone = [...oldHashes.keys()].filter((id) => !currentIds.has(id));
    const removed = gone.length;
    for (const id of gone) files.push({ id, status: 'removed' });
    files.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    // Another splitter version may also read words differently: every chunk's terms and the vocabulary are read again.
    const plan = sameEmbedder && sameSplitter && previous ? planUpdate(previous, chunks, from) : null;
    const patch =
      plan !== null &&
      previous!.manifest.vectors.m === VECTOR_DEFAULTS.m &&
      previous!.manifest.vectors.efConstruction === VECTOR_DEFAULTS.efConstruction &&
      previous!.manifest.vectors.updates + plan.fresh.length <= MAX_PATCHED_SHARE * chunks.length;

    const built = patch
      ? await patchIndex(previous!, plan, chunks, embedder, progress)
      : // Re-embedding a chunk lexically costs about what reading its vector back does, and yields its terms too.
        await buildIndex(chunks, embedder, sameEmbedder && !embedder.embedInto ? previous : null, progress, options.parallel);
    // The vocabulary is updated from the documents that changed; see query/query-data.
    const query = buildQueryData(documents, previous?.query && sameSplitter ? { data: previous.query, documents: previous.docById } : null);
    progress({ phase: 'write', done: 0, total: 1 });
    let dir: string;
    try {
      dir = await writeIndex(config.indexDir, {
        manifest: {
          embedder: { id: embedder.id, dimension: embedder.dimension },
          splitter: { chunkSize: config.chunkSize, chunkOverlap: config.chunkOverlap, version: SPLITTER_VERSION },
          documents: documents.map((d) => ({ id: d.id, hash: d.hash, ...stamps.get(d.id) })),
          chunkCount: chunks.length,
          loadedAt,
          vectors: {
            m: VECTOR_DEFAULTS.m,
            efConstruction: VECTOR_DEFAULTS.efConstruction,
            updates: patch ? previous!.manifest.vectors.updates + plan.fresh.length : 0,
          },
          query: { version: query.version, words: query.words.length, language: query.language, wordnet: query.wordnet },
        },
        documents,
        chunks,
        vectors: built.vectors,
        bm25: built.bm25,
        query,
      });
    } finally {
      await built.close();
    }
    progress({ phase: 'write', done: 1, total: 1 });
    return {
      files,
      documents: documents.length,
      chunks: chunks.length,
      skipped,
      added,
      changed,
      removed,
      embedded: built.embedded,
      reused: chunks.length - built.embedded,
      incremental: patch,
      embedder: embedder.id,
      indexDir: dir,
      ms: Math.round(performance.now() - t0),
    };
  } finally {
    await release();
  }
}

/** A document of a loaded index, as the loader returns it. */
function documentOf(index: LoadedIndex, id: string): Document | undefined {
  const d = index.docById.get(id);
  if (!d) return undefined;
  // Everything the loader gave it (pages, sections, …) but the index's own counts.
  const { chunks: _chunks, chars: _chars, ...doc } = d;
  return doc;
}

/** Where each document's chunks start in an index, and how many it has. */
function firstChunkOf(index: LoadedIndex | null): Map<string, { at: number; count: number }> {
  const map = new Map<string, { at: number; count: number }>();
  index?.chunks.forEach((c, i) => {
    const e = map.get(c.docId);
    if (e) e.count++;
    else map.set(c.docId, { at: i, count: 1 });
  });
  return map;
}

/**
 * The same ingest in a child process of its own (dist/ingest-child.js): for a
 * long-running front such as the bot, whose event loop must keep answering
 * Discord (3 s to acknowledge) while a re-index embeds and builds graphs.
 * User errors come back with their code; anything else is a bug.
 */
export async function ingestInChild(config: IngestConfig, options: Pick<IngestOptions, 'logger' | 'onProgress'> = {}): Promise<IngestReport> {
  const [{ fork }, { nodeArgs }, { FootnoteError }] = await Promise.all([import('node:child_process'), import('./programs.js'), import('./errors.js')]);
  const [execArgs, file] = ((a) => [a.slice(0, -1), a.at(-1)!])(nodeArgs('ingest-child', 'core/ingest-child'));
  const child = fork(file, [], { execArgv: execArgs, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const logger = options.logger ?? silentLogger;
  return new Promise<IngestReport>((resolve, reject) => {
    let settled = false;
    child.on('message', (msg: { type: string; [k: string]: unknown }) => {
      if (msg.type === 'progress') options.onProgress?.(msg.progress as IngestProgress);
      else if (msg.type === 'log') {
        const level = msg.level as 'debug' | 'info' | 'warn' | 'error';
        if (level === 'error') logger.error(new Error(String(msg.message)), 'ingest process');
        else logger[level](String(msg.message));
      } else if (msg.type === 'done') {
        settled = true;
        resolve(msg.report as IngestReport);
      } else if (msg.type === 'failed') {
        settled = true;
        reject(msg.code ? new FootnoteError(msg.code as never, String(msg.message)) : new Error(`ingest process: ${String(msg.message)}`));
      }
    });
    child.on('error', (err) => !settled && ((settled = true), reject(err)));
    child.on('exit', (code, signal) => {
      if (!settled) reject(new Error(`ingest process stopped (exit ${code ?? signal}) ${stderr.trim()}`));
      settled = true;
    });
    child.send(config);
  });
}
