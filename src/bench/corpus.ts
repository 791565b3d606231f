import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCorpus } from '../core/loader.js';
import { DocumentSplitter } from '../core/splitter.js';
import { sentences, words } from '../core/text.js';
import { rng } from './random.js';

/** Real sentences to recombine, and real questions when a SQuAD file provides them. */
export interface SentencePool {
  sentences: string[];
  questions: string[];
  /** Where the sentences came from, for the report. */
  sources: string[];
}


const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

/** Sentences of the documents in `corpusDir`, plus the paragraphs (and questions) of a SQuAD file. */
export async function sentencePool(corpusDir: string, squadFile?: string): Promise<SentencePool> {
  const out: SentencePool = { sentences: [], questions: [], sources: [] };
  const usable = (s: string) => s.length >= 25 && s.length <= 400 && words(s).length >= 5;
  const { documents } = await loadCorpus(corpusDir).catch(() => ({ documents: [] }));
  for (const doc of documents) for (const s of sentences(doc.text)) if (usable(s.text)) out.sentences.push(s.text);
  if (documents.length) out.sources.push(`${documents.length} documents of ${corpusDir}`);
  if (squadFile) {
    const squad = JSON.parse(await readFile(squadFile, 'utf8')) as {
      data: Array<{ paragraphs: Array<{ context: string; qas: Array<{ question: string }> }> }>;
    };
    let paragraphs = 0;
    for (const article of squad.data)
      for (const p of article.paragraphs) {
        paragraphs++;
        for (const s of sentences(p.context)) if (usable(s.text)) out.sentences.push(s.text);
        for (const q of p.qas) out.questions.push(q.question);
      }
    out.sources.push(`${paragraphs} SQuAD paragraphs of ${squadFile}`);
  }
  if (out.sentences.length < 10) throw new Error(`too few sentences to build a bench corpus from ${corpusDir}`);
  return out;
}

const SYLLABLES = ['ka', 'ri', 'mo', 'len', 'tas', 'vor', 'el', 'dun', 'ba', 'shi', 'ne', 'gor', 'ul', 'pra', 'zet', 'ham', 'io', 'qu', 'sar', 'tin'];

/** A pronounceable made-up name: news corpora keep meeting new people and places. */
function makeName(r: () => number): string {
  const n = 2 + Math.floor(r() * 2);
  let s = '';
  for (let i = 0; i < n; i++) s += pick(r, SYLLABLES);
  return s[0]!.toUpperCase() + s.slice(1);
}

/**
 * Rewrites a real sentence the way a different article would state it: other
 * figures, and some proper names swapped for the document's own entities, so
 * the vocabulary keeps growing with the corpus instead of repeating a few
 * hundred sentences.
 */
function mutate(sentence: string, entities: string[], r: () => number): string {
  let first = true;
  return sentence.replace(/\b\d+\b|\b\p{Lu}\p{Ll}{2,}\b/gu, (m) => {
    if (/^\d/.test(m)) {
      const n = Number(m);
      if (n >= 1500 && n <= 2100) return String(n + Math.floor(r() * 21) - 10); // a year stays a year
      return String(Math.max(1, Math.round(n * (0.5 + r()) + r() * 9)));
    }
    if (first) {
      first = false;
      return m;
    }
    return r() < 0.4 ? pick(r, entities) : m;
  });
}

export interface SyntheticCorpus {
  dir: string;
  documents: number;
  /** Chunks the engine's splitter makes of the files written. */
  chunks: number;
  files: string[];
  bytes: number;
  /** Questions drawn from the generated text, plus the pool's real questions. */
  questions: string[];
}

export interface SyntheticCorpusOptions {
  chunks: number;
  chunkSize: number;
  chunkOverlap: number;
  /** Defaults to ~1,000 documents from 10,000 chunks up, ten chunks a document below. */
  documents?: number;
  questions?: number;
  seed?: number;
}

export function defaultDocumentCount(chunks: number): number {
  return chunks >= 10_000 ? 1000 : Math.max(3, Math.round(chunks / 10));
}

