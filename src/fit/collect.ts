import type { AnswerRequest, Answerer } from '../core/answerer.js';
import type { CoreConfig } from '../core/config.js';
import { Footnote } from '../core/engine.js';
import { loadEvalSet, type EvalSetSpec } from '../core/eval/eval-set.js';
import type { EvalQuestion } from '../core/eval/question-set.js';
import type { Logger } from '../core/logger.js';
import { indexBackend } from '../core/storage/backend.js';

export interface Example {
  set: string;
  question: EvalQuestion;
  /** What the engine hands the answerer for this question (retrieved passages, idf, document texts). */
  request: AnswerRequest;
}

/**
 * Asks every question of a set through the real engine (ingest, retrieval,
 * the same request the answerer gets in production) and keeps the requests,
 * so the models are fitted on exactly what they will see.
 */
export async function collect(name: string, spec: EvalSetSpec, config: CoreConfig, logger: Logger): Promise<Example[]> {
  const set = await loadEvalSet(config, spec);
  await indexBackend(set.config, logger).ingest({});
  let captured: AnswerRequest | null = null;
  const recorder: Answerer = {
    id: 'recorder',
    answer: async (request) => {
      captured = request;
      return { text: '', abstained: true, citations: [] };
    },
  };
  const engine = await Footnote.open(set.config, { logger, answerer: recorder });
  const out: Example[] = [];
  for (const question of set.questions) {
    captured = null;
    await engine.ask(question.question);
    if (captured) out.push({ set: name, question, request: captured });
  }
  return out;
}
