import { z } from 'zod';
import { DamagedFileError } from './index-integrity.js';
import type { Manifest } from './index-store.js';
import type { Document } from './types.js';

/**
 * Structural checks of the index's own files, run on their bytes before any
 * count or offset in them sizes an allocation or indexes an array. The
 * checksums catch damage; these keep a manifest that is wrong but consistent
 * (or a bug in a writer) from turning into a giant allocation or a crash.
 */

const count = z.number().int().min(0).max(2 ** 31 - 1);
/** File names are plain names inside the version folder, never paths. */
const fileName = z.string().regex(/^[\w][\w.-]*$/);

const manifestSchema = z.looseObject({
  formatVersion: z.number(),
  embedder: z.looseObject({ id: z.string(), dimension: z.number().int().min(1).max(65_536) }),
  documents: z.array(z.looseObject({ id: z.string(), hash: z.string() })),
  chunkCount: count,
  vectors: z.looseObject({
    m: z.number().int().min(2).max(1024),
    efConstruction: z.number().int().min(1),
    updates: count,
    nextLabel: count,
    shards: z.number().int().min(1).max(64),
    deleted: z.array(count),
  }),
  files: z.record(fileName, count),
  crc32: z.record(fileName, z.number().int().min(0).max(2 ** 32 - 1)),
});

/** The manifest, checked for shape and for the bounds the other checks rely on. */
export function parseManifest(text: string, formatVersion: number): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DamagedFileError('manifest.json is not JSON');
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== formatVersion) throw new DamagedFileError(`format ${String(version)}, expected ${formatVersion}`);
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new DamagedFileError(`manifest.json: ${parsed.error.issues[0]?.path.join('.') || 'shape'} is invalid`);
  const m = parsed.data as unknown as Manifest;
  const v = m.vectors;
  if (v.deleted.length !== v.shards) throw new DamagedFileError('manifest.json: deleted counts do not match the shards');
  // Every label ever given is a graph slot or a point added by a patch since the last full build.
  const slots = m.chunkCount + v.deleted.reduce((a, b) => a + b, 0);
  if (v.nextLabel > slots + v.updates || v.updates > 2 * m.chunkCount + 16) throw new DamagedFileError('manifest.json: label counter out of range');
  const names = Object.keys(m.files);
  if (names.length !== Object.keys(m.crc32).length || names.some((n) => !Object.hasOwn(m.crc32, n)))
    throw new DamagedFileError('manifest.json: sizes and checksums list different files');
  return m;
}

/**
 * One mark per label (1 = a live chunk's label), for the graph check to tick
 * off. Labels must be below the label counter and unique, which bounds the
 * label → position table built from them.
 */
export function markLabels(labels: Uint32Array, nextLabel: number): Uint8Array {
  const marks = new Uint8Array(nextLabel);
  for (const l of labels) {
    if (l >= nextLabel || marks[l] !== 0) throw new DamagedFileError('labels.bin holds a label out of range or twice');
    marks[l] = 1;
  }
  return marks;
}

/** documents.json: everything about a document but its text and chunks. */
export type StoredDocument = Omit<Document, 'text'> & { length: number; chunks: number };

const storedSchema = z.array(z.looseObject({ id: z.string().min(1), hash: z.string(), title: z.string(), date: z.string().nullable(), length: count, chunks: count }));

/** The stored documents, with their chunk counts adding up to the manifest's. */
export function parseStoredDocuments(text: string, chunkCount: number): { documents: StoredDocument[]; totalLength: number } {
  const parsed = storedSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new DamagedFileError('documents.json is invalid');
  let totalLength = 0;
  let chunks = 0;
  for (const d of parsed.data) {
    totalLength += d.length;
    chunks += d.chunks;
  }
  if (chunks !== chunkCount) throw new DamagedFileError('documents.json does not match the chunk count');
  return { documents: parsed.data as unknown as StoredDocument[], totalLength };
}

const bm25Schema = z.object({ terms: z.array(z.string()), k1: z.number(), b: z.number(), sizes: z.tuple([count, count, count]) });

export function parseBm25Meta(text: string): z.infer<typeof bm25Schema> {
  const parsed = bm25Schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new DamagedFileError('bm25.json is invalid');
  return parsed.data;
}

/** Posting offsets rise from 0 to the posting count, and every posting names a chunk. */
export function checkPostings(offsets: Uint32Array, postingIds: Uint32Array, chunks: number): void {
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== postingIds.length) throw new DamagedFileError('keyword index offsets out of range');
  for (let i = 1; i < offsets.length; i++) if (offsets[i]! < offsets[i - 1]!) throw new DamagedFileError('keyword index offsets out of order');
  for (const id of postingIds) if (id >= chunks) throw new DamagedFileError('keyword index names a chunk that does not exist');
}
