import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CoreConfig } from '../core/config.js';
import { silentLogger } from '../core/logger.js';
import { benchDatabase } from './bench-database.js';
import { compiledCli } from './entry.js';
import { measureStartUp, runNode } from './start-up.js';
import { sentencePool, writeSyntheticCorpus } from './corpus.js';
import { inChild, measureBackend, type BackendFigures } from './measure.js';
import { benchEnv, type BaselineArgs, type BaselineResult } from './phases.js';
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
  /** Also measure the Postgres backend on the same corpus; the summary line is then Postgres's, with `backend=postgres`. */
  backend?: 'file' | 'postgres';
  /** The Postgres to measure; without it, PGlite in this process over a local socket. */
  databaseUrl?: string;
}

export interface BenchResult {
  figures: BenchFigures;
  line: string;
  incremental: { percentOfFull: number; changed: number; embedded: number; reused: number; docChunks: number; onlyThatDoc: boolean; found: boolean };
}


const SEED_QUESTION = 'How many countries have joined the global ceasefire call?';

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

    // 2–5. Full ingest, queries, cold start and an incremental re-ingest: the file index, then Postgres when asked.
    const file = await measureBackend(common, corpus, work, print, { coldStartRuns: o.coldStartRuns });
    let pgFigures: BackendFigures | null = null;
    if (o.backend === 'postgres') {
      const db = await benchDatabase(o.databaseUrl, work);
      try {
        print(`postgres: ${db.label}, schema ${db.schema}`);
        pgFigures = await measureBackend({ ...common, database: { url: db.url, schema: db.schema } }, corpus, work, print, {
          coldStartRuns: o.coldStartRuns,
          db,
        });
      } finally {
        await db.close();
      }
    }
    const { ingestPerS, query: qr } = file;
    const full = { peakRssMb: file.peakRssMb.ingest };

    // 4b. Start-up of the compiled CLI on a warm small index (the seed corpus), against bare Node.
    const seedEnv = { ...benchEnv(common), LOG_LEVEL: 'warn', CORPUS_DIR: o.config.corpusDir, INDEX_DIR: path.join(work, 'seed-index') };
    // The seed corpus's index, built by the compiled CLI as a user's first `npm run ingest` would.
    await runNode([compiledCli, 'ingest'], { ...process.env, ...seedEnv });
    const startUp = await measureStartUp(SEED_QUESTION, seedEnv, o.startUpRuns ?? (quick ? 5 : 9));
    print(
      `start-up: \`node dist/cli.js ask\` on the seed corpus ${ms(startUp.cliAskMs)} ms vs \`node -e 0\` ${ms(startUp.nodeStartMs)} ms ` +
        `(medians of ${startUp.runs} alternating runs) = ${(startUp.cliAskMs / startUp.nodeStartMs).toFixed(1)}× bare Node`,
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

    const figuresOf = (b: BackendFigures): BenchFigures => ({
      chunks: b.chunks,
      ingestChunksPerS: b.ingestPerS,
      queryP50Ms: median(b.query.askMs),
      queryP95Ms: percentile(b.query.askMs, 95),
      retrieveP95Ms: percentile(b.query.retrieveMs, 95),
      coldStartMs: b.coldMs,
      // The larger of the two processes a deployment runs: the ingest and the one answering.
      peakRssMb: Math.max(b.peakRssMb.ingest, b.peakRssMb.query),
      baselineRetrieveP95Ms: baseP95,
      baselineIngestChunksPerS: basePerS,
      cliAskMs: startUp.cliAskMs,
      nodeStartMs: startUp.nodeStartMs,
    });
    print(`peak_rss_mb is the larger of the ingest process (${Math.round(full.peakRssMb)} MB) and the query process (${Math.round(qr.peakRssMb)} MB), each measured as its own child process's maxRSS`);
    if (pgFigures)
      print(
        `[postgres] peak_rss_mb: ingest ${Math.round(pgFigures.peakRssMb.ingest)} MB, query ${Math.round(pgFigures.peakRssMb.query)} MB (the client processes; the database server is not counted)`,
      );
    if (o.keep) print(`kept ${work}`);
    const figures = figuresOf(pgFigures ?? file);
    if (pgFigures) print(benchLine(figuresOf(file), 'file'));
    const line = benchLine(figures, pgFigures ? 'postgres' : undefined);
    print(line);
    return { figures, line, incremental: (pgFigures ?? file).incremental };
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
