import { createHash } from 'node:crypto';
import path from 'node:path';
import type { CoreConfig } from '../config.js';
import type { Footnote } from '../engine.js';
import { isUserError } from '../errors.js';
import type { Answer } from '../types.js';
import type { NaiveBaseline } from './baseline.js';
import type { EvalQuestion } from './question-set.js';
import { scoreQuestion, type QuestionResult } from './scoring.js';

/**
 * The index folder an evaluation of `corpusDir` uses: next to the main index,
 * under `eval/<hash of corpus path and index settings>`, so an evaluation never
 * touches the bot's index and a re-run with the same settings reuses its own.
 */
export function evalIndexDir(config: Pick<CoreConfig, 'indexDir' | 'chunkSize' | 'chunkOverlap' | 'embeddings' | 'model'>, corpusDir: string): string {
  const key = JSON.stringify([path.resolve(corpusDir), config.chunkSize, config.chunkOverlap, config.embeddings, config.model]);
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return path.join(path.dirname(config.indexDir), 'eval', hash);
}

/** Retrieved passages counted for doc_hit_at_5. */
const HIT_DEPTH = 5;

/** Asks every question through the engine (as the bot would, no history) and scores it. */
export async function runEval(
  engine: Footnote,
  questions: EvalQuestion[],
  options: { onResult?: (r: QuestionResult, i: number) => void; onAnswer?: (a: Answer) => void; baseline?: NaiveBaseline } = {},
): Promise<QuestionResult[]> {
  const results: QuestionResult[] = [];
  for (const [i, q] of questions.entries()) {
    // The baseline answers first, outside the engine's timing.
    const b = options.baseline?.answer(q.question);
    const baseline = b && { answer: b.text, citedDocs: b.docIds };
    const t0 = performance.now();
    let result: QuestionResult;
    try {
      const answer = await engine.ask(q.question);
      options.onAnswer?.(answer);
      const latencyMs = performance.now() - t0;
      // doc_hit_at_5 needs five passages even when TOP_K is smaller.
      const retrieved = answer.passages.length >= HIT_DEPTH ? answer.passages : await engine.search(q.question, HIT_DEPTH);
      result = scoreQuestion(q, {
        answer: answer.text,
        abstained: answer.abstained,
        citedDocs: answer.citations.map((c) => c.docId),
        retrievedDocs: retrieved.map((p) => p.doc.id),
        latencyMs,
        baseline,
      });
    } catch (err) {
      // A question the engine refuses (too long, no words) counts as an abstention with its message as the answer.
      if (!isUserError(err)) throw err;
      result = scoreQuestion(q, { answer: `error: ${err.message}`, abstained: true, citedDocs: [], retrievedDocs: [], latencyMs: performance.now() - t0, baseline });
    }
    results.push(result);
    options.onResult?.(result, i);
  }
  return results;
}
