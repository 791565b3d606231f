import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { Footnote } from '../../core/engine.js';
import { QuestionSetError, readQuestionSet, type EvalQuestion } from '../../core/eval/question-set.js';
import { evalIndexDir, runEval } from '../../core/eval/runner.js';
import { formatResult, formatSummary, summarize } from '../../core/eval/scoring.js';
import { readSquad, SquadFormatError, writeSquadCorpus } from '../../core/eval/squad.js';
import type { Answer } from '../../core/types.js';
import { indexBackend } from '../../core/storage/backend.js';
import { cliLogger, loadConfig, progressReporter } from '../context.js';

interface EvalOptions {
  questions?: string;
  squad?: string;
  corpus?: string;
  json?: string;
  answerer?: 'extractive' | 'llm';
}

export const evalCommand = () =>
  new Command('eval')
    .description('ask every question of a question set and score the answers (last line: the summary)')
    .option('--questions <file>', 'question set, one JSON object a line (format in the README; e.g. tests/fixtures/seed-questions.dev.jsonl)')
    .option('--corpus <dir>', 'corpus the questions are about (default: CORPUS_DIR)')
    .option('--squad <file>', 'SQuAD 2.0 JSON instead of --questions: every paragraph becomes a document')
    .option('--json <out>', 'also write the per-question results and the summary to this JSON file')
    .addOption(new Option('--answerer <kind>', 'answerer to evaluate (default: ANSWERER); llm adds unsupported_share').choices(['extractive', 'llm']))
    .action(async function (this: Command, opts: EvalOptions) {
      if (!opts.questions === !opts.squad) this.error('error: give exactly one of --questions FILE or --squad FILE', { exitCode: 1 });
      if (opts.squad && opts.corpus) this.error('error: --corpus cannot be used with --squad (the corpus is built from the SQuAD file)', { exitCode: 1 });
      const config = loadConfig(opts.answerer ? { ANSWERER: opts.answerer } : {});
      const logger = cliLogger(config.logLevel);

      let questions: EvalQuestion[];
      let corpusDir: string;
      try {
        if (opts.squad) {
          const squad = await readSquad(opts.squad);
          const bytes = await readFile(opts.squad);
          const key = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
          corpusDir = path.join(path.dirname(config.indexDir), 'eval', `squad-${key}`, 'corpus');
          await writeSquadCorpus(corpusDir, squad.documents);
          questions = squad.questions;
        } else {
          questions = await readQuestionSet(opts.questions!);
          corpusDir = path.resolve(opts.corpus ?? config.corpusDir);
        }
      } catch (err) {
        if (err instanceof QuestionSetError || err instanceof SquadFormatError) this.error(`error: ${err.message}`, { exitCode: 1 });
        throw err;
      }

      // A dedicated index per corpus and settings; ingest re-uses it when nothing changed.
      const indexDir = evalIndexDir(config, corpusDir);
      // On Postgres, the same per-corpus separation as a schema of its own.
      const database = config.database && { ...config.database, schema: `${config.database.schema}_eval_${path.basename(indexDir)}` };
      const evalConfig = { ...config, corpusDir, indexDir, database };
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
      const results = await runEval(engine, questions, { onResult: (r) => console.log(formatResult(r)), onAnswer });
      const summary = summarize(results);
      if (opts.json) {
        await mkdir(path.dirname(path.resolve(opts.json)), { recursive: true });
        await writeFile(opts.json, `${JSON.stringify({ corpus: corpusDir, embedder: engine.embedderId, summary, results }, null, 2)}\n`);
      }
      const share = config.answerer === 'llm' ? ` unsupported_share=${generated.sentences ? ((100 * generated.removed) / generated.sentences).toFixed(1) : '0.0'}%` : '';
      console.log(`${formatSummary(summary)}${share}`);
    });
