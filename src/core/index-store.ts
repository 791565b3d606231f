import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Bm25Index } from './bm25-index.js';
import { userError } from './errors.js';
import type { Chunk, Document, DocumentInfo } from './types.js';
import { VectorIndex } from './vector-index.js';

export const FORMAT_VERSION = 1;

export interface Manifest {
  formatVersion: number;
  createdAt: string;
  embedder: { id: string; dimension: number };
  splitter: { chunkSize: number; chunkOverlap: number };
  documents: Array<Pick<Document, 'id' | 'hash'>>;
  chunkCount: number;
  /** Byte size of each file, to catch truncation before a native reader sees it. */
  files: Record<string, number>;
}

export interface IndexContents {
  manifest: Omit<Manifest, 'files' | 'formatVersion' | 'createdAt'>;
  documents: Document[];
  chunks: Chunk[];
  vectors: VectorIndex;
  bm25: Bm25Index;
}

export interface LoadedIndex extends IndexContents {
  manifest: Manifest;
  dir: string;
  docById: Map<string, DocumentInfo & { text: string }>;
  chunkById: Map<string, number>;
}

type StoredDocument = Document & { spans: Array<[number, number, string]> };

const CURRENT = 'CURRENT';

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
  const spansByDoc = new Map<string, Array<[number, number, string]>>();
  for (const c of contents.chunks) {
    let list = spansByDoc.get(c.docId);
    if (!list) spansByDoc.set(c.docId, (list = []));
    list.push([c.start, c.end, c.hash]);
  }
  const stored: StoredDocument[] = contents.documents.map((d) => ({ ...d, spans: spansByDoc.get(d.id) ?? [] }));
  await writeFile(path.join(tmp, 'documents.json'), JSON.stringify(stored));
  contents.vectors.save(path.join(tmp, 'vectors.hnsw'));
  const { terms, k1, b, offsets, postingIds, postingTfs, docLengths } = contents.bm25.data;
  await writeFile(path.join(tmp, 'bm25.json'), JSON.stringify({ terms, k1, b, sizes: [offsets.length, postingIds.length, docLengths.length] }));
  writeBinary(path.join(tmp, 'bm25.bin'), [offsets, postingIds, docLengths, postingTfs]);
  const files: Record<string, number> = {};
  for (const name of await readdir(tmp)) files[name] = (await stat(path.join(tmp, name))).size;
  const manifest: Manifest = { formatVersion: FORMAT_VERSION, createdAt: new Date().toISOString(), ...contents.manifest, files };
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
    const stored = await readJson<StoredDocument[]>(path.join(dir, 'documents.json'));
    const documents: Document[] = [];
    const chunks: Chunk[] = [];
    const docById = new Map<string, DocumentInfo & { text: string }>();
    for (const { spans, ...doc } of stored) {
      documents.push(doc);
      docById.set(doc.id, { ...doc, chunks: spans.length, chars: doc.text.length });
      spans.forEach(([start, end, hash], i) =>
        chunks.push({ id: `${doc.id}#${i}`, docId: doc.id, text: doc.text.slice(start, end), start, end, hash }),
      );
    }
    if (chunks.length !== manifest.chunkCount) throw new Error('chunk count differs from manifest');
    const bm25 = await readBm25(dir);
    const vectors = VectorIndex.load(path.join(dir, 'vectors.hnsw'), manifest.embedder.dimension, chunks.length);
    const chunkById = new Map(chunks.map((c, i) => [c.id, i]));
    return { manifest, documents, chunks, vectors, bm25, dir, docById, chunkById };
  } catch (err) {
    throw corrupt((err as Error).message.split('\n')[0]!.slice(0, 120));
  }
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

async function readBm25(dir: string): Promise<Bm25Index> {
  const meta = await readJson<{ terms: string[]; k1: number; b: number; sizes: [number, number, number] }>(path.join(dir, 'bm25.json'));
  const buf = await readFile(path.join(dir, 'bm25.bin'));
  const [nOffsets, nPostings, nDocs] = meta.sizes;
  const expected = (nOffsets + nPostings + nDocs) * 4 + nPostings * 2;
  if (buf.byteLength !== expected || meta.terms.length + 1 !== nOffsets) throw new Error('keyword index size mismatch');
  // Copy into an aligned buffer: Node's pooled Buffers may start at odd offsets.
  const bytes = new Uint8Array(buf.byteLength);
  bytes.set(buf);
  let at = 0;
  const take = <T>(Ctor: new (b: ArrayBuffer, o: number, n: number) => T, n: number, width: number): T => {
    const arr = new Ctor(bytes.buffer, at, n);
    at += n * width;
    return arr;
  };
  return new Bm25Index({
    terms: meta.terms,
    k1: meta.k1,
    b: meta.b,
    offsets: take(Uint32Array, nOffsets, 4),
    postingIds: take(Uint32Array, nPostings, 4),
    docLengths: take(Uint32Array, nDocs, 4),
    postingTfs: take(Uint16Array, nPostings, 2),
  });
}
