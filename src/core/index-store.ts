import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Bm25Index } from './bm25-index.js';
import { isUserError, userError } from './errors.js';
import { checkGraphFile } from './hnsw-file-check.js';
import { checkPostings, markLabels, parseBm25Meta, parseManifest, parseStoredDocuments, type StoredDocument } from './index-checks.js';
import { DamagedFileError, sumFiles, VerifiedFiles } from './index-integrity.js';
import { CURRENT, markWriting, newVersionName, switchCurrent, sweep, withVersionHeld } from './index-versions.js';
import type { QueryData } from './query/query-data.js';
import { QueryVocabulary } from './query/query-vocabulary.js';
import type { Chunk, Document, DocumentInfo } from './types.js';
import { shardFile, VectorIndex, type SaveableVectors } from './vector-index.js';

/**
 * 4: a CRC-32 of every file in the manifest, checked before the file is used.
 * 2: texts in one file, chunk spans and hashes in binary, stable HNSW labels
 * (labels.bin) so a re-ingest updates the graph instead of rebuilding it.
 */
export const FORMAT_VERSION = 4;

/** How the vector graph was built, and how much it has been patched since. */
export interface VectorsMeta {
  m: number;
  efConstruction: number;
  /** Points added by incremental re-ingests since the last full build. */
  updates: number;
  nextLabel: number;
  /** Graph shards (vectors.hnsw, vectors.s1.hnsw, …); label l is in shard l % shards. */
  shards: number;
  /** Slots marked deleted in each shard, reused by later additions. */
  deleted: number[];
}

export interface Manifest {
  formatVersion: number;
  createdAt: string;
  embedder: { id: string; dimension: number };
  splitter: { chunkSize: number; chunkOverlap: number; version: number };
  /** Each document's hash, and its file's size and modification time when it was read. */
  documents: Array<Pick<Document, 'id' | 'hash'> & { size?: number; mtimeMs?: number }>;
  chunkCount: number;
  /** When the ingest that wrote this index started reading the corpus (ms since the epoch). */
  loadedAt?: number;
  vectors: VectorsMeta;
  /** The query vocabulary in query.json (absent in indexes built before it): its size, the corpus language, the WordNet it used. */
  query?: { version: number; words: number; language: string | null; wordnet: string };
  /** Byte size of each file of the version (every file but the manifest). */
  files: Record<string, number>;
  /** CRC-32 of each of those files: any damage is refused before the file is used (see index-integrity). */
  crc32: Record<string, number>;
}

export interface IndexContents {
  manifest: Omit<Manifest, 'files' | 'crc32' | 'formatVersion' | 'createdAt' | 'vectors'> & {
    vectors: Pick<VectorsMeta, 'm' | 'efConstruction' | 'updates'>;
  };
  documents: Document[];
  chunks: Chunk[];
  vectors: SaveableVectors;
  bm25: Bm25Index;
  /** Vocabulary, corpus language and word relations for query analysis (query.json). */
  query?: QueryData;
}

export interface LoadedIndex extends Omit<IndexContents, 'vectors' | 'manifest' | 'query'> {
  manifest: Manifest;
  /** query.json as stored; null for an index built before it existed. */
  query: QueryData | null;
  vocabulary: QueryVocabulary | null;
  vectors: VectorIndex;
  dir: string;
  docById: Map<string, DocumentInfo & { text: string }>;
  chunkById: Map<string, number>;
}

const HASH_BYTES = 32;

/**
 * Writes a complete index into a fresh version folder, then points CURRENT at
 * it with an atomic rename. A crash at any moment leaves the previous version
 * in force; stale folders are swept on the next write.
 */
export async function writeIndex(root: string, contents: IndexContents): Promise<string> {
  await mkdir(root, { recursive: true });
  const version = newVersionName();
  const tmp = path.join(root, `.tmp-${version}`);
  markWriting(`.tmp-${version}`, true);
  try {
    await writeVersion(tmp, contents);
    await rename(tmp, path.join(root, version));
  } finally {
    markWriting(`.tmp-${version}`, false);
  }
  await switchCurrent(root, version);
  await sweep(root, version);
  return path.join(root, version);
}

