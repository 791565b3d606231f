// Fault injection on a real index: every file of a small index is truncated, zeroed and
// byte-flipped at many offsets (and the native files also with a manifest rewritten to match,
// as a consistent but wrong manifest would be). Each damaged copy is opened and asked a
// question in a child process. Every case must end in the one-line "unreadable … run ingest"
// error or the right answer: never a signal, never a wrong answer, never more than twice the
// memory of the same number of undamaged runs.
import { spawn } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Footnote } from '../../src/core/engine.js';
import { ingest } from '../../src/core/ingest.js';
import type { FaultCase, FaultOutcome } from '../fixtures/index-faults/run-cases.js';
import { copySeedCorpus, tempDir, testConfig } from '../helpers/temp.js';

const QUESTION = 'How many countries have joined the global ceasefire call?';
const UNREADABLE = /^The index at .+ is unreadable \(.+\)\. Run `npm run ingest` to rebuild it\.$/;
const ROOT = path.resolve(import.meta.dirname, '../..');
const RUNNER = path.join(ROOT, 'tests/fixtures/index-faults/run-cases.ts');

/** Offsets spread over a file of `size` bytes, first and last included. */
const spread = (size: number, n: number) => [...new Set(Array.from({ length: n }, (_, i) => Math.floor((i * Math.max(0, size - 1)) / (n - 1))))];

function casesFor(file: string, size: number): FaultCase[] {
  const cases: FaultCase[] = [];
  const add = (c: Omit<FaultCase, 'id' | 'file'>) => cases.push({ id: `${file}:${c.kind}@${c.at}${c.forge ? ':forged' : ''}`, file, ...c });
  for (const length of [0, Math.floor(size / 2), size - 1]) add({ kind: 'truncate', at: length, length });
  for (const at of spread(Math.max(1, size - 8), 5)) add({ kind: 'zero', at, length: 8 });
  for (const at of spread(size, 12)) add({ kind: 'flip', at });
  // The binary files again with a manifest that agrees with the damage: only the structural checks stand between it and hnswlib.
  if (file.endsWith('.bin') || file.endsWith('.hnsw')) for (const at of spread(size, 10)) add({ kind: 'flip', at, forge: true });
  return cases;
}

/** The damage the issue reported, each raw and with a matching manifest. */
function namedCases(): FaultCase[] {
  const named: Array<Omit<FaultCase, 'id'>> = [
    { file: 'vectors.hnsw', kind: 'write', at: 52, hex: 'ffffff7f' }, // entry point 0x7fffffff
    { file: 'vectors.hnsw', kind: 'write', at: 48, hex: 'ffffff7f' }, // top level
    { file: 'vectors.hnsw', kind: 'write', at: 8, hex: 'ffffffffffffff00' }, // capacity
    { file: 'vectors.hnsw', kind: 'write', at: 16, hex: 'ffffff0000000000' }, // element count
    { file: 'vectors.hnsw', kind: 'write', at: 100, hex: 'ffffff7f' }, // first neighbour of element 0
    { file: 'vectors.hnsw', kind: 'write', at: 96, hex: 'ff00' }, // link count of element 0
    { file: 'labels.bin', kind: 'write', at: 0, hex: 'ffffffff' },
    { file: 'bm25.bin', kind: 'write', at: 4, hex: 'ffffffff' },
    { file: 'chunks.bin', kind: 'write', at: 4, hex: 'ffffffff' },
  ];
  return named.flatMap((c) => [false, true].map((forge) => ({ ...c, forge, id: `${c.file}:${c.at}=${c.hex}${forge ? ':forged' : ''}` })));
}

async function runCases(job: object, work: string, name: string): Promise<{ outcomes: FaultOutcome[]; maxRssMb: number }> {
  const jobFile = path.join(work, `${name}-job.json`);
  const outFile = path.join(work, `${name}-out.json`);
  await writeFile(jobFile, JSON.stringify(job));
  const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, jobFile, outFile], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  expect({ code, signal, stderr: stderr.slice(-2000) }).toEqual({ code: 0, signal: null, stderr: '' });
  return JSON.parse(await readFile(outFile, 'utf8')) as { outcomes: FaultOutcome[]; maxRssMb: number };
}

