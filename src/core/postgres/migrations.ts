import type pg from 'pg';
import { userError } from '../errors.js';
import type { Logger } from '../logger.js';
import { describeDatabase, inTransaction, qualify } from './pg-pool.js';

interface Migration {
  version: number;
  name: string;
  sql: (schema: string) => string;
}

/**
 * The schema, one step a version. Never edit a released step: add the next.
 * The vector column is not here: its dimension is the embedder's, so the
 * ingest that first writes vectors (or switches embedder) creates it.
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'documents, chunks, term frequencies, metadata',
    sql: (s) => `
      CREATE TABLE ${qualify(s, 'meta')} (key text PRIMARY KEY, value jsonb NOT NULL);
      CREATE TABLE ${qualify(s, 'documents')} (
        id text PRIMARY KEY,
        position integer NOT NULL,
        hash text NOT NULL,
        collection text,
        info jsonb NOT NULL,
        body text NOT NULL
      );
      CREATE TABLE ${qualify(s, 'chunks')} (
        id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        doc_id text NOT NULL REFERENCES ${qualify(s, 'documents')}(id) ON DELETE CASCADE,
        start_at integer NOT NULL,
        end_at integer NOT NULL,
        hash text NOT NULL,
        collection text,
        extra jsonb,
        body text NOT NULL,
        terms text NOT NULL
      );
      CREATE INDEX chunks_doc_id ON ${qualify(s, 'chunks')} (doc_id);
      CREATE INDEX chunks_hash ON ${qualify(s, 'chunks')} (hash);
      CREATE INDEX chunks_collection ON ${qualify(s, 'chunks')} (collection) WHERE collection IS NOT NULL;
      CREATE TABLE ${qualify(s, 'term_df')} (term text PRIMARY KEY, df integer NOT NULL);`,
  },
  {
    version: 2,
    name: 'full-text search column (the keyword fallback without pg_textsearch)',
    sql: (s) => `
      ALTER TABLE ${qualify(s, 'chunks')} ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED;
      CREATE INDEX chunks_tsv ON ${qualify(s, 'chunks')} USING gin (tsv);`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;
export const BM25_INDEX = 'chunks_terms_bm25';

/**
 * Brings the schema up to date: pgvector first (one clear error without it),
 * then every missing step in one transaction under an advisory lock, so two
 * processes starting together apply each step once. Then, where the server
 * has pg_textsearch, its BM25 index on the chunks' terms.
 */
export async function migrate(pool: pg.Pool, schema: string, url: string, logger: Logger): Promise<{ applied: number[]; bm25: boolean }> {
  await pool.query('CREATE EXTENSION IF NOT EXISTS vector').catch((err: Error) => {
    throw userError('DB_NO_VECTOR', describeDatabase(url), err.message.split('\n')[0]!.slice(0, 120));
  });
  const applied = await inTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`footnote-migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${qualify(schema, 'schema_migrations')} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${qualify(schema, 'schema_migrations')}`);
    const current = rows[0]?.v ?? 0;
    if (current > SCHEMA_VERSION) throw userError('DB_SCHEMA_NEWER', current, SCHEMA_VERSION);
    const done: number[] = [];
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      await client.query(m.sql(schema));
      await client.query(`INSERT INTO ${qualify(schema, 'schema_migrations')} (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      done.push(m.version);
    }
    return done;
  });
  for (const v of applied) logger.info(`Database schema: applied migration ${v} (${MIGRATIONS.find((m) => m.version === v)!.name}).`);
  return { applied, bm25: await ensureBm25(pool, schema) };
}

/** Creates the BM25 index when the server offers pg_textsearch; false when it does not (full-text fallback). */
async function ensureBm25(pool: pg.Pool, schema: string): Promise<boolean> {
  if (await hasBm25Index(pool, schema)) return true;
  const { rows } = await pool.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'pg_textsearch'`);
  if (rows.length === 0) return false;
  try {
    await inTransaction(pool, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`footnote-migrate:${schema}`]);
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_textsearch');
      // Terms are already stemmed and stop-word free (text.ts), as the file index's BM25 sees them: no further analysis.
      await client.query(`CREATE INDEX IF NOT EXISTS ${BM25_INDEX} ON ${qualify(schema, 'chunks')} USING bm25 (terms) WITH (text_config = 'simple')`);
    });
    return true;
  } catch {
    // Listed but not loadable (e.g. missing from shared_preload_libraries): the fallback serves.
    return false;
  }
}

export async function hasBm25Index(pool: pg.Pool | pg.PoolClient, schema: string): Promise<boolean> {
  const { rows } = await pool.query(`SELECT 1 FROM pg_indexes WHERE schemaname = $1 AND indexname = $2`, [schema, BM25_INDEX]);
  return rows.length > 0;
}
