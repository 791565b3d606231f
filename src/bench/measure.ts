import { spawn } from 'node:child_process';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchDatabase } from './bench-database.js';
import { editDocument, type SyntheticCorpus } from './corpus.js';
import { nodeArgs, repoRoot } from './entry.js';
import { benchEnv, type CommonArgs, type IngestArgs, type IngestResult, type QueryArgs, type QueryResult } from './phases.js';
import { mb, median, ms, percentile } from './stats.js';

/** Runs a bench phase in a child process and returns what it reports. */
export async function inChild<A, R>(phase: string, args: A, work: string): Promise<R> {
  const argsFile = path.join(work, `${phase}-args.json`);
  const resultFile = path.join(work, `${phase}-result.json`);
  await writeFile(argsFile, JSON.stringify(args));
  await rm(resultFile, { force: true });
  const child = spawn(process.execPath, [...nodeArgs('bench-child', 'bench/child'), phase, argsFile, resultFile], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`bench ${phase} phase failed (exit ${code}): ${stderr.trim().slice(-2000)}`);
  return JSON.parse(await readFile(resultFile, 'utf8')) as R;
}

/** Process start to the answer on stdout, through the real CLI, with the index already built. */
async function coldStart(question: string, env: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...nodeArgs('cli', 'cli/main'), 'ask', question], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let firstOutput: number | null = null;
  let stderr = '';
  child.stdout.on('data', () => (firstOutput ??= performance.now()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0 || firstOutput === null) throw new Error(`cold-start ask failed (exit ${code}): ${stderr.trim().slice(-500)}`);
  return firstOutput - t0;
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) if (e.isFile()) total += (await stat(path.join(dir, e.name))).size;
  return total;
}

export interface BackendFigures {
  chunks: number;
  ingestPerS: number;
  fullMs: number;
  query: QueryResult;
  coldMs: number;
  peakRssMb: { ingest: number; query: number };
  incremental: { percentOfFull: number; changed: number; embedded: number; reused: number; docChunks: number; onlyThatDoc: boolean; found: boolean };
}

/**
 * Full ingest, queries, cold start and an incremental re-ingest against one
 * backend (the file index, or Postgres when `db` is given), each in a child
 * process of its own so its peak RSS is its own.
 */
export async function measureBackend(
  common: CommonArgs,
  corpus: SyntheticCorpus,
  work: string,
  print: (line: string) => void,
  options: { coldStartRuns?: number; db?: BenchDatabase },
): Promise<BackendFigures> {
  const tag = options.db ? '[postgres] ' : '';
  const full = await inChild<IngestArgs, IngestResult>('ingest', common, work);
  const chunks = full.report.chunks;
  const ingestPerS = chunks / (full.report.ms / 1000);
  let stored: string;
  if (options.db) stored = `database ${mb(await options.db.bytes()).toFixed(1)} MB (${options.db.label})`;
  else {
    const version = (await readFile(path.join(common.indexDir, 'CURRENT'), 'utf8')).trim();
    stored = `index on disk ${mb(await dirBytes(path.join(common.indexDir, version))).toFixed(1)} MB`;
  }
  const phases = Object.entries(full.phasesMs)
    .map(([k, v]) => `${k} ${ms(v)}`)
    .join(', ');
  print(
    `${tag}ingest: ${chunks.toLocaleString('en')} chunks in ${ms(full.report.ms)} ms = ${Math.round(ingestPerS)} chunks/s (lexical); ` +
      `index build ${ms(full.report.ms)} ms (${phases}); ${stored}; peak RSS ${Math.round(full.peakRssMb)} MB`,
  );

  const qr = await inChild<QueryArgs, QueryResult>('query', { ...common, questions: corpus.questions, warmup: 20 }, work);
  const parts = Object.entries(qr.partsMs)
    .filter(([k]) => k !== 'total')
    .map(([k, v]) => `${k} ${ms(v)}`)
    .join(', ');
  print(
    `${tag}query: ${qr.askMs.length} asks p50 ${ms(median(qr.askMs))} ms, p95 ${ms(percentile(qr.askMs, 95))} ms, max ${ms(Math.max(...qr.askMs))} ms ` +
      `(mean parts: ${parts}; ${qr.abstained} abstained); retrieval alone p50 ${ms(median(qr.retrieveMs))} ms, p95 ${ms(percentile(qr.retrieveMs, 95))} ms; ` +
      `engine open ${ms(qr.openMs)} ms; peak RSS ${Math.round(qr.peakRssMb)} MB`,
  );

  // The real CLI, from process start to the printed answer.
  const env = { ...benchEnv(common), LOG_LEVEL: 'warn' };
  const colds: number[] = [];
  for (let i = 0; i < (options.coldStartRuns ?? 3); i++) colds.push(await coldStart(corpus.questions[i % corpus.questions.length]!, env));
  const coldMs = median(colds);
  print(`${tag}cold start: \`footnote ask\` process start to answer ${colds.map((c) => ms(c)).join(' / ')} ms (median ${ms(coldMs)} ms)`);

  // One document edited, ingest again.
  const target = corpus.files[Math.floor(corpus.files.length / 2)]!;
  const marker = `quillfeather${corpus.chunks}${options.db ? 'pg' : ''}`;
  await editDocument(path.join(common.corpusDir, target), marker);
  const incr = await inChild<IngestArgs, IngestResult>('ingest', { ...common, probeDoc: target, probeQuery: `Correction ${marker} revised` }, work);
  const r = incr.report;
  const docChunks = incr.probe?.docChunks ?? 0;
  const onlyThatDoc = r.changed === 1 && r.added === 0 && r.removed === 0 && r.embedded <= docChunks && r.embedded + r.reused === r.chunks;
  const percent = (100 * r.ms) / full.report.ms;
  const how = options.db ? 'one transaction' : r.incremental ? 'graph patched' : 'graph rebuilt';
  print(
    `${tag}incremental: 1 of ${corpus.documents} documents edited → re-ingest ${ms(r.ms)} ms = ${percent.toFixed(1)}% of the full ingest ` +
      `(${how}; changed=${r.changed} embedded=${r.embedded} reused=${r.reused}; ` +
      `the document has ${docChunks} chunks: ${onlyThatDoc ? 'only its chunks were re-embedded' : 'MORE THAN ITS CHUNKS WERE RE-EMBEDDED'}; ` +
      `new text ${incr.probe?.found ? 'found' : 'NOT FOUND'} by search); peak RSS ${Math.round(incr.peakRssMb)} MB`,
  );
  return {
    chunks,
    ingestPerS,
    fullMs: full.report.ms,
    query: qr,
    coldMs,
    peakRssMb: { ingest: full.peakRssMb, query: qr.peakRssMb },
    incremental: { percentOfFull: percent, changed: r.changed, embedded: r.embedded, reused: r.reused, docChunks, onlyThatDoc, found: incr.probe?.found ?? false },
  };
}
