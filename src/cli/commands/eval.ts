import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { Footnote } from '../../core/engine.js';
import { NaiveBaseline } from '../../core/eval/baseline.js';
import { loadEvalSet, type EvalSet } from '../../core/eval/eval-set.js';
import { QuestionSetError } from '../../core/eval/question-set.js';
import { runEval } from '../../core/eval/runner.js';
import { formatResult, formatSummary, summarize } from '../../core/eval/scoring.js';
import { SquadFormatError } from '../../core/eval/squad.js';
import { PARTS, SubsetError, type SubsetOptions } from '../../core/eval/subset.js';
import { indexBackend } from '../../core/storage/backend.js';
import type { Answer } from '../../core/types.js';
import { cliLogger, loadConfig, progressReporter } from '../context.js';

interface EvalOptions {
  questions?: string;
  squad?: string;
  corpus?: string;
  json?: string;
  answerer?: 'extractive' | 'llm';
  articles?: string;
  excludeArticles?: string;
  part?: string;
  baseline: boolean;
}

const list = (s: string | undefined) => s?.split(',').map((t) => t.trim()).filter(Boolean);

export const evalCommand = () =>
  new Command('eval')
    .description('ask every question of a question set and score the answers (last line: the summary)')
    .option('--questions <file>', 'question set, one JSON object a line (format in the README; e.g. tests/fixtures/seed-questions.dev.jsonl)')
    .option('--corpus <dir>', 'corpus the questions are about (default: CORPUS_DIR)')
    .option('--squad <file>', 'SQuAD 2.0 JSON instead of --questions: every paragraph becomes a document')
    .option('--json <out>', 'also write the per-question results and the summary to this JSON file')
    .addOption(new Option('--answerer <kind>', 'answerer to evaluate (default: ANSWERER); llm adds unsupported_share').choices(['extractive', 'llm']))
    .option('--articles <titles>', 'SQuAD only: score only questions of these articles (comma-separated titles)')
    .option('--exclude-articles <titles>', 'SQuAD only: score every article but these (comma-separated titles)')
    .option('--part <part>', `score one part of the set, split by a hash of the question id: ${PARTS.join(' or ')} (a third)`)
    .option('--no-baseline', 'skip the naive BM25 baseline (computed in the same run by default)')
    .action(async function (this: Command, opts: EvalOptions) {
      if (!opts.questions === !opts.squad) this.error('error: give exactly one of --questions FILE or --squad FILE', { exitCode: 1 });
      if (opts.part && !(PARTS as readonly string[]).includes(opts.part)) this.error(`error: --part must be ${PARTS.join(' or ')}`, { exitCode: 1 });
      if (opts.squad && opts.corpus) this.error('error: --corpus cannot be used with --squad (the corpus is built from the SQuAD file)', { exitCode: 1 });
      const config = loadConfig(opts.answerer ? { ANSWERER: opts.answerer } : {});
      const logger = cliLogger(config.logLevel);

      const subset: SubsetOptions = {
        articles: list(opts.articles),
        excludeArticles: list(opts.excludeArticles),
        part: opts.part as SubsetOptions['part'],
      };
      let set: EvalSet;
      try {
        set = await loadEvalSet(config, { questions: opts.questions, squad: opts.squad, corpus: opts.corpus, subset });
      } catch (err) {
        if (err instanceof QuestionSetError || err instanceof SquadFormatError || err instanceof SubsetError) this.error(`error: ${err.message}`, { exitCode: 1 });
        throw err;
      }
      const { questions, config: evalConfig } = set;
      const corpusDir = evalConfig.corpusDir;

      // A dedicated index per corpus and settings; ingest re-uses it when nothing changed.
      const progress = progressReporter();
      try {
        const report = await indexBackend(evalConfig, logger).ingest({ onProgress: progress.onProgress });
        progress.stop();
        logger.info(`Index for ${corpusDir}: ${report.documents} documents, ${report.chunks} passages (${report.embedder}) at ${evalConfig.indexDir}`);
      } finally {
        progress.stop();
      }
      const engine = await Footnote.open(evalConfig, { logger });
      // unsupported_share: generated sentences the verifier removed, over all generated sentences.
      const generated = { sentences: 0, removed: 0 };
      const onAnswer = (a: Answer) => {
        generated.sentences += a.generated ?? 0;
        generated.removed += a.unsupported?.length ?? 0;
      };
      const baseline = opts.baseline ? await naiveBaseline(engine) : undefined;
      const results = await runEval(engine, questions, { baseline, onResult: (r) => console.log(formatResult(r)), onAnswer });
      const summary = summarize(results);
      if (opts.json) {
        await mkdir(path.dirname(path.resolve(opts.json)), { recursive: true });
        await writeFile(opts.json, `${JSON.stringify({ corpus: corpusDir, embedder: engine.embedderId, summary, results }, null, 2)}\n`);
      }
      const share = config.answerer === 'llm' ? ` unsupported_share=${generated.sentences ? ((100 * generated.removed) / generated.sentences).toFixed(1) : '0.0'}%` : '';
      console.log(`${formatSummary(summary)}${share}`);
    });

/** The naive baseline over every document of the engine's index. */
async function naiveBaseline(engine: Footnote): Promise<NaiveBaseline> {
  const docs: Array<{ id: string; text: string }> = [];
  for (const d of engine.docs()) {
    const source = await engine.source(d.id);
    docs.push({ id: d.id, text: source.kind === 'document' ? source.text : source.chunk.text });
  }
  return new NaiveBaseline(docs);
}
