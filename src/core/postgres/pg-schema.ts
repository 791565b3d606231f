import type pg from 'pg';
import { qualify } from './pg-pool.js';

/** What the last ingest recorded in `meta`: which embedder and splitter built the index, and its generation. */
export interface IndexState {
  embedderId: string;
  dimension: number;
  splitter: { chunkSize: number; chunkOverlap: number; version: number };
  documents: number;
  chunks: number;
  builtAt: string;
  /** Bumped by every ingest that changed something; readers compare it to notice. */
  generation: number;
}

/** The recorded index, or null before the first ingest. */
export async function readState(db: pg.Pool | pg.PoolClient, schema: string): Promise<IndexState | null> {
  const exists = await db.query(`SELECT to_regclass($1) AS t`, [`"${schema}".meta`]);
  if (!exists.rows[0]?.t) return null;
  const { rows } = await db.query<{ value: IndexState }>(`SELECT value FROM ${qualify(schema, 'meta')} WHERE key = 'index'`);
  return rows[0]?.value ?? null;
}

export async function writeState(db: pg.PoolClient, schema: string, state: IndexState): Promise<void> {
  await db.query(
    `INSERT INTO ${qualify(schema, 'meta')} (key, value) VALUES ('index', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [JSON.stringify(state)],
  );
}

/** Dimension of the chunks' vector column, or null when there is none yet. */
export async function vectorDimension(db: pg.Pool | pg.PoolClient, schema: string): Promise<number | null> {
  const { rows } = await db.query<{ d: number }>(
    `SELECT a.atttypmod AS d FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attname = 'embedding' AND NOT a.attisdropped`,
    [`"${schema}".chunks`],
  );
  return rows[0]?.d ?? null;
}

/**
 * (Re)creates the vector column at the embedder's dimension with its HNSW
 * index, dropping vectors of another dimension. The graph parameters are the
 * file index's (vector-index.ts VECTOR_DEFAULTS).
 */
export async function ensureVectorColumn(db: pg.PoolClient, schema: string, dimension: number): Promise<void> {
  const current = await vectorDimension(db, schema);
  if (current === dimension) return;
  const chunks = qualify(schema, 'chunks');
  if (current !== null) await db.query(`ALTER TABLE ${chunks} DROP COLUMN embedding`);
  await db.query(`ALTER TABLE ${chunks} ADD COLUMN embedding vector(${Math.trunc(dimension)})`);
  await db.query(`CREATE INDEX chunks_embedding_hnsw ON ${chunks} USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 48)`);
}

/** The search indexes of the chunks table (HNSW, BM25, full-text). */
const SEARCH_INDEXES = ['chunks_embedding_hnsw', 'chunks_terms_bm25', 'chunks_tsv'];

/**
 * Runs a bulk load with the search indexes dropped and builds them again
 * afterwards, inside the caller's transaction: on PGlite, 2,000 rows went in
 * at 63 chunks/s with the indexes maintained row by row and at 187 chunks/s
 * with one build at the end (`npm run bench -- --chunks 2000 --backend
 * postgres`, loaded 2-core machine). The HNSW build gets the memory pgvector
 * asks for to keep a 100,000 × 512 graph in memory while it builds.
 */
export async function withoutSearchIndexes(db: pg.PoolClient, schema: string, load: () => Promise<void>): Promise<void> {
  const { rows } = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = ANY($2::text[])`,
    [schema, SEARCH_INDEXES],
  );
  for (const r of rows) await db.query(`DROP INDEX "${schema}"."${r.indexname}"`);
  await load();
  await db.query(`SET LOCAL maintenance_work_mem = '512MB'`);
  for (const r of rows) await db.query(r.indexdef);
}

/**
 * pgvector's text form. Nine significant digits round-trip a float32
 * exactly; zeros (most of a lexical vector) are written as `0`.
 */
export function vectorLiteral(v: ArrayLike<number>): string {
  const parts = new Array<string>(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    parts[i] = x === 0 ? '0' : x.toPrecision(9);
  }
  return `[${parts.join(',')}]`;
}
