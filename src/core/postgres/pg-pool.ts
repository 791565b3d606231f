import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import { userError } from '../errors.js';

/** Where a connection string points, without the login: safe to show and log. */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** The network and login failures a user can fix by changing DATABASE_URL or starting the server. */
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', '28P01', '28000', '3D000', '57P03']);

/** Turns a connection failure into the coded one-line error; anything else is returned unchanged. */
export function connectionError(err: unknown, url: string): unknown {
  const e = err as { code?: string; message?: string; errors?: Array<{ code?: string }> };
  const code = e.code ?? e.errors?.[0]?.code;
  const timedOut = /timeout/i.test(e.message ?? '') && /connect/i.test(e.message ?? '');
  if ((code && CONNECT_CODES.has(code)) || timedOut) {
    const detail = code === 'ECONNREFUSED' ? 'connection refused' : (e.message ?? code ?? 'unknown').split('\n')[0]!.slice(0, 120);
    return userError('DB_UNREACHABLE', describeDatabase(url), detail);
  }
  return err;
}

/**
 * HNSW search breadth as the file index uses (vector-index.ts
 * VECTOR_DEFAULTS.efSearch), and, from pgvector 0.8, iterative scans so a
 * collection filter still fills k results. Older servers ignore what they lack.
 */
const SESSION_SETTINGS = ['SET hnsw.ef_search = 96', "SET hnsw.iterative_scan = 'relaxed_order'"];

/** A schema-qualified name, quoted (the schema is validated by the config: lower-case letters, digits, _). */
export const qualify = (schema: string, name: string) => `"${schema}"."${name}"`;

/**
 * One pool per process. Connecting is checked at once so a wrong URL fails
 * with one line before anything else happens.
 */
export async function openPool(db: DatabaseConfig, settings: readonly string[] = []): Promise<pg.Pool> {
  const config: pg.PoolConfig & { onConnect: (client: pg.PoolClient) => Promise<void> } = {
    connectionString: db.url,
    max: db.poolSize,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    allowExitOnIdle: true,
    // Each new connection, before its first use (pg-pool awaits this hook).
    onConnect: async (client) => {
      for (const setting of [...SESSION_SETTINGS, ...settings]) await client.query(setting).catch(() => {});
    },
  };
  const pool = new pg.Pool(config);
  // An idle client that loses its server emits here; without a listener Node would exit.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw connectionError(err, db.url);
  }
  return pool;
}

/** Runs `work` in one transaction on one client; rolls back on any failure. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await work(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
