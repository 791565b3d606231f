import type { QueryVocabulary } from '../query/query-vocabulary.js';
import type { Chunk, DocumentInfo } from '../types.js';

/**
 * The storage seams of the engine. The retriever and the engine read through
 * `IndexReader`; an ingest writes through the backend's own `ingest`. The
 * file index (hnswlib + BM25 files) and Postgres (pgvector + BM25 or
 * full-text search) are the two implementations.
 */

/** Restricts a search to part of the corpus, inside the search (before ranking). Absent fields restrict nothing. */
export interface SearchFilter {
  /** Only chunks of documents in these collections (collections.ts), plus top-level documents, which are in every scope. */
  collections?: readonly string[];
}

/** A keyword-search term: a stem as `terms()` of text.ts makes it, weighted by where it came from (query analysis). */
export interface QueryTerm {
  term: string;
  weight: number;
}

export interface DenseHit {
  chunkId: string;
  /** Stable order of the chunk in its store: breaks score ties so results are repeatable. */
  order: number;
  /** Cosine similarity to the query. */
  similarity: number;
}

export interface KeywordHit {
  chunkId: string;
  order: number;
  score: number;
}

/** Nearest chunks to a query vector. */
export interface VectorSearch {
  vectorSearch(query: ArrayLike<number>, k: number, filter?: SearchFilter): Promise<DenseHit[]>;
}

/** Best keyword matches for a query's weighted terms. */
export interface KeywordSearch {
  keywordSearch(queryTerms: ReadonlyArray<QueryTerm>, k: number, filter?: SearchFilter): Promise<KeywordHit[]>;
  /** Document frequencies, for query analysis and the answerer's term weights (synchronous: both call it per term). */
  readonly terms: TermStats;
  /** The corpus vocabulary for spelling and synonyms (query/), or null when the index has none. */
  readonly vocabulary: QueryVocabulary | null;
}

/** How common terms are among the indexed chunks. */
export interface TermStats {
  /** Number of chunks containing the term (0: never mentioned). */
  documentFrequency(term: string): number;
  /** BM25's idf; an absent term gets the largest value. */
  idf(term: string): number;
}

/** Chunks and documents by id. */
export interface ChunkStore {
  /** The chunks with these ids that exist, in the order asked. */
  chunks(ids: readonly string[]): Promise<Chunk[]>;
  /** A document's metadata and full text, or null for an unknown id. */
  document(id: string): Promise<(DocumentInfo & { text: string }) | null>;
  /** Metadata of every document, corpus order; cached by the reader, refreshed when the index changes. */
  documents(): DocumentInfo[];
  /** Metadata of one document without its text, from the same cache. */
  documentInfo(id: string): DocumentInfo | undefined;
}

export interface IndexStats {
  documents: number;
  chunks: number;
  builtAt: string;
  embedderId: string;
  dimension: number;
  /** SPLITTER_VERSION of the code that built the index (older: words were read differently). */
  splitterVersion: number;
  backend: 'file' | 'postgres';
}

/** One backend's read side, opened once per process. */
export interface IndexReader extends VectorSearch, KeywordSearch, ChunkStore {
  readonly stats: IndexStats;
  /**
   * Picks up an index another process wrote since this one was opened (a
   * `/reindex` in another shard or replica). Cheap when nothing changed.
   * Returns true when the reader now sees a newer index.
   */
  refresh(): Promise<boolean>;
  close(): Promise<void>;
}

/** BM25's idf, shared by every backend so term weights agree. */
export function bm25Idf(chunks: number, df: number): number {
  return Math.log(1 + (chunks - df + 0.5) / (df + 0.5));
}

/** Term statistics from a frequency table (terms not in it occur nowhere). */
export function termStatsFrom(chunks: number, df: ReadonlyMap<string, number>): TermStats {
  return {
    documentFrequency: (t) => df.get(t) ?? 0,
    idf: (t) => bm25Idf(chunks, df.get(t) ?? 0),
  };
}
