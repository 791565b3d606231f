import type pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import { SqlStateStore, type SqlClient } from '../state/sql-state-store.js';
import type { StateStore } from '../state/state-store.js';
import { connectionError, describeDatabase, openPool } from './pg-pool.js';

/** Serialization failure, deadlock, and a unique key taken by a concurrent writer: the transaction can simply run again. */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
const ATTEMPTS = 5;

/**
 * The bot's state in Postgres (when DATABASE_URL is set), so any number of
 * bot processes and shards share threads, channel settings, feedback,
 * learned answers and the question log. The tables are the embedded store's
 * (state-schema.ts), in DATABASE_SCHEMA next to the index. Transactions are
 * SERIALIZABLE and retried: two processes appending to one thread at once
 * would otherwise both take the same next turn number.
 */
export async function openPgStateStore(db: DatabaseConfig): Promise<StateStore> {
  const pool = await openPool(db, [`SET search_path TO "${db.schema}"`]);
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${db.schema}"`);
    return await SqlStateStore.open(sqlClient(pool), `postgres:${describeDatabase(db.url)} schema ${db.schema}`);
  } catch (err) {
    await pool.end().catch(() => {});
    throw connectionError(err, db.url);
  }
}

function sqlClient(pool: pg.Pool): SqlClient {
  return {
    query: async (sql, params) => (await pool.query<Record<string, unknown>>(sql, params)).rows,
    transaction: async (fn) => {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
          const out = await fn({ query: async (sql, params) => (await client.query<Record<string, unknown>>(sql, params)).rows });
          await client.query('COMMIT');
          return out;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          if (attempt >= ATTEMPTS || !RETRYABLE.has((err as { code?: string }).code ?? '')) throw err;
        } finally {
          client.release();
        }
        // A little jitter so two retrying writers do not collide again in step.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    },
    close: () => pool.end(),
  };
}
