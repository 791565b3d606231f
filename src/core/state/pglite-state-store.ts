import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { userError } from '../errors.js';
import { SqlStateStore, type SqlClient } from './sql-state-store.js';
import type { StateStore } from './state-store.js';

/**
 * Opens the embedded store: PGlite (Postgres compiled to WASM) with its data
 * folder under `embeddings/`. PGlite is single-process, so a lock file next
 * to the folder names the process that holds it; a lock left by a dead
 * process (kill -9) is taken over. PGlite writes through to the files on
 * each commit, so a killed process loses at most the statement in flight
 * (tests/core/state/pglite-kill.test.ts kills a writer mid-stream).
 */
export async function openPgliteStateStore(dir: string): Promise<StateStore> {
  await mkdir(path.dirname(dir), { recursive: true });
  const lock = takeLock(`${dir}.lock`);
  try {
    // Imported here, once: the WASM module costs ~0.5 s and ~60 MB, and only the bot and `report` need it.
    const { PGlite } = await import('@electric-sql/pglite');
    const pg = await PGlite.create(dir);
    const client: SqlClient = {
      query: async (sql, params) => (await pg.query<Record<string, unknown>>(sql, params)).rows,
      transaction: (fn) => pg.transaction((tx) => fn({ query: async (sql, params) => (await tx.query<Record<string, unknown>>(sql, params)).rows })),
      close: async () => {
        try {
          await pg.close();
        } finally {
          lock.release();
        }
      },
    };
    return await SqlStateStore.open(client, `pglite:${dir}`);
  } catch (err) {
    lock.release();
    throw err;
  }
}

function takeLock(file: string): { release(): void } {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(file, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw userError('STATE_BUSY', file, pid);
      // Left by a process that died without closing: take it over.
      rmSync(file, { force: true });
    }
  }
  throw userError('STATE_BUSY', file, 0);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
