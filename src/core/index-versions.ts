import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isRunning, selfIdentity } from './process-liveness.js';

/**
 * The version folders of an index and who may still need them. CURRENT names
 * the version in force; a reader holds the version it is reading with a hold
 * file (`.hold-<version>~<pid>~<start>~<token>`), so a writer sweeping old
 * versions never deletes one under a reader's feet. Version and temp names
 * carry the writer's pid and a random part: two writers never share one.
 */
export const CURRENT = 'CURRENT';
const HOLD = '.hold-';

/** A fresh version name: time, pid and a random part (`v-<ms>-<pid>-<hex>`). */
export function newVersionName(): string {
  return `v-${Date.now()}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Temp folders being written by this process (never swept while in use). */
const writing = new Set<string>();

export function markWriting(name: string, on: boolean): void {
  if (on) writing.add(name);
  else writing.delete(name);
}

/** Points CURRENT at `version` atomically, through a temp name of this writer's own. */
export async function switchCurrent(root: string, version: string): Promise<void> {
  const tmp = path.join(root, `${CURRENT}.tmp-${version}`);
  await writeFile(tmp, version);
  await rename(tmp, path.join(root, CURRENT));
}

export async function readCurrent(root: string): Promise<string | undefined> {
  return (await readFile(path.join(root, CURRENT), 'utf8').catch(() => null))?.trim();
}

/**
 * Runs `read` on the version CURRENT names, holding it: the hold is made
 * first and CURRENT read again, so a writer that switched meanwhile either
 * sees the hold when it sweeps or the reader moves to the new version.
 */
export async function withVersionHeld<T>(root: string, read: (version: string | undefined) => Promise<T>): Promise<T> {
  const me = selfIdentity();
  for (let attempt = 0; ; attempt++) {
    const version = await readCurrent(root);
    if (version === undefined || !/^v-[\w-]+$/.test(version)) return read(version);
    const hold = path.join(root, `${HOLD}${version}~${me.pid}~${me.start ?? ''}~${randomBytes(4).toString('hex')}`);
    const held = await writeFile(hold, '').then(
      () => true,
      () => false, // a read-only index folder: read without a hold
    );
    try {
      if (held && (await readCurrent(root)) !== version && attempt < 5) continue;
      return await read(version);
    } finally {
      if (held) await unlink(hold).catch(() => {});
    }
  }
}

/**
 * Deletes what no one needs: versions other than `keep` that no live reader
 * holds, temp folders and CURRENT temps of writers that are dead, and holds
 * of dead readers. Called by a writer after switching CURRENT, and when it
 * takes the writer lock (so a killed ingest's leftovers go at the next start).
 */
export async function sweep(root: string, keep: string | undefined): Promise<void> {
  const names = await readdir(root).catch(() => [] as string[]);
  const held = new Set<string>();
  for (const name of names) {
    if (!name.startsWith(HOLD)) continue;
    const [version, pid, start] = name.slice(HOLD.length).split('~');
    if (version && isRunning(Number(pid), start || null)) held.add(version);
    else await unlink(path.join(root, name)).catch(() => {});
  }
  for (const name of names) {
    const remove = () => rm(path.join(root, name), { recursive: true, force: true });
    if (name.startsWith('v-') && name !== keep && !held.has(name)) await remove();
    else if ((name.startsWith('.tmp-v-') || name.startsWith(`${CURRENT}.tmp`)) && !writing.has(name) && !writerAlive(name)) await remove();
  }
}

/** Whether the writer named in a temp name (`…v-<ms>-<pid>-…`) is still running. */
function writerAlive(name: string): boolean {
  const pid = Number(/v-\d+-(\d+)/.exec(name)?.[1]);
  // Our own pid but not in `writing`: a leftover of an earlier process that had our pid, or finished.
  return pid !== process.pid && isRunning(pid, null);
}
