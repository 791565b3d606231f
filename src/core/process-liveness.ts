import { readFileSync } from 'node:fs';

/**
 * The kernel's start time of a process (clock ticks since boot, /proc/<pid>/stat
 * field 22) and whether it is a zombie; null where /proc is not available.
 * A pid alone can be reused; pid + start time names one process.
 */
function procStat(pid: number): { start: string; zombie: boolean } | null | 'gone' {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' && process.platform === 'linux' ? 'gone' : null;
  }
  // The command name (field 2) is in parentheses and may hold spaces: split after its last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { zombie: fields[0] === 'Z' || fields[0] === 'X', start: fields[19] ?? '' };
}

/** This process's identity for lock files. */
export function selfIdentity(): { pid: number; start: string | null } {
  const s = procStat(process.pid);
  return { pid: process.pid, start: s && s !== 'gone' ? s.start : null };
}

/**
 * Whether the process that wrote a lock or hold is still running: a killed
 * process is dead as soon as it is a zombie (kill -9 leaves one until its
 * parent reaps it, ~1 s in practice), and a reused pid is not the same process.
 */
export function isRunning(pid: number, start: string | null | undefined): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const s = procStat(pid);
  if (s === 'gone') return false;
  if (s === null) return true;
  return !s.zombie && (start == null || s.start === start);
}
