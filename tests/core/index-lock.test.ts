// The writer lock under races: many processes and in-process callers contending, a stale lock
// left by a killed writer (and a damaged one), whole ingests started together, first asks that
// wait for the ingest already building the index, and sweeps that spare a version being read.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreConfig } from '../../src/core/config.js';
import { acquireWriterLock } from '../../src/core/index-lock.js';
import { readIndex } from '../../src/core/index-store.js';
import { withVersionHeld } from '../../src/core/index-versions.js';
import { ingest } from '../../src/core/ingest.js';
import { copySeedCorpus, tempDir, testConfig } from '../helpers/temp.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CONTENDER = path.join(ROOT, 'tests/fixtures/index-lock/contender.ts');
const CLI = path.join(ROOT, 'dist/cli.js');

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Exit> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** A pid that surely belongs to no running process: a child that has exited and been reaped. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('close', resolve));
  return child.pid!;
}

/** Checks a log of enter/leave lines never shows two holders at once; returns the number of sections. */
function sections(log: string): number {
  let holder: string | null = null;
  let n = 0;
  for (const line of log.trim().split('\n')) {
    const [what, pid] = line.split(' ');
    if (what === 'enter') {
      expect(holder, `${pid} entered while ${holder} held the lock`).toBeNull();
      holder = pid!;
      n++;
    } else {
      expect(pid).toBe(holder);
      holder = null;
    }
  }
  return n;
}

describe('writer lock', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let config: CoreConfig;

  beforeEach(async () => {
    ({ dir: root, cleanup } = await tempDir('footnote-lock-'));
    await copySeedCorpus(root);
    config = testConfig(root);
  });
  afterEach(() => cleanup());

  const staleEntries = async () => {
    await mkdir(config.indexDir, { recursive: true });
    await writeFile(path.join(config.indexDir, '.lock-deadbeefdeadbeefdeadbeef'), JSON.stringify({ pid: await deadPid(), start: null, token: 'deadbeefdeadbeefdeadbeef' }));
    await writeFile(path.join(config.indexDir, '.lock-0000000000000000000000ff'), ''); // damaged: never written this way
  };

  it('admits one holder at a time among 6 processes × 5 rounds, past a stale and a damaged lock', async () => {
    await staleEntries();
    const log = path.join(root, 'sections.log');
    await writeFile(log, '');
    const exits = await Promise.all(Array.from({ length: 6 }, () => run(['--import', 'tsx', CONTENDER, config.indexDir, log, '5'])));
    for (const e of exits) expect({ code: e.code, signal: e.signal, stderr: e.stderr }).toEqual({ code: 0, signal: null, stderr: '' });
    expect(sections(await readFile(log, 'utf8'))).toBe(30);
    expect((await readdir(config.indexDir)).filter((n) => n.startsWith('.lock'))).toEqual([]);
  }, 120_000);

  it('serialises writers within one process', async () => {
    const log: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const release = await acquireWriterLock(config.indexDir);
        log.push(`enter ${i}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push(`leave ${i}`);
        await release();
      }),
    );
    expect(sections(log.join('\n'))).toBe(8);
    // Whole ingests too: two at once in one process both succeed, one after the other.
    const [a, b] = await Promise.all([ingest(config), ingest(config)]);
    expect(a.documents).toBe(5);
    expect(b.documents).toBe(5);
    expect((await readIndex(config.indexDir)).documents).toHaveLength(5);
  });

  it('three ingests started together with a stale lock: one writer at a time, no crash, a readable index', async () => {
    await staleEntries();
    const env = { CORPUS_DIR: config.corpusDir, INDEX_DIR: config.indexDir, EMBEDDINGS: 'lexical', LOG_LEVEL: 'warn' };
    const exits = await Promise.all(Array.from({ length: 3 }, () => run([CLI, 'ingest'], env)));
    for (const e of exits) {
      expect(e.signal).toBeNull();
      if (e.code !== 0) expect({ code: e.code, stderr: e.stderr.trim() }).toEqual({ code: 1, stderr: 'error: An ingest is already running. Wait for it to finish.' });
    }
    expect(exits.some((e) => e.code === 0)).toBe(true);
    expect((await readIndex(config.indexDir)).documents).toHaveLength(5);
    // Exactly one version, no temp folders or lock entries left behind.
    const left = await readdir(config.indexDir);
    expect(left.filter((n) => n.startsWith('v-'))).toHaveLength(1);
    expect(left.filter((n) => n.startsWith('.tmp') || n.startsWith('.lock') || n.startsWith('CURRENT.tmp'))).toEqual([]);
  }, 120_000);

  it('three first asks at once on an empty index: one builds, the others wait for it and answer', async () => {
    const env = { CORPUS_DIR: config.corpusDir, INDEX_DIR: config.indexDir, EMBEDDINGS: 'lexical', LOG_LEVEL: 'info' };
    const question = 'How many countries have joined the global ceasefire call?';
    const exits = await Promise.all(Array.from({ length: 3 }, () => run([CLI, 'ask', '--json', question], env)));
    const answers = exits.map((e) => {
      expect({ code: e.code, signal: e.signal }, e.stderr).toEqual({ code: 0, signal: null });
      return (JSON.parse(e.stdout) as { answer: string }).answer;
    });
    expect(new Set(answers).size).toBe(1);
    expect((await readdir(config.indexDir)).filter((n) => n.startsWith('v-'))).toHaveLength(1);
  }, 120_000);

  it('never sweeps a version a reader holds, and sweeps it once released', async () => {
    await ingest(config);
    let held = '';
    await withVersionHeld(config.indexDir, async (version) => {
      held = version!;
      await writeFile(path.join(config.corpusDir, 'new.txt'), 'A new note\n\nThe orchard counted 512 apple trees this spring.\n');
      await ingest(config); // switches CURRENT and sweeps while the old version is held
      expect(existsSync(path.join(config.indexDir, held))).toBe(true);
    });
    await ingest(config);
    expect(existsSync(path.join(config.indexDir, held))).toBe(false);
    expect((await readIndex(config.indexDir)).documents).toHaveLength(6);
  });
});