/** Every file of a version into `tmp`, the manifest (sizes and checksums of all the others) last. */
async function writeVersion(tmp: string, contents: IndexContents): Promise<void> {
  await mkdir(tmp);
  // The graph may be written by a builder thread: start it first, write the rest meanwhile.
  const vectorsSaved = contents.vectors.save(path.join(tmp, 'vectors.hnsw'));
  vectorsSaved.catch(() => {}); // awaited below; never an unhandled rejection meanwhile
  {
    const chunkCounts = new Map<string, number>();
    for (const c of contents.chunks) chunkCounts.set(c.docId, (chunkCounts.get(c.docId) ?? 0) + 1);
    const stored: StoredDocument[] = contents.documents.map(({ text, ...d }) => ({ ...d, length: text.length, chunks: chunkCounts.get(d.id) ?? 0 }));
    await writeFile(path.join(tmp, 'documents.json'), JSON.stringify(stored));
    // UTF-16 as JavaScript holds it: written and read back as a plain copy, where UTF-8 costs ~0.2 s per 40 MB each way.
    await writeFile(path.join(tmp, 'texts.utf16'), Buffer.from(contents.documents.map((d) => d.text).join(''), 'utf16le'));
    const n = contents.chunks.length;
    const spans = new Uint32Array(2 * n);
    const hashes = Buffer.alloc(n * HASH_BYTES);
    contents.chunks.forEach((c, i) => {
      spans[2 * i] = c.start;
      spans[2 * i + 1] = c.end;
      hashes.write(c.hash, i * HASH_BYTES, HASH_BYTES, 'hex');
    });
    writeBinary(path.join(tmp, 'chunks.bin'), [spans, hashes]);
    writeBinary(path.join(tmp, 'labels.bin'), [contents.vectors.labels]);
    const { terms, k1, b, offsets, postingIds, postingTfs, docLengths } = contents.bm25.data;
    await writeFile(path.join(tmp, 'bm25.json'), JSON.stringify({ terms, k1, b, sizes: [offsets.length, postingIds.length, docLengths.length] }));
    writeBinary(path.join(tmp, 'bm25.bin'), [offsets, postingIds, docLengths, postingTfs]);
    if (contents.query) await writeFile(path.join(tmp, 'query.json'), JSON.stringify(contents.query));
    await vectorsSaved;
  }
  const sums = await sumFiles(tmp);
  const manifest: Manifest = {
    formatVersion: FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    ...contents.manifest,
    vectors: {
      ...contents.manifest.vectors,
      nextLabel: contents.vectors.nextLabel,
      shards: contents.vectors.shards,
      deleted: contents.vectors.deleted,
    },
    files: sums.sizes,
    crc32: sums.crc32,
  };
  await writeFile(path.join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

function writeBinary(file: string, arrays: ArrayBufferView[]): void {
  const fd = openSync(file, 'w');
  try {
    for (const a of arrays) writeSync(fd, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  } finally {
    closeSync(fd);
  }
}

export async function indexExists(root: string): Promise<boolean> {
  return (await stat(path.join(root, CURRENT)).catch(() => null)) !== null;
}

/**
 * Reads the index CURRENT points at, holding that version against sweeps
 * while it reads. Nothing is trusted before it is checked: the manifest's
 * shape, every file's size and CRC-32 (any file the manifest lists, whoever
 * wrote it), the graph files' structure before hnswlib reads them, and every
 * count and offset before it sizes an allocation. Any damage is the one-line
 * INDEX_CORRUPT error that says to re-ingest.
 */
export async function readIndex(root: string): Promise<LoadedIndex> {
  return withVersionHeld(root, async (version) => {
    if (version === undefined) throw userError('INDEX_MISSING', root);
    const corrupt = (detail: string) => userError('INDEX_CORRUPT', root, detail);
    if (!/^v-[\w-]+$/.test(version)) throw corrupt('bad CURRENT pointer');
    try {
      return await readVersion(root, version);
    } catch (err) {
      throw isUserError(err) ? err : corrupt((err as Error).message.split('\n')[0]!.slice(0, 160));
    }
  });
}

async function readVersion(root: string, version: string): Promise<LoadedIndex> {
  const dir = path.join(root, version);
  const manifestText = await readFile(path.join(dir, 'manifest.json'), 'utf8').catch(() => {
    throw new DamagedFileError('manifest.json is missing');
  });
  const manifest = parseManifest(manifestText, FORMAT_VERSION);
  const files = new VerifiedFiles(dir, { sizes: manifest.files, crc32: manifest.crc32 });
  const n = manifest.chunkCount;
  const dim = manifest.embedder.dimension;
  const { shards, deleted, nextLabel } = manifest.vectors;
  // Labels first: they bound the graphs' checks and the label → position table's size.
  const labelBytes = await files.read('labels.bin');
  if (labelBytes.byteLength !== 4 * n) throw new DamagedFileError('labels.bin does not match the chunk count');
  const labels = aligned(labelBytes, Uint32Array, 0, n);
  const liveLabels = markLabels(labels, nextLabel);
  // Every graph file is checksummed and checked structurally before hnswlib opens any of them.
  let live = 0;
  for (let s = 0; s < shards; s++) {
    const name = path.basename(shardFile('vectors.hnsw', s));
    await files.verify(name, async (reader) => {
      live += await checkGraphFile(reader, { dimension: dim, m: manifest.vectors.m, shard: s, shards, deleted: deleted[s]!, nextLabel, liveLabels });
    });
  }
  if (live !== n) throw new DamagedFileError(`the vector graphs hold ${live} live points, expected ${n}`);
  // The graph loads on libuv's thread pool while this thread parses the rest.
  const vectorsLoaded = VectorIndex.load(path.join(dir, 'vectors.hnsw'), dim, n, { labels, nextLabel, deleted, shards });
  vectorsLoaded.catch(() => {}); // awaited below; never an unhandled rejection meanwhile
  const stored = parseStoredDocuments(await files.readText('documents.json'), n);
  const textBytes = await files.read('texts.utf16');
  if (textBytes.byteLength !== 2 * stored.totalLength) throw new DamagedFileError('texts.utf16 does not match the document lengths');
  const texts = textBytes.toString('utf16le');
  const chunkBytes = await files.read('chunks.bin');
  if (chunkBytes.byteLength !== n * (8 + HASH_BYTES)) throw new DamagedFileError('chunks.bin does not match the chunk count');
  const spans = aligned(chunkBytes, Uint32Array, 0, 2 * n);
  const documents: Document[] = [];
  const chunks: Chunk[] = new Array(n);
  const docById = new Map<string, DocumentInfo & { text: string }>();
  const chunkById = new Map<string, number>();
  let at = 0;
  let c = 0;
  let lastYield = 0;
  for (const { length, chunks: count, ...meta } of stored.documents) {
    const text = texts.slice(at, at + length);
    at += length;
    const doc: Document = { ...meta, text };
    documents.push(doc);
    docById.set(doc.id, { ...doc, chunks: count, chars: length });
    // A bot reloading after /reindex keeps answering meanwhile: hand the event loop back now and then.
    if (c - lastYield >= 4096) {
      lastYield = c;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    for (let i = 0; i < count; i++, c++) {
      const start = spans[2 * c]!;
      const end = spans[2 * c + 1]!;
      if (end > length || start > end) throw new DamagedFileError(`chunk span out of range in ${doc.id}`);
      const id = `${doc.id}#${i}`;
      const hashAt = 8 * n + c * HASH_BYTES;
      chunks[c] = { id, docId: doc.id, text: text.slice(start, end), start, end, hash: chunkBytes.toString('hex', hashAt, hashAt + HASH_BYTES) };
      chunkById.set(id, c);
    }
  }
  const bm25 = await readBm25(files, n);
  const query = files.has('query.json') ? (JSON.parse(await files.readText('query.json')) as QueryData) : null;
  // Files other parts of the engine added are covered too, before anything is served.
  await files.verifyRest();
  const vectors = await vectorsLoaded;
  return { manifest, documents, chunks, vectors, bm25, dir, docById, chunkById, query, vocabulary: query && new QueryVocabulary(query) };
}

type TypedArrayCtor<T> = { new (b: ArrayBuffer, o: number, n: number): T; BYTES_PER_ELEMENT: number };

/** A typed view over part of a Buffer, copied when Node's pooled Buffer is not aligned for it. */
function aligned<T>(buf: Buffer, Ctor: TypedArrayCtor<T>, byteOffset: number, n: number): T {
  if (byteOffset + n * Ctor.BYTES_PER_ELEMENT > buf.byteLength) throw new Error('binary file too short');
  const start = buf.byteOffset + byteOffset;
  if (start % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(buf.buffer as ArrayBuffer, start, n);
  const copy = new Uint8Array(n * Ctor.BYTES_PER_ELEMENT);
  copy.set(buf.subarray(byteOffset, byteOffset + copy.byteLength));
  return new Ctor(copy.buffer, 0, n);
}

async function readBm25(files: VerifiedFiles, n: number): Promise<Bm25Index> {
  const meta = parseBm25Meta(await files.readText('bm25.json'));
  const buf = await files.read('bm25.bin');
  const [nOffsets, nPostings, nDocs] = meta.sizes;
  const expected = (nOffsets + nPostings + nDocs) * 4 + nPostings * 2;
  if (buf.byteLength !== expected || meta.terms.length + 1 !== nOffsets || nDocs !== n) throw new DamagedFileError('keyword index sizes do not match');
  let at = 0;
  const take = <T>(Ctor: TypedArrayCtor<T>, n: number): T => {
    const arr = aligned(buf, Ctor, at, n);
    at += n * Ctor.BYTES_PER_ELEMENT;
    return arr;
  };
  const offsets = take(Uint32Array, nOffsets);
  const postingIds = take(Uint32Array, nPostings);
  checkPostings(offsets, postingIds, nDocs);
  return new Bm25Index({ terms: meta.terms, k1: meta.k1, b: meta.b, offsets, postingIds, docLengths: take(Uint32Array, nDocs), postingTfs: take(Uint16Array, nPostings) });
}
