import type { CoreConfig } from '../config.js';
import type { StateStore } from './state-store.js';

/**
 * The bot's state store: in Postgres when DATABASE_URL is set (shared by every
 * bot process and shard), else the embedded database under STATE_DIR.
 * Each implementation is imported only when chosen.
 */
export async function openStateStore(config: Pick<CoreConfig, 'stateDir' | 'database'>): Promise<StateStore> {
  if (config.database) {
    const { openPgStateStore } = await import('../postgres/pg-state-store.js');
    return openPgStateStore(config.database);
  }
  const { openPgliteStateStore } = await import('./pglite-state-store.js');
  return openPgliteStateStore(config.stateDir);
}
