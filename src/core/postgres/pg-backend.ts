import type pg from 'pg';
import type { CoreConfig } from '../config.js';
import { userError } from '../errors.js';
import type { IngestOptions, IngestReport } from '../ingest.js';
import { silentLogger, type Logger } from '../logger.js';
import { migrate } from './migrations.js';
import { PgIndexReader } from './pg-index-reader.js';
import { ingestIntoPostgres } from './pg-ingest.js';
import { connectionError, openPool } from './pg-pool.js';
import { readState } from './pg-schema.js';

/** The Postgres backend's entry points; storage/backend.ts imports this module only when INDEX_BACKEND=postgres. */

function databaseOf(config: CoreConfig): NonNullable<CoreConfig['database']> {
  if (!config.database) throw userError('CONFIG_INVALID', 'INDEX_BACKEND=postgres needs DATABASE_URL');
  return config.database;
}

/** Opens a pool with the schema migrated, runs `work`, closes the pool unless `work` keeps it. */
async function withPool<T>(config: CoreConfig, logger: Logger, work: (pool: pg.Pool) => Promise<T>, keep = false): Promise<T> {
  const db = databaseOf(config);
  const pool = await openPool(db);
  let kept = false;
  try {
    await migrate(pool, db.schema, db.url, logger);
    const out = await work(pool);
    kept = keep;
    return out;
  } catch (err) {
    throw connectionError(err, db.url);
  } finally {
    if (!kept) await pool.end().catch(() => {});
  }
}

export function pgIndexExists(config: CoreConfig, logger: Logger): Promise<boolean> {
  return withPool(config, logger, async (pool) => (await readState(pool, databaseOf(config).schema)) !== null);
}

export function openPgIndex(config: CoreConfig, logger: Logger): Promise<PgIndexReader> {
  return withPool(config, logger, (pool) => PgIndexReader.open(pool, databaseOf(config).schema, logger, true), true);
}

export function pgIngest(config: CoreConfig, options: IngestOptions = {}): Promise<IngestReport> {
  const logger = options.logger ?? silentLogger;
  return withPool(config, logger, (pool) => ingestIntoPostgres({ ...config, database: databaseOf(config) }, pool, options));
}
