import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Bm25Index } from './bm25-index.js';
import { userError } from './errors.js';
import type { QueryData } from './query/query-data.js';
import { QueryVocabulary } from './query/query-vocabulary.js';
import type { Chunk, Document, DocumentInfo } from './types.js';
import { VectorIndex, type SaveableVectors } from './vector-index.js';

/**
 * 2: texts in one file, chunk spans and hashes in binary, stable HNSW labels
 * (labels.bin) so a re-ingest updates the graph instead of rebuilding it.
 */
export const FORMAT_VERSION = 3;

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
  /** Byte size of each file, to catch truncation before a native reader sees it. */
  files: Record<string, number>;
}

export interface IndexContents {
  manifest: Omit<Manifest, 'files' | 'formatVersion' | 'createdAt' | 'vectors'> & {
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

/** documents.json: everything about a document but its text (in texts.utf16) and its chunks (in chunks.bin). */
type StoredDocument = Omit<Document, 'text'> & { length: number; chunks: number };

const CURRENT = 'CURRENT';
const HASH_BYTES = 32;

/**
 * Writes a complete index into a fresh version folder, then points CURRENT at
 * it with an atomic rename. A crash at any moment leaves the previous version
 * in force; stale folders are swept on the next write.
 */
export async function writeIndex(root: string, contents: IndexContents): Promise<string> {
  await mkdir(root, { recursive: true });
  const version = `v-${Date.now()}-${process.pid}`;
  const tmp = path.join(root, `.tmp-${version}`);
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
  const files: Record<string, number> = {};
  for (const name of await readdir(tmp)) files[name] = (await stat(path.join(tmp, name))).size;
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
    files,
  };
  await writeFile(path.join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await rename(tmp, path.join(root, version));
  await writeFile(path.join(root, `${CURRENT}.tmp`), version);
  await rename(path.join(root, `${CURRENT}.tmp`), path.join(root, CURRENT));
  await sweep(root, version);
  return path.join(root, version);
}

function writeBinary(file: string, arrays: ArrayBufferView[]): void {
  const fd = openSync(file, 'w');
  try {
    for (const a of arrays) writeSync(fd, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  } finally {
    closeSync(fd);
  }
}

async function sweep(root: string, keep: string): Promise<void> {
  for (const name of await readdir(root)) {
    if (name !== keep && (name.startsWith('v-') || name.startsWith('.tmp-v-')))
      await rm(path.join(root, name), { recursive: true, force: true });
  }
}

export async function indexExists(root: string): Promise<boolean> {
  return (await stat(path.join(root, CURRENT)).catch(() => null)) !== null;
}

/** Reads the index CURRENT points at; any damage is a coded error that says to re-ingest. */
export async function readIndex(root: string): Promise<LoadedIndex> {
  const version = (await readFile(path.join(root, CURRENT), 'utf8').catch(() => null))?.trim();
  if (version === undefined) throw userError('INDEX_MISSING', root);
  const dir = path.join(root, version);
  const corrupt = (detail: string) => userError('INDEX_CORRUPT', root, detail);
  if (!/^v-[\w-]+$/.test(version)) throw corrupt('bad CURRENT pointer');
  const manifest = await readJson<Manifest>(path.join(dir, 'manifest.json')).catch(() => {
    throw corrupt('manifest missing or not JSON');
  });
  if (manifest.formatVersion !== FORMAT_VERSION) throw corrupt(`format ${manifest.formatVersion}, expected ${FORMAT_VERSION}`);
  for (const [name, size] of Object.entries(manifest.files ?? {})) {
    const actual = (await stat(path.join(dir, name)).catch(() => null))?.size;
    if (actual !== size) throw corrupt(`${name} is ${actual === undefined ? 'missing' : 'truncated or altered'}`);
  }
  try {
    const n = manifest.chunkCount;
    const labels = aligned(await readFile(path.join(dir, 'labels.bin')), Uint32Array, 0, n);
    // The graph loads on libuv's thread pool while this thread parses the rest.
    const vectorsLoaded = VectorIndex.load(path.join(dir, 'vectors.hnsw'), manifest.embedder.dimension, n, {
      labels,
      nextLabel: manifest.vectors.nextLabel,
      deleted: manifest.vectors.deleted,
      shards: manifest.vectors.shards,
    });
    vectorsLoaded.catch(() => {}); // awaited below; never an unhandled rejection meanwhile
    const stored = await readJson<StoredDocument[]>(path.join(dir, 'documents.json'));
    const texts = (await readFile(path.join(dir, 'texts.utf16'))).toString('utf16le');
    const chunkBytes = await readFile(path.join(dir, 'chunks.bin'));
    if (chunkBytes.byteLength !== n * (8 + HASH_BYTES)) throw new Error('chunk store size mismatch');
    const spans = aligned(chunkBytes, Uint32Array, 0, 2 * n);
    const documents: Document[] = [];
    const chunks: Chunk[] = new Array(n);
    const docById = new Map<string, DocumentInfo & { text: string }>();
    const chunkById = new Map<string, number>();
    let at = 0;
    let c = 0;
    for (const { length, chunks: count, ...meta } of stored) {
      const text = texts.slice(at, at + length);
      at += length;
      const doc: Document = { ...meta, text };
      documents.push(doc);
      docById.set(doc.id, { ...doc, chunks: count, chars: length });
      for (let i = 0; i < count; i++, c++) {
        if (c >= n) throw new Error('more chunks than the manifest says');
        const start = spans[2 * c]!;
        const end = spans[2 * c + 1]!;
        if (end > length || start > end) throw new Error(`chunk span out of range in ${doc.id}`);
        const id = `${doc.id}#${i}`;
        const hashAt = 8 * n + c * HASH_BYTES;
        chunks[c] = { id, docId: doc.id, text: text.slice(start, end), start, end, hash: chunkBytes.toString('hex', hashAt, hashAt + HASH_BYTES) };
        chunkById.set(id, c);
      }
    }
    if (at !== texts.length) throw new Error('document texts do not match their lengths');
    if (c !== n) throw new Error('chunk count differs from manifest');
    const bm25 = await readBm25(dir);
    if (bm25.size !== n) throw new Error('keyword index size differs from the chunk count');
    const query = manifest.files?.['query.json'] ? await readJson<QueryData>(path.join(dir, 'query.json')) : null;
    const vectors = await vectorsLoaded;
    return { manifest, documents, chunks, vectors, bm25, dir, docById, chunkById, query, vocabulary: query && new QueryVocabulary(query) };
  } catch (err) {
    throw corrupt((err as Error).message.split('\n')[0]!.slice(0, 120));
  }
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse((await readFile(file)).toString('utf8')) as T;
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

async function readBm25(dir: string): Promise<Bm25Index> {
  const meta = await readJson<{ terms: string[]; k1: number; b: number; sizes: [number, number, number] }>(path.join(dir, 'bm25.json'));
  const buf = await readFile(path.join(dir, 'bm25.bin'));
  const [nOffsets, nPostings, nDocs] = meta.sizes;
  const expected = (nOffsets + nPostings + nDocs) * 4 + nPostings * 2;
  if (buf.byteLength !== expected || meta.terms.length + 1 !== nOffsets) throw new Error('keyword index size mismatch');
  let at = 0;
  const take = <T>(Ctor: TypedArrayCtor<T>, n: number): T => {
    const arr = aligned(buf, Ctor, at, n);
    at += n * Ctor.BYTES_PER_ELEMENT;
    return arr;
  };
  return new Bm25Index({
    terms: meta.terms,
    k1: meta.k1,
    b: meta.b,
    offsets: take(Uint32Array, nOffsets),
    postingIds: take(Uint32Array, nPostings),
    docLengths: take(Uint32Array, nDocs),
    postingTfs: take(Uint16Array, nPostings),
  });
}
