import { statSync } from 'node:fs';
import path from 'node:path';
import { scopeFilter } from '../collections.js';
import { readIndex, type LoadedIndex } from '../index-store.js';
import { CURRENT, readCurrent } from '../index-versions.js';
import type { QueryVocabulary } from '../query/query-vocabulary.js';
import type { Chunk, DocumentInfo } from '../types.js';
import type { DenseHit, IndexReader, IndexStats, KeywordHit, QueryTerm, SearchFilter, TermStats } from './index-backend.js';

/**
 * The file index (index-store.ts: hnswlib graph + BM25 files in a versioned
 * folder) behind the storage seams. Everything is in memory, so the async
 * methods resolve at once.
 */
export class FileIndexReader implements IndexReader {
  private docInfos: DocumentInfo[] = [];
  private infoById = new Map<string, DocumentInfo>();
  /** Filters for collection scopes, by their sorted names; bounded, scopes are few. */
  private readonly scopes = new Map<string, (id: number) => boolean>();

  private constructor(
    private readonly root: string,
    private index: LoadedIndex,
  ) {
    this.derive();
  }

  static async open(root: string): Promise<FileIndexReader> {
    return new FileIndexReader(root, await readIndex(root));
  }

  get stats(): IndexStats {
    const { manifest } = this.index;
    return {
      documents: this.index.documents.length,
      chunks: this.index.chunks.length,
      builtAt: manifest.createdAt,
      embedderId: manifest.embedder.id,
      dimension: manifest.embedder.dimension,
      splitterVersion: manifest.splitter.version,
      backend: 'file',
    };
  }

  get terms(): TermStats {
    return this.index.bm25;
  }

  get vocabulary(): QueryVocabulary | null {
    return this.index.vocabulary;
  }

  async vectorSearch(query: ArrayLike<number>, k: number, filter?: SearchFilter): Promise<DenseHit[]> {
    const { chunks } = this.index;
    return this.index.vectors.search(query, k, this.scope(filter)).map((h) => ({ chunkId: chunks[h.id]!.id, order: h.id, similarity: h.similarity }));
  }

  async keywordSearch(queryTerms: ReadonlyArray<QueryTerm>, k: number, filter?: SearchFilter): Promise<KeywordHit[]> {
    const { chunks } = this.index;
    return this.index.bm25.searchWeighted(queryTerms, k, this.scope(filter)).map((h) => ({ chunkId: chunks[h.id]!.id, order: h.id, score: h.score }));
  }

  async chunks(ids: readonly string[]): Promise<Chunk[]> {
    const out: Chunk[] = [];
    for (const id of ids) {
      const at = this.index.chunkById.get(id);
      if (at !== undefined) out.push(this.index.chunks[at]!);
    }
    return out;
  }

  async document(id: string): Promise<(DocumentInfo & { text: string }) | null> {
    return this.index.docById.get(id) ?? null;
  }

  documents(): DocumentInfo[] {
    return this.docInfos;
  }

  documentInfo(id: string): DocumentInfo | undefined {
    return this.infoById.get(id);
  }

  /** The CURRENT pointer's identity when it was last read (a rebuild renames a new file over it: a new inode). */
  private currentSeen: string | null = null;

  /** Re-opens the index when CURRENT points at a newer version than the one loaded (another process re-indexed). */
  async refresh(): Promise<boolean> {
    const file = path.join(this.root, CURRENT);
    // Every ask checks for a rebuilt index. Reading the pointer takes four trips to the thread pool (open, stat, read,
    // close), 1.5 ms of a 10 ms ask at 100,000 chunks on a busy machine, and an async stat still 0.8 ms; a stat in
    // place of one small file is a few microseconds (session 42). The file is read only when it has changed.
    const seen = pointerIdentity(file);
    if (seen === null || seen === this.currentSeen) return false;
    const current = await readCurrent(this.root);
    if (!current) return false;
    const changed = path.basename(this.index.dir) !== current;
    if (changed) {
      this.index = await readIndex(this.root);
      this.derive();
    }
    // Only once the version it points at is loaded: a load that fails is tried again on the next ask.
    this.currentSeen = seen;
    return changed;
  }

  async close(): Promise<void> {}

  private derive(): void {
    this.docInfos = this.index.documents.map((d) => {
      const { text: _text, ...info } = this.index.docById.get(d.id)!;
      return info;
    });
    this.infoById = new Map(this.docInfos.map((d) => [d.id, d]));
    this.scopes.clear();
  }

  /** A chunk-position predicate for a collection scope, built once per scope. */
  private scope(filter?: SearchFilter): ((id: number) => boolean) | undefined {
    const collections = filter?.collections;
    if (!collections?.length) return undefined;
    const key = [...collections].sort().join('\n');
    let allow = this.scopes.get(key);
    if (!allow) {
      if (this.scopes.size >= 64) this.scopes.clear();
      allow = scopeFilter(this.index.chunks, collections);
      this.scopes.set(key, allow);
    }
    return allow;
  }
}

/** Inode, size and times of the file, or null when it cannot be stat'ed (the caller then keeps the index it has). */
function pointerIdentity(file: string): string | null {
  try {
    const s = statSync(file, { throwIfNoEntry: false });
    return s ? `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}` : null;
  } catch {
    return null;
  }
}
