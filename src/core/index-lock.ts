import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { userError } from './errors.js';
import { isRunning, selfIdentity } from './process-liveness.js';

/** What a lock entry holds: who wrote it, and a token no other writer has. */
interface LockOwner {
  pid: number;
  start: string | null;
  token: string;
}

export interface LockOptions {
  /** Wait for a running writer to finish instead of failing with INGEST_BUSY. */
  wait?: boolean;
  /** Called once when another writer holds the lock and `wait` is set. */
  onWait?: (holderPid: number) => void;
  /** Poll interval while waiting (ms). */
  pollMs?: number;
}

const PREFIX = '.lock-';
/** In-process writers queue here, per index folder; the entries below are between processes. */
const queues = new Map<string, Promise<unknown>>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One writer at a time per index folder, across processes and within one.
 *
 * Each contender publishes an entry `.lock-<token>` (written under a temp
 * name, then renamed: never empty or half-written), then lists the folder.
 * It holds the lock if no other live entry is there; otherwise it withdraws
 * its entry. Of two contenders the later one to publish always sees the
 * earlier one, so two can never both hold it. Entries of dead writers (pid
 * gone, a zombie, or the pid reused by another process) are deleted by
 * whoever sees them: a dead entry never comes back to life, so that is safe
 * at any time. Returns the release function.
 */
export async function acquireWriterLock(root: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const key = path.resolve(root);
  const previous = queues.get(key) ?? Promise.resolve();
  let done!: () => void;
  const tail = previous.then(() => new Promise<void>((resolve) => (done = resolve)));
  queues.set(key, tail);
  const finish = () => {
    done();
    if (queues.get(key) === tail) queues.delete(key);
  };
  await previous;
  try {
    const owner: LockOwner = { ...selfIdentity(), token: randomBytes(12).toString('hex') };
    const entry = await takeFileLock(key, owner, options);
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      await unlink(entry).catch(() => {});
      finish();
    };
  } catch (err) {
    finish();
    throw err;
  }
}

async function takeFileLock(root: string, owner: LockOwner, options: LockOptions): Promise<string> {
  await mkdir(root, { recursive: true });
  const entry = path.join(root, `${PREFIX}${owner.token}`);
  let told = false;
  for (let attempt = 0; ; attempt++) {
    const tmp = `${entry}.tmp`;
    await writeFile(tmp, JSON.stringify(owner));
    await rename(tmp, entry);
    const others = await liveEntries(root, owner.token);
    if (others.length === 0) return entry;
    await unlink(entry);
    // Contenders that published together all withdraw; after a random pause one gets through.
    // An entry still there after the pause belongs to a writer that holds the lock.
    await sleep(20 + Math.random() * 60);
    const holder = (await liveEntries(root, owner.token)).find((o) => others.some((x) => x.token === o.token));
    if (!holder) continue;
    if (!options.wait) throw userError('INGEST_BUSY');
    if (!told) options.onWait?.(holder.pid);
    told = true;
    await sleep((options.pollMs ?? 200) + Math.random() * 50);
  }
}

/** Other contenders' entries whose writer is alive; dead writers' entries are deleted on the way. */
async function liveEntries(root: string, exceptToken: string): Promise<LockOwner[]> {
  const live: LockOwner[] = [];
  for (const name of await readdir(root)) {
    if (!name.startsWith(PREFIX) || (exceptToken && name.startsWith(`${PREFIX}${exceptToken}`))) continue;
    const file = path.join(root, name);
    const owner = await readOwner(file);
    if (owner === 'missing') continue;
    const alive = owner !== null && isRunning(owner.pid, owner.start);
    if (name.endsWith('.tmp')) {
      // Not a contender yet, and maybe still being written: cleared only once its writer is surely dead.
      const old = async () => Date.now() - (await stat(file)).mtimeMs > 60_000;
      if ((owner !== null && !alive) || (owner === null && (await old().catch(() => false)))) await unlink(file).catch(() => {});
    } else if (alive) live.push(owner);
    else await unlink(file).catch(() => {});
  }
  return live;
}

/** An entry's owner; null when it is damaged (never written this way), 'missing' when it just went. */
async function readOwner(file: string): Promise<LockOwner | null | 'missing'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw err;
  }
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.token === 'string' ? (o as LockOwner) : null;
  } catch {
    return null;
  }
}

/** Whether a live writer holds (or is taking) the lock of this index folder right now. */
export async function writerRunning(root: string): Promise<boolean> {
  return (await liveEntries(path.resolve(root), '').catch(() => [])).length > 0;
}
