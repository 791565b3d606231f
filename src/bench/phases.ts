/**
 * The measured parts of the bench. Each runs in a child process of its own
 * (see child.ts), so its peak RSS is its own and one phase's garbage never
 * slows the next.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCoreConfig, type CoreConfig } from '../core/config.js';
import { LexicalEmbeddings } from '../core/embeddings/lexical-embeddings.js';
import { Footnote } from '../core/engine.js';
import type { IngestPhase, IngestReport } from '../core/ingest.js';
import { indexBackend } from '../core/storage/backend.js';
import { silentLogger } from '../core/logger.js';
import { peakRssMb } from './stats.js';

export interface CommonArgs {
  corpusDir: string;
  indexDir: string;
  chunkSize: number;
  chunkOverlap: number;
  /** Set for the Postgres backend: where, and in which schema. */
  database?: { url: string; schema: string };
}

/** The settings a bench child runs with, as environment variables (the cold-start CLI gets the same). */
export function benchEnv(a: CommonArgs): Record<string, string> {
  return {
    CORPUS_DIR: a.corpusDir,
    INDEX_DIR: a.indexDir,
    EMBEDDINGS: 'lexical',
    CHUNK_SIZE: String(a.chunkSize),
    CHUNK_OVERLAP: String(a.chunkOverlap),
    LOG_LEVEL: 'silent',
    ...(a.database ? { INDEX_BACKEND: 'postgres', DATABASE_URL: a.database.url, DATABASE_SCHEMA: a.database.schema } : {}),
  };
}

export function benchConfig(a: CommonArgs): CoreConfig {
  return parseCoreConfig(benchEnv(a));
}

export interface IngestArgs extends CommonArgs {
  /** After ingesting, count this document's chunks and search for `probeQuery` (the incremental check). */
  probeDoc?: string;
  probeQuery?: string;
}

export interface IngestResult {
  report: Omit<IngestReport, 'skipped'> & { skipped: number };
  phasesMs: Partial<Record<IngestPhase, number>>;
  peakRssMb: number;
  probe?: { docChunks: number; found: boolean; topDoc: string | null };
}

export async function ingestPhase(a: IngestArgs): Promise<IngestResult> {
  const config = benchConfig(a);
  const phasesMs: Partial<Record<IngestPhase, number>> = {};
  let phase: IngestPhase | null = null;
  let since = performance.now();
  const report = await indexBackend(config, silentLogger).ingest({
    onProgress: (p) => {
      if (p.phase === phase) return;
      const now = performance.now();
      if (phase) phasesMs[phase] = (phasesMs[phase] ?? 0) + now - since;
      phase = p.phase;
      since = now;
    },
  });
  if (phase) phasesMs[phase as IngestPhase] = (phasesMs[phase as IngestPhase] ?? 0) + performance.now() - since;
  const peak = peakRssMb();
  let probe: IngestResult['probe'];
  if (a.probeDoc) {
    const engine = await Footnote.open(config);
    const docChunks = engine.docs().find((d) => d.id === a.probeDoc)?.chunks ?? 0;
    const hits = a.probeQuery ? await engine.search(a.probeQuery, 5) : [];
    probe = { docChunks, found: hits.some((h) => h.doc.id === a.probeDoc), topDoc: hits[0]?.doc.id ?? null };
    await engine.close();
  }
  return { report: { ...report, skipped: report.skipped.length }, phasesMs, peakRssMb: peak, probe };
}

export interface QueryArgs extends CommonArgs {
  questions: string[];
  warmup: number;
}

export interface QueryResult {
  openMs: number;
  askMs: number[];
  retrieveMs: number[];
  /** Mean of each part of an ask (embed, dense, keyword, fuse, answer). */
  partsMs: Record<string, number>;
  abstained: number;
  peakRssMb: number;
}

/** Whole asks, then retrieval alone, over the same questions, after a warm-up. */
export async function queryPhase(a: QueryArgs): Promise<QueryResult> {
  const t0 = performance.now();
  const engine = await Footnote.open(benchConfig(a));
  const openMs = performance.now() - t0;
  for (const q of a.questions.slice(0, a.warmup)) {
    await engine.ask(q);
    await engine.search(q);
  }
  const askMs: number[] = [];
  const parts: Record<string, number> = {};
  let abstained = 0;
  for (const q of a.questions) {
    const t = performance.now();
    const answer = await engine.ask(q);
    askMs.push(performance.now() - t);
    if (answer.abstained) abstained++;
    for (const [k, v] of Object.entries(answer.timingsMs)) parts[k] = (parts[k] ?? 0) + v / a.questions.length;
  }
  const retrieveMs: number[] = [];
  for (const q of a.questions) {
    const t = performance.now();
    await engine.search(q);
    retrieveMs.push(performance.now() - t);
  }
  await engine.close();
  return { openMs, askMs, retrieveMs, partsMs: parts, abstained, peakRssMb: peakRssMb() };
}

export interface BaselineArgs extends CommonArgs {
  questions: string[];
  /** Candidates fetched from each list, as the engine's retriever does. */
  k: number;
  /** Stop querying after this long (BM25Retriever scores every chunk per query)… */
  budgetMs: number;
  /** …but not before this many questions. */
  minQuestions: number;
}

export interface BaselineResult {
  chunks: number;
  ingestMs: number;
  partsMs: { read: number; split: number; hnsw: number; bm25: number };
  retrieveMs: number[];
  denseMs: number[];
  keywordMs: number[];
  peakRssMb: number;
}

/**
 * What a LangChain user writes by hand: RecursiveCharacterTextSplitter,
 * HNSWLib.fromDocuments + similaritySearch, and BM25Retriever for keywords,
 * with the same (lexical) embedder and chunk settings as the engine.
 */
export async function baselinePhase(a: BaselineArgs): Promise<BaselineResult> {
  const [{ RecursiveCharacterTextSplitter }, { HNSWLib }, { BM25Retriever }] = await Promise.all([
    import('@langchain/textsplitters'),
    import('@langchain/community/vectorstores/hnswlib'),
    import('@langchain/community/retrievers/bm25'),
  ]);
  const t0 = performance.now();
  const names = (await readdir(a.corpusDir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  const texts = await Promise.all(names.map((f) => readFile(f, 'utf8')));
  const t1 = performance.now();
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: a.chunkSize, chunkOverlap: a.chunkOverlap });
  const docs = await splitter.createDocuments(
    texts,
    names.map((f) => ({ source: path.relative(a.corpusDir, f) })),
  );
  const t2 = performance.now();
  const store = await HNSWLib.fromDocuments(docs, new LexicalEmbeddings());
  const t3 = performance.now();
  const bm25 = BM25Retriever.fromDocuments(docs, { k: a.k });
  const t4 = performance.now();
  const retrieveMs: number[] = [];
  const denseMs: number[] = [];
  const keywordMs: number[] = [];
  const start = performance.now();
  for (const q of a.questions) {
    if (retrieveMs.length >= a.minQuestions && performance.now() - start > a.budgetMs) break;
    const s0 = performance.now();
    await store.similaritySearch(q, a.k);
    const s1 = performance.now();
    await bm25.invoke(q);
    const s2 = performance.now();
    denseMs.push(s1 - s0);
    keywordMs.push(s2 - s1);
    retrieveMs.push(s2 - s0);
  }
  return {
    chunks: docs.length,
    ingestMs: t4 - t0,
    partsMs: { read: t1 - t0, split: t2 - t1, hnsw: t3 - t2, bm25: t4 - t3 },
    retrieveMs,
    denseMs,
    keywordMs,
    peakRssMb: peakRssMb(),
  };
}