describe('a damaged index is refused, never served or crashed on', () => {
  let work: string;
  let cleanup: () => Promise<void>;
  let pristine: string;
  let expected: string;
  let cases: FaultCase[];

  beforeAll(async () => {
    ({ dir: work, cleanup } = await tempDir('footnote-faults-'));
    await copySeedCorpus(work);
    const config = testConfig(work);
    await ingest(config);
    pristine = config.indexDir;
    expected = (await (await Footnote.open(config)).ask(QUESTION)).text;
    const version = (await readFile(path.join(pristine, 'CURRENT'), 'utf8')).trim();
    cases = [];
    for (const name of (await readdir(path.join(pristine, version))).sort()) cases.push(...casesFor(name, (await stat(path.join(pristine, version, name))).size));
    cases.push(...casesFor('CURRENT', (await stat(path.join(pristine, 'CURRENT'))).size), ...namedCases());
  });
  afterAll(() => cleanup());

  it('gives the unreadable error or the right answer for every damage, in bounded memory', async () => {
    const faults = await runCases({ pristine, work, question: QUESTION, cases }, work, 'faults');
    // Runs on undamaged copies: the memory baseline (enough of them for the heap to reach its plateau).
    const intact = cases.slice(0, 80).map((c) => ({ ...c, kind: 'zero', length: 0, forge: false }) as FaultCase);
    const baseline = await runCases({ pristine, work, question: QUESTION, cases: intact }, work, 'baseline');
    for (const o of baseline.outcomes) expect(o).toEqual({ id: o.id, kind: 'answer', text: expected });

    const byId = new Map(cases.map((c) => [c.id, c]));
    const tally = { cases: faults.outcomes.length, refused: 0, rightAnswer: 0, forgedOtherAnswer: 0 };
    for (const o of faults.outcomes) {
      const c = byId.get(o.id)!;
      if (o.kind === 'error') {
        expect(o.text, o.id).toMatch(UNREADABLE);
        tally.refused++;
      } else if (o.text === expected) {
        tally.rightAnswer++;
        if (process.env.FAULTS_VERBOSE) console.log(`right answer: ${o.id}`);
      }
      else {
        // Only a manifest forged to agree with the damage can make damaged content look valid.
        expect(c.forge, `${o.id} answered "${o.text.slice(0, 80)}"`).toBe(true);
        tally.forgedOtherAnswer++;
      }
    }
    expect(tally.cases).toBe(cases.length);
    expect(cases.length).toBeGreaterThan(200);
    // Unforged damage is always caught by the checksums (manifest.json's own bytes aside).
    expect(faults.maxRssMb).toBeLessThan(2 * baseline.maxRssMb);
    console.log(`index faults: ${JSON.stringify(tally)}; peak RSS ${Math.round(faults.maxRssMb)} MB vs ${Math.round(baseline.maxRssMb)} MB undamaged`);
  }, 300_000);

  it('the CLI exits 1 with one line for the damage the issue reported, never a signal', async () => {
    const cli = path.join(ROOT, 'dist/cli.js');
    // Raw, and with a manifest that agrees: the entry point, the capacity and labels.bin's ff ff ff ff.
    for (const c of namedCases().filter((n) => ['vectors.hnsw:52', 'vectors.hnsw:8', 'labels.bin:0'].some((p) => n.id.startsWith(p)))) {
      await runCases({ pristine, work, question: QUESTION, cases: [c], damageOnly: true }, work, 'cli');
      const child = spawn(process.execPath, [cli, 'ask', QUESTION], {
        cwd: work,
        env: { ...process.env, INDEX_DIR: path.join(work, 'damaged'), CORPUS_DIR: path.join(work, 'corpus'), EMBEDDINGS: 'lexical', LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (x, s) => resolve([x, s])));
      expect({ id: c.id, code, signal, stdout }).toEqual({ id: c.id, code: 1, signal: null, stdout: '' });
      expect(stderr.trim().split('\n'), c.id).toHaveLength(1);
      expect(stderr.trim().replace(/^error: /, ''), c.id).toMatch(UNREADABLE);
    }
  }, 120_000);
});
