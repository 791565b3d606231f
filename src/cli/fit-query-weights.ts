/**
 * Fits the query-expansion weights (spelling, synonym, related, synonym of a
 * word the corpus has, and the dense list's weight in the fusion) on part of
 * the evaluation data and reports retrieval on the part held back.
 *
 *   EMBEDDINGS=lexical npx tsx src/cli/fit-query-weights.ts \
 *     --squad ../shared/eval/squad2-dev-5articles.json --squad ../shared/eval/squad2-dev-more.json \
 *     --squad ../shared/eval/squad2-informal-dev.json \
 *     --questions ../shared/eval/seed-paraphrase.dev.jsonl --corpus corpus \
 *     --hold yuan-dynasty,immune-system
 *
 * Articles named by --hold (slugs of SQuAD titles), and every --questions set,
 * are held out: they are only reported. The figure fitted is doc_hit@5 plus
 * half of doc_hit@1 over the answerable questions, by coordinate search from
 * the current defaults (two rounds). Prints one line per step and the result.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEmbedder } from '../core/embeddings/create-embedder.js';
import { isAnswerable, readQuestionSet, type EvalQuestion } from '../core/eval/question-set.js';
import { evalIndexDir } from '../core/eval/runner.js';
import { readSquad, writeSquadCorpus } from '../core/eval/squad.js';
import { ingest } from '../core/ingest.js';
import { DEFAULT_WEIGHTS, type QueryWeights } from '../core/query/analyze-query.js';
import { silentLogger } from '../core/logger.js';
import { HybridRetriever } from '../core/retriever.js';
import { FileIndexReader } from '../core/storage/file-index-reader.js';
import { loadConfig } from './context.js';

interface Params extends QueryWeights {
  denseWeight: number;
}

interface DataSet {
  name: string;
  retrieverFor: (p: Params) => HybridRetriever;
  fit: EvalQuestion[];
  held: EvalQuestion[];
}

const { values } = parseArgs({
  options: {
    squad: { type: 'string', multiple: true, default: [] },
    questions: { type: 'string', multiple: true, default: [] },
    corpus: { type: 'string' },
    hold: { type: 'string', default: '' },
  },
});
const held = new Set(values.hold!.split(',').filter(Boolean));
const config = loadConfig({ EMBEDDINGS: 'lexical', LOG_LEVEL: 'silent' });

async function open(corpusDir: string) {
  const evalConfig = { ...config, corpusDir, indexDir: evalIndexDir(config, corpusDir) };
  await ingest(evalConfig);
  const index = await FileIndexReader.open(evalConfig.indexDir);
  const embedder = await createEmbedder(evalConfig, silentLogger, index.stats.embedderId);
  return (p: Params) => new HybridRetriever(index, embedder, { k: 5, denseWeight: p.denseWeight, queryWeights: p });
}

const sets: DataSet[] = [];
for (const file of values.squad!) {
  const squad = await readSquad(file);
  const key = createHash('sha256').update(await readFile(file)).digest('hex').slice(0, 16);
  const corpusDir = path.join(path.dirname(config.indexDir), 'eval', `squad-${key}`, 'corpus');
  await writeSquadCorpus(corpusDir, squad.documents);
  const answerable = squad.questions.filter(isAnswerable);
  const article = (q: EvalQuestion) => q.docs[0]!.replace(/^\d+-/, '').replace(/-\d+\.txt$/, '');
  sets.push({
    name: path.basename(file),
    retrieverFor: await open(corpusDir),
    fit: answerable.filter((q) => !held.has(article(q))),
    held: answerable.filter((q) => held.has(article(q))),
  });
}
for (const file of values.questions!) {
  const questions = (await readQuestionSet(file)).filter(isAnswerable);
  sets.push({ name: path.basename(file), retrieverFor: await open(path.resolve(values.corpus ?? config.corpusDir)), fit: [], held: questions });
}

async function hits(retriever: HybridRetriever, questions: EvalQuestion[]): Promise<{ at1: number; at5: number; n: number }> {
  let at1 = 0;
  let at5 = 0;
  for (const q of questions) {
    const docs = (await retriever.retrieve(q.question, 5)).passages.map((p) => p.doc.id);
    if (q.docs.includes(docs[0] ?? '')) at1++;
    if (docs.some((d) => q.docs.includes(d))) at5++;
  }
  return { at1, at5, n: questions.length };
}

async function measure(p: Params, part: 'fit' | 'held'): Promise<{ score: number; lines: string[] }> {
  let at1 = 0;
  let at5 = 0;
  let n = 0;
  const lines: string[] = [];
  for (const s of sets) {
    const qs = s[part];
    if (!qs.length) continue;
    const h = await hits(s.retrieverFor(p), qs);
    at1 += h.at1;
    at5 += h.at5;
    n += h.n;
    lines.push(`  ${part} ${s.name}: n=${h.n} doc_hit_at_1=${pct(h.at1, h.n)}% doc_hit_at_5=${pct(h.at5, h.n)}%`);
  }
  return { score: n ? (at5 + at1 / 2) / n : 0, lines };
}

const pct = (a: number, n: number) => ((100 * a) / n).toFixed(1);
const GRID: Record<keyof Params, number[]> = {
  spelling: [0.6, 0.8, 0.9, 1],
  synonym: [0, 0.1, 0.2, 0.3, 0.4, 0.6],
  related: [0, 0.1, 0.2, 0.3],
  synonymOfPresent: [0, 0.25, 0.5, 1],
  denseWeight: [0, 0.01, 0.05, 0.1, 0.25, 0.5],
};

const off: Params = { spelling: 0, synonym: 0, related: 0, synonymOfPresent: 0, denseWeight: 0.5 };
for (const [label, p] of [['no expansion', off], ['defaults', { ...DEFAULT_WEIGHTS, denseWeight: 0.5 }]] as const) {
  console.log(label, JSON.stringify(p));
  for (const part of ['fit', 'held'] as const) console.log((await measure(p, part)).lines.join('\n'));
}
let best: Params = { ...DEFAULT_WEIGHTS, denseWeight: 0.01 };
let bestScore = (await measure(best, 'fit')).score;
for (let round = 0; round < 2; round++)
  for (const key of Object.keys(GRID) as Array<keyof Params>)
    for (const v of GRID[key]) {
      if (v === best[key]) continue;
      const trial = { ...best, [key]: v };
      const { score } = await measure(trial, 'fit');
      console.log(`round ${round + 1} ${key}=${v}: fit score ${score.toFixed(4)} (best ${bestScore.toFixed(4)})`);
      if (score > bestScore + 1e-9) ((best = trial), (bestScore = score));
    }
console.log('fitted', JSON.stringify(best));
for (const part of ['fit', 'held'] as const) console.log((await measure(best, part)).lines.join('\n'));
