import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgliteStateStore } from '../../../src/core/state/pglite-state-store.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
// Node itself with tsx's loader: killing the tsx wrapper would leave its node child running.
const WRITER = path.join(ROOT, 'tests/fixtures/state/kill-writer.ts');

/** Starts the writer, waits until it has acknowledged `after` writes, kills it with SIGKILL mid-stream. */
function writeThenKill(dir: string, prefix: string, after: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, prefix], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line.startsWith(prefix)) acked.push(line);
      if (acked.length >= after && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`writer exited ${code}: ${stderr}`)),
    );
  });
}

describe('embedded state store under kill -9', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write and stays readable and writable after each kill', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'footnote-kill-'));
    const stateDir = path.join(dir, 'state');
    const all: string[] = [];
    for (const [round, after] of [[0, 40], [1, 150], [2, 90]] as const) {
      const acked = await writeThenKill(stateDir, `r${round}`, after);
      all.push(...acked);
      // The lock file of the killed writer is stale: reopening takes it over.
      const store = await openPgliteStateStore(stateDir);
      try {
        for (const id of acked) expect(await store.getQuestion(id), `acknowledged write ${id} lost`).not.toBeNull();
        const count = await store.countQuestions();
        // At most the write in flight (and the one printed but not yet read) beyond what we saw.
        expect(count).toBeGreaterThanOrEqual(all.length);
        expect(count).toBeLessThanOrEqual(all.length + 3 * (round + 1));
        const turns = await store.turns('t', 10);
        expect(turns.length).toBe(6);
        expect(turns.map((t) => Number(t.question.slice(1)))).toEqual([...turns.keys()].map((i) => Number(turns[0]!.question.slice(1)) + i));
      } finally {
        await store.close();
      }
    }
  }, 120_000);
});
