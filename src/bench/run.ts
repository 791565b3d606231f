import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CoreConfig } from '../core/config.js';
import { silentLogger } from '../core/logger.js';
import { compiledCli, nodeArgs, repoRoot } from './entry.js';
import { measureStartUp, runNode } from './start-up.js';
import { editDocument, sentencePool, writeSyntheticCorpus } from './corpus.js';
import type { BaselineArgs, BaselineResult, IngestArgs, IngestResult, QueryArgs, QueryResult } from './phases.js';
import { benchLine, mb, median, ms, percentile, type BenchFigures } from './stats.js';

export interface BenchOptions {
  /** Chunks the generated corpus should hold. */
  chunks: number;
  quick?: boolean;
  /** A SQuAD JSON file whose paragraphs (and questions) join the sentence pool. */
  source?: string;
  /** Engine settings: the seed corpus to draw sentences from, chunking, the neural model to try. */
  config: Pick<CoreConfig, 'corpusDir' | 'chunkSize' | 'chunkOverlap' | 'model' | 'modelCacheDir' | 'allowRemoteModels' | 'modelLoadTimeoutMs'>;
  /** Questions asked (at least 200 for the figures to mean something). */
  questions?: number;
  coldStartRuns?: number;
  /** Alternating `ask` / `node -e 0` pairs for cli_ask_ms and node_start_ms. */
  startUpRuns?: number;
  /** Time allowed for baseline queries (BM25Retriever scores every chunk per query). */
  baselineBudgetMs?: number;
  /** Try to load the neural embedder and time it. */
  neural?: boolean;
  /** Keep the temporary folder (corpus and index) for inspection. */
  keep?: boolean;
  print?: (line: string) => void;
}

export interface BenchResult {
  figures: BenchFigures;
  line: string;
  incremental: { percentOfFull: number; changed: number; embedded: number; reused: number; docChunks: number; onlyThatDoc: boolean; found: boolean };
}


/** Runs a bench phase in a child process and returns what it reports. */
async function inChild<A, R>(phase: string, args: A, work: string): Promise<R> {
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

const SEED_QUESTION = 'How many countries have joined the global ceasefire call?';

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) if (e.isFile()) total += (await stat(path.join(dir, e.name))).size;
  return total;
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const times = (a: number, b: number) => (b > 0 ? `${round(a / b, 1)}×` : 'n/a');

/**
 * Builds a corpus of about `chunks` chunks from real sentences and measures
 * ingest, queries, cold start, incremental re-ingest and the LangChain
 * baseline. Prints as it goes; the last line is the summary line.
 */
