import type pg from 'pg';
import { userError } from '../errors.js';
import type { Logger } from '../logger.js';
import { QueryVocabulary } from '../query/query-vocabulary.js';
import type { QueryData } from '../query/query-data.js';
import type { DenseHit, IndexReader, IndexStats, KeywordHit, QueryTerm, SearchFilter, TermStats } from '../storage/index-backend.js';
import { termStatsFrom } from '../storage/index-backend.js';
import type { Chunk, DocumentInfo } from '../types.js';
import { BM25_INDEX, hasBm25Index } from './migrations.js';
import { qualify } from './pg-pool.js';
import { readState, vectorDimension, vectorLiteral, type IndexState } from './pg-schema.js';

/** Keyword terms reach SQL only as bound values; this keeps to_tsquery's syntax out of them. */
const PLAIN_TERM = /^[\p{L}\p{N}]+$/u;
/**
 * Neither BM25 in pg_textsearch nor ts_rank_cd weighs query terms, so the
 * database is asked for the question's own words and spelling corrections
 * (weights 1 and 0.9) and not for synonyms (0.4 and less), which at full
 * weight would outrank the words asked.
 */
const MIN_TERM_WEIGHT = 0.75;

let warnedFallback = false;

/**
 * Reads an index in Postgres: dense search through pgvector's HNSW index,
 * keyword search through pg_textsearch's BM25 index or, without it,
 * `ts_rank_cd` over a tsvector. Document metadata (not texts) is cached and
 * re-read when another process's ingest bumps the generation.
 */
