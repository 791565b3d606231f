import type { CoreConfig } from '../config.js';
import { indexExists } from '../index-store.js';
import { ingest, ingestIfMissing, type IngestOptions, type IngestReport } from '../ingest.js';
import type { Logger } from '../logger.js';
import { FileIndexReader } from './file-index-reader.js';
import type { IndexReader } from './index-backend.js';

/** Where the index lives: building it, finding out whether it exists, opening it for reading. */
export interface IndexBackend {
  readonly kind: 'file' | 'postgres';
  exists(): Promise<boolean>;
  open(): Promise<IndexReader>;
  ingest(options?: IngestOptions): Promise<IngestReport>;
  /** Builds the index unless it exists once no other writer runs, waiting for one that does (null: it was built meanwhile). */
  ingestIfMissing?(options?: IngestOptions): Promise<IngestReport | null>;
}

/** The backend the config names: the file index (default) or Postgres, whose modules load only when chosen. */
export function indexBackend(config: CoreConfig, logger: Logger): IndexBackend {
  if (config.indexBackend === 'postgres') {
    const load = () => import('../postgres/pg-backend.js');
    return {
      kind: 'postgres',
      exists: async () => (await load()).pgIndexExists(config, logger),
      open: async () => (await load()).openPgIndex(config, logger),
      ingest: async (options = {}) => (await load()).pgIngest(config, { logger, ...options }),
    };
  }
  return {
    kind: 'file',
    exists: () => indexExists(config.indexDir),
    open: () => FileIndexReader.open(config.indexDir),
    ingest: (options = {}) => ingest(config, { logger, ...options }),
    ingestIfMissing: (options = {}) => ingestIfMissing(config, { logger, ...options }),
  };
}