export async function runBench(o: BenchOptions): Promise<BenchResult> {
  const print = o.print ?? ((line: string) => console.log(line));
  const quick = o.quick ?? false;
  const { chunkSize, chunkOverlap } = o.config;
  const work = await mkdtemp(path.join(os.tmpdir(), 'footnote-bench-'));
  const corpusDir = path.join(work, 'corpus');
  const indexDir = path.join(work, 'index');
  const common = { corpusDir, indexDir, chunkSize, chunkOverlap };
  try {
    const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    print(`Footnote bench: ~${o.chunks.toLocaleString('en')} chunks, ${os.cpus().length} CPUs, load average ${load}, Node ${process.version}`);

    // 1. A realistic corpus, recombined from real sentences.
    let t = performance.now();
    const pool = await sentencePool(o.config.corpusDir, o.source);
    const corpus = await writeSyntheticCorpus(corpusDir, pool, { chunks: o.chunks, chunkSize, chunkOverlap, questions: o.questions ?? 240 });
    print(
      `corpus: ${corpus.documents} documents, ${corpus.chunks.toLocaleString('en')} chunks, ${mb(corpus.bytes).toFixed(1)} MB ` +
        `from ${pool.sentences.length} real sentences (${pool.sources.join('; ')}), ${corpus.questions.length} questions ` +
        `(${Math.min(pool.questions.length, Math.floor(corpus.questions.length / 2))} real) in ${ms(performance.now() - t)} ms`,
    );

    // 2. Full ingest, in a child process of its own (its peak RSS is the ingest's).
    const full = await inChild<IngestArgs, IngestResult>('ingest', common, work);
    const chunks = full.report.chunks;
    const ingestPerS = chunks / (full.report.ms / 1000);
    const version = (await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim();
    const indexBytes = await dirBytes(path.join(indexDir, version));
    const phases = Object.entries(full.phasesMs)
      .map(([k, v]) => `${k} ${ms(v)}`)
      .join(', ');
    print(
      `ingest: ${chunks.toLocaleString('en')} chunks in ${ms(full.report.ms)} ms = ${Math.round(ingestPerS)} chunks/s (lexical); ` +
        `index build ${ms(full.report.ms)} ms (${phases}); index on disk ${mb(indexBytes).toFixed(1)} MB; peak RSS ${Math.round(full.peakRssMb)} MB`,
    );

    // 3. Queries against the built index.
    const qr = await inChild<QueryArgs, QueryResult>('query', { ...common, questions: corpus.questions, warmup: 20 }, work);
    const parts = Object.entries(qr.partsMs)
      .filter(([k]) => k !== 'total')
      .map(([k, v]) => `${k} ${ms(v)}`)
      .join(', ');
    print(
      `query: ${qr.askMs.length} asks p50 ${ms(median(qr.askMs))} ms, p95 ${ms(percentile(qr.askMs, 95))} ms, max ${ms(Math.max(...qr.askMs))} ms ` +
        `(mean parts: ${parts}; ${qr.abstained} abstained); retrieval alone p50 ${ms(median(qr.retrieveMs))} ms, p95 ${ms(percentile(qr.retrieveMs, 95))} ms; ` +
        `engine open ${ms(qr.openMs)} ms; peak RSS ${Math.round(qr.peakRssMb)} MB`,
    );

    // 4. Cold start: the real CLI, from process start to the printed answer.
    const env = {
      CORPUS_DIR: corpusDir,
      INDEX_DIR: indexDir,
      EMBEDDINGS: 'lexical',
      CHUNK_SIZE: String(chunkSize),
      CHUNK_OVERLAP: String(chunkOverlap),
      LOG_LEVEL: 'warn',
    };
    const colds: number[] = [];
    for (let i = 0; i < (o.coldStartRuns ?? 3); i++) colds.push(await coldStart(corpus.questions[i % corpus.questions.length]!, env));
    const cold = median(colds);
    print(`cold start: \`footnote ask\` process start to answer ${colds.map((c) => ms(c)).join(' / ')} ms (median ${ms(cold)} ms)`);

    // 4b. Start-up of the compiled CLI on a warm small index (the seed corpus), against bare Node.
    const seedEnv = { ...env, CORPUS_DIR: o.config.corpusDir, INDEX_DIR: path.join(work, 'seed-index') };
    // The seed corpus's index, built by the compiled CLI as a user's first `npm run ingest` would.
    await runNode([compiledCli, 'ingest'], { ...process.env, ...seedEnv });
    const startUp = await measureStartUp(SEED_QUESTION, seedEnv, o.startUpRuns ?? (quick ? 5 : 9));
    print(
      `start-up: \`node dist/cli.js ask\` on the seed corpus ${ms(startUp.cliAskMs)} ms vs \`node -e 0\` ${ms(startUp.nodeStartMs)} ms ` +
        `(medians of ${startUp.runs} alternating runs) = ${(startUp.cliAskMs / startUp.nodeStartMs).toFixed(1)}× bare Node`,
    );

    // 5. Incremental: one document edited, ingest again.
    const target = corpus.files[Math.floor(corpus.files.length / 2)]!;
    const marker = `quillfeather${corpus.chunks}`;
    await editDocument(path.join(corpusDir, target), marker);
    const incr = await inChild<IngestArgs, IngestResult>('ingest', { ...common, probeDoc: target, probeQuery: `Correction ${marker} revised` }, work);
    const r = incr.report;
    const docChunks = incr.probe?.docChunks ?? 0;
    const onlyThatDoc = r.changed === 1 && r.added === 0 && r.removed === 0 && r.embedded <= docChunks && r.embedded + r.reused === r.chunks;
    const percent = (100 * r.ms) / full.report.ms;
    print(
      `incremental: 1 of ${corpus.documents} documents edited → re-ingest ${ms(r.ms)} ms = ${percent.toFixed(1)}% of the full ingest ` +
        `(${r.incremental ? 'graph patched' : 'graph rebuilt'}; changed=${r.changed} embedded=${r.embedded} reused=${r.reused}; ` +
        `the document has ${docChunks} chunks: ${onlyThatDoc ? 'only its chunks were re-embedded' : 'MORE THAN ITS CHUNKS WERE RE-EMBEDDED'}; ` +
        `new text ${incr.probe?.found ? 'found' : 'NOT FOUND'} by search); peak RSS ${Math.round(incr.peakRssMb)} MB`,
    );

    // 6. The LangChain baseline on the same files, same embedder, same chunk settings.
    const budget = o.baselineBudgetMs ?? (quick ? 8000 : 60_000);
    const base = await inChild<BaselineArgs, BaselineResult>(
      'baseline',
      { ...common, questions: corpus.questions, k: 30, budgetMs: budget, minQuestions: Math.min(20, corpus.questions.length) },
      work,
    );
    const basePerS = base.chunks / (base.ingestMs / 1000);
    const baseP95 = percentile(base.retrieveMs, 95);
    const retrieveP95 = percentile(qr.retrieveMs, 95);
    print(
      `baseline (LangChain RecursiveCharacterTextSplitter + HNSWLib.fromDocuments + BM25Retriever, lexical embedder): ` +
        `${base.chunks.toLocaleString('en')} chunks in ${ms(base.ingestMs)} ms = ${Math.round(basePerS)} chunks/s ` +
        `(read ${ms(base.partsMs.read)}, split ${ms(base.partsMs.split)}, embed+HNSW ${ms(base.partsMs.hnsw)}, BM25 ${ms(base.partsMs.bm25)} ms; nothing written to disk); ` +
        `retrieve (similaritySearch + BM25Retriever, k=30) over ${base.retrieveMs.length} questions p50 ${ms(median(base.retrieveMs))} ms, p95 ${ms(baseP95)} ms ` +
        `(dense p95 ${ms(percentile(base.denseMs, 95))}, keyword p95 ${ms(percentile(base.keywordMs, 95))}); peak RSS ${Math.round(base.peakRssMb)} MB`,
    );
    print(
      `vs baseline: retrieve p95 ${times(baseP95, retrieveP95)} faster, ingest ${times(ingestPerS, basePerS)} the baseline's chunks/s ` +
        `(and the engine also writes its index to disk), peak RSS ${Math.round(Math.max(full.peakRssMb, qr.peakRssMb))} vs ${Math.round(base.peakRssMb)} MB`,
    );

    // 7. The neural embedder, when its model can be loaded.
    if (o.neural ?? true) print(await neural(o, corpus.questions, quick));

    const figures: BenchFigures = {
      chunks,
      ingestChunksPerS: ingestPerS,
      queryP50Ms: median(qr.askMs),
      queryP95Ms: percentile(qr.askMs, 95),
      retrieveP95Ms: retrieveP95,
      coldStartMs: cold,
      // The larger of the two processes a deployment runs: the ingest and the one answering.
      peakRssMb: Math.max(full.peakRssMb, qr.peakRssMb),
      baselineRetrieveP95Ms: baseP95,
      baselineIngestChunksPerS: basePerS,
      cliAskMs: startUp.cliAskMs,
      nodeStartMs: startUp.nodeStartMs,
    };
    print(`peak_rss_mb is the larger of the ingest process (${Math.round(full.peakRssMb)} MB) and the query process (${Math.round(qr.peakRssMb)} MB), each measured as its own child process's maxRSS`);
    if (o.keep) print(`kept ${work}`);
    const line = benchLine(figures);
    print(line);
    return {
      figures,
      line,
      incremental: { percentOfFull: percent, changed: r.changed, embedded: r.embedded, reused: r.reused, docChunks, onlyThatDoc, found: incr.probe?.found ?? false },
    };
  } finally {
    if (!o.keep) await rm(work, { recursive: true, force: true });
  }
}

async function neural(o: BenchOptions, questions: string[], quick: boolean): Promise<string> {
  const { createEmbedder } = await import('../core/embeddings/create-embedder.js');
  const { TransformersEmbeddings } = await import('../core/embeddings/transformers-embeddings.js');
  const timeout = Math.min(o.config.modelLoadTimeoutMs, quick ? 3000 : 10_000);
  try {
    const embedder = await createEmbedder({ ...o.config, embeddings: 'transformers', modelLoadTimeoutMs: timeout }, silentLogger);
    if (!(embedder instanceof TransformersEmbeddings)) return 'neural embedder: not measured';
    const texts = questions.slice(0, 64).map((q) => `${q} `.repeat(12));
    let t = performance.now();
    await embedder.embedDocuments(texts);
    const perS = texts.length / ((performance.now() - t) / 1000);
    const q: number[] = [];
    for (const question of questions.slice(0, 30)) {
      t = performance.now();
      await embedder.embedQuery(question);
      q.push(performance.now() - t);
    }
    return (
      `neural embedder ${embedder.id}: ${Math.round(perS)} chunks/s embedding, query embed p50 ${ms(median(q))} ms ` +
      `(a ${o.chunks.toLocaleString('en')}-chunk ingest would spend ~${Math.round(o.chunks / perS)} s embedding)`
    );
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
    return `neural embedder ${o.config.model}: skipped, the model could not be loaded (${reason})`;
  }
}