export class PgIndexReader implements IndexReader {
  private docInfos: DocumentInfo[] = [];
  private infoById = new Map<string, DocumentInfo>();
  /**
   * Document frequencies (term_df) and the query vocabulary, held in memory:
   * query analysis and the answerer ask for them term by term, synchronously.
   * They grow with the vocabulary, not with the number of passages.
   */
  terms: TermStats = termStatsFrom(0, new Map());
  vocabulary: QueryVocabulary | null = null;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
    private state: IndexState,
    private readonly bm25: boolean,
    private readonly ownsPool: boolean,
  ) {}

  static async open(pool: pg.Pool, schema: string, logger: Logger, ownsPool: boolean): Promise<PgIndexReader> {
    const state = await readState(pool, schema);
    if (!state) throw userError('INDEX_MISSING', `the database (schema ${schema})`);
    const stored = await vectorDimension(pool, schema);
    if (stored !== state.dimension) throw userError('DB_DIMENSION_MISMATCH', stored ?? 0, state.dimension);
    const bm25 = await hasBm25Index(pool, schema);
    if (!bm25 && !warnedFallback) {
      warnedFallback = true;
      logger.warn('Postgres has no pg_textsearch extension: keyword ranking falls back to full-text search (tsvector, ts_rank_cd) instead of BM25.');
    }
    const reader = new PgIndexReader(pool, schema, state, bm25, ownsPool);
    await reader.load();
    return reader;
  }

  get keywordRanking(): 'bm25' | 'full-text' {
    return this.bm25 ? 'bm25' : 'full-text';
  }

  get stats(): IndexStats {
    const { documents, chunks, builtAt, embedderId, dimension, splitter } = this.state;
    return { documents, chunks, builtAt, embedderId, dimension, splitterVersion: splitter.version, backend: 'postgres' };
  }

  async vectorSearch(query: ArrayLike<number>, k: number, filter?: SearchFilter): Promise<DenseHit[]> {
    if (query.length !== this.state.dimension) throw userError('DB_DIMENSION_MISMATCH', this.state.dimension, query.length);
    const where = filter?.collections?.length ? 'WHERE (collection IS NULL OR collection = ANY($3::text[]))' : '';
    const params: unknown[] = [vectorLiteral(query), k];
    if (where) params.push(filter!.collections);
    const { rows } = await this.pool.query<{ id: string; seq: number; distance: number }>(
      `SELECT id, seq::float8 AS seq, embedding <=> $1::vector AS distance FROM ${this.t('chunks')} ${where}
       ORDER BY embedding <=> $1::vector LIMIT $2`,
      params,
    );
    return rows.map((r) => ({ chunkId: r.id, order: r.seq, similarity: 1 - r.distance }));
  }

  async keywordSearch(queryTerms: ReadonlyArray<QueryTerm>, k: number, filter?: SearchFilter): Promise<KeywordHit[]> {
    const unique = [...new Set(queryTerms.filter((t) => t.weight >= MIN_TERM_WEIGHT).map((t) => t.term))].filter((t) => PLAIN_TERM.test(t));
    if (unique.length === 0) return [];
    const scoped = filter?.collections?.length ? '(collection IS NULL OR collection = ANY($3::text[]))' : '';
    const where = scoped && `WHERE ${scoped}`;
    const params: unknown[] = [unique.join(' '), k];
    if (scoped) params.push(filter!.collections);
    // pg_textsearch scores are negative BM25 (lower is better); a chunk with none of the terms scores 0.
    const sql = this.bm25
      ? `SELECT id, seq, -score AS score FROM (
           SELECT id, seq::float8 AS seq, terms <@> to_bm25query($1, '${this.schema}.${BM25_INDEX}') AS score
           FROM ${this.t('chunks')} ${where} ORDER BY terms <@> to_bm25query($1, '${this.schema}.${BM25_INDEX}') LIMIT $2) hits
         WHERE score < 0`
      : `SELECT id, seq::float8 AS seq, ts_rank_cd(tsv, q) AS score
         FROM ${this.t('chunks')}, to_tsquery('simple', array_to_string(string_to_array($1, ' '), ' | ')) q
         WHERE tsv @@ q ${scoped && `AND ${scoped}`} ORDER BY score DESC, seq LIMIT $2`;
    const { rows } = await this.pool.query<{ id: string; seq: number; score: number }>(sql, params);
    return rows.map((r) => ({ chunkId: r.id, order: r.seq, score: r.score }));
  }

  async chunks(ids: readonly string[]): Promise<Chunk[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<{ id: string; doc_id: string; start_at: number; end_at: number; hash: string; extra: object | null; text: string }>(
      `SELECT id, doc_id, start_at, end_at, hash, extra, body AS text FROM ${this.t('chunks')} WHERE id = ANY($1::text[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, { ...(r.extra ?? {}), id: r.id, docId: r.doc_id, text: r.text, start: r.start_at, end: r.end_at, hash: r.hash }]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async document(id: string): Promise<(DocumentInfo & { text: string }) | null> {
    const info = this.infoById.get(id);
    if (!info) return null;
    const { rows } = await this.pool.query<{ body: string }>(`SELECT body FROM ${this.t('documents')} WHERE id = $1`, [id]);
    return rows[0] ? { ...info, text: rows[0].body } : null;
  }

  documents(): DocumentInfo[] {
    return this.docInfos;
  }

  documentInfo(id: string): DocumentInfo | undefined {
    return this.infoById.get(id);
  }

  async refresh(): Promise<boolean> {
    // One round trip before each question: the table exists since open().
    const { rows } = await this.pool.query<{ value: IndexState }>(`SELECT value FROM ${this.t('meta')} WHERE key = 'index'`);
    const state = rows[0]?.value;
    if (!state || state.generation === this.state.generation) return false;
    this.state = state;
    await this.load();
    return true;
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  private async load(): Promise<void> {
    const [docs, df, query] = await Promise.all([
      this.pool.query<{ info: DocumentInfo }>(`SELECT info FROM ${this.t('documents')} ORDER BY position`),
      this.pool.query<{ term: string; df: number }>(`SELECT term, df FROM ${this.t('term_df')}`),
      this.pool.query<{ value: QueryData }>(`SELECT value FROM ${this.t('meta')} WHERE key = 'query'`),
    ]);
    this.docInfos = docs.rows.map((r) => r.info);
    this.infoById = new Map(this.docInfos.map((d) => [d.id, d]));
    this.terms = termStatsFrom(this.state.chunks, new Map(df.rows.map((r) => [r.term, r.df])));
    const data = query.rows[0]?.value;
    this.vocabulary = data ? new QueryVocabulary(data) : null;
  }

  private t(name: string): string {
    return qualify(this.schema, name);
  }
}
