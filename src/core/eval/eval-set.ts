import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CoreConfig } from '../config.js';
import { readQuestionSet, type EvalQuestion } from './question-set.js';
import { evalIndexDir } from './runner.js';
import { readSquad, writeSquadCorpus } from './squad.js';
import { selectQuestions, type SubsetOptions } from './subset.js';

/** A question set and the corpus it is asked against: a JSON-lines set over a folder, or a SQuAD file. */
export interface EvalSetSpec {
  questions?: string;
  squad?: string;
  /** Corpus folder for `questions` (default: the configured corpus). */
  corpus?: string;
  subset?: SubsetOptions;
}

export interface EvalSet {
  questions: EvalQuestion[];
  /** The configuration to ingest and open: its own corpus and its own index folder. */
  config: CoreConfig;
}

/**
 * Reads the questions (the chosen subset) and, for SQuAD, writes its corpus
 * (every paragraph a document) next to the index; the returned config points
 * at a dedicated index so an evaluation never touches the bot's.
 */
export async function loadEvalSet(config: CoreConfig, spec: EvalSetSpec): Promise<EvalSet> {
  let questions: EvalQuestion[];
  let corpusDir: string;
  if (spec.squad) {
    const squad = await readSquad(spec.squad);
    const bytes = await readFile(spec.squad);
    const key = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    corpusDir = path.join(path.dirname(config.indexDir), 'eval', `squad-${key}`, 'corpus');
    await writeSquadCorpus(corpusDir, squad.documents);
    questions = selectQuestions(squad.questions, squad.articles, spec.subset ?? {});
  } else {
    questions = selectQuestions(await readQuestionSet(spec.questions!), null, spec.subset ?? {});
    corpusDir = path.resolve(spec.corpus ?? config.corpusDir);
  }
  const indexDir = evalIndexDir(config, corpusDir);
  // On Postgres, the same per-corpus separation as a schema of its own.
  const database = config.database && { ...config.database, schema: `${config.database.schema}_eval_${path.basename(indexDir)}` };
  return { questions, config: { ...config, corpusDir, indexDir, database } };
}