/** Writes about `chunks` chunks' worth of documents into `dir` (created), deterministically for a seed. */
export async function writeSyntheticCorpus(dir: string, pool: SentencePool, options: SyntheticCorpusOptions): Promise<SyntheticCorpus> {
  const r = rng(options.seed ?? 20240921);
  const docCount = options.documents ?? defaultDocumentCount(options.chunks);
  const splitter = new DocumentSplitter({ chunkSize: options.chunkSize, chunkOverlap: options.chunkOverlap });
  // A zipfian pool of names: a few recur across many documents, most are rare.
  const names = Array.from({ length: Math.max(200, Math.round(options.chunks / 4)) }, () => makeName(r));
  const zipfName = () => names[Math.min(names.length - 1, Math.floor(Math.pow(r(), 2.2) * names.length))]!;

  const makeDoc = (targetChars: number): string => {
    const entities = Array.from({ length: 3 + Math.floor(r() * 6) }, zipfName);
    const lead = mutate(pick(r, pool.sentences), entities, r);
    const title = lead.split(/\s+/).slice(0, 6 + Math.floor(r() * 6)).join(' ').replace(/[,;:.]+$/, '');
    const y = 2015 + Math.floor(r() * 10);
    const date = `${y}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    const parts = [title, `date ${date}`, ''];
    let length = 0;
    const paragraphs: string[] = [];
    while (length < targetChars) {
      const n = 2 + Math.floor(r() * 4);
      const p = Array.from({ length: n }, () => mutate(pick(r, pool.sentences), entities, r)).join(' ');
      paragraphs.push(p);
      length += p.length + 2;
    }
    return `${parts.join('\n')}\n${paragraphs.join('\n\n')}\n`;
  };

  // Calibrate characters per chunk with the engine's own splitter.
  const perDoc = Math.max(1, options.chunks / docCount);
  const probe = makeDoc(20_000);
  const probeChunks = (await splitter.split({ id: 'probe', title: '', date: null, text: probe, hash: '' })).length;
  const charsPerChunk = probe.length / Math.max(1, probeChunks);

  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const docTexts: string[] = [];
  let chunks = 0;
  let bytes = 0;
  const width = String(docCount).length;
  for (let i = 0; i < docCount; i++) {
    // Document lengths vary (half to one and a half times the mean), as articles do.
    const remainingDocs = docCount - i;
    const target = Math.max(1, (options.chunks - chunks) / remainingDocs) * (i === docCount - 1 ? 1 : 0.5 + r());
    const text = makeDoc(Math.max(200, (target || perDoc) * charsPerChunk - 60));
    const name = `doc-${String(i).padStart(width, '0')}.txt`;
    await writeFile(path.join(dir, name), text);
    chunks += (await splitter.split({ id: name, title: '', date: null, text, hash: '' })).length;
    bytes += Buffer.byteLength(text);
    files.push(name);
    docTexts.push(text);
  }

  const wanted = options.questions ?? 240;
  const questions = pool.questions.slice(0, Math.floor(wanted / 2));
  const starts = ['What', 'Who', 'When', 'How many', 'Which', 'Where'];
  while (questions.length < wanted) {
    const text = pick(r, docTexts);
    const ss = sentences(text).filter((s) => s.text.length > 40);
    if (!ss.length) continue;
    const w = pick(r, ss).text.replace(/[^\p{L}\p{N}\s'-]/gu, ' ').split(/\s+/).filter(Boolean);
    const len = 4 + Math.floor(r() * 6);
    const at = Math.floor(r() * Math.max(1, w.length - len));
    questions.push(`${pick(r, starts)} ${w.slice(at, at + len).join(' ')}?`);
  }
  return { dir, documents: docCount, chunks, files, bytes, questions };
}

/**
 * Edits one document the way a correction would: a new paragraph up front and
 * one figure changed. Returns the new text.
 */
export async function editDocument(file: string, marker: string): Promise<string> {
  const text = await readFile(file, 'utf8');
  const lines = text.split('\n');
  const edited = [...lines.slice(0, 3), `Correction ${marker}: the figures in this report were revised after publication.`, '', ...lines.slice(3)].join('\n');
  await writeFile(file, edited);
  return edited;
}
