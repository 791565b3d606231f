import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Footnote } from '../../../src/core/engine.js';
import { readQuestionSet } from '../../../src/core/eval/question-set.js';
import { runEval } from '../../../src/core/eval/runner.js';
import { formatSummary, summarize, type QuestionResult } from '../../../src/core/eval/scoring.js';
import { ingest } from '../../../src/core/ingest.js';
import { copySeedCorpus, tempDir, testConfig } from '../../helpers/temp.js';

// A floor under answer quality on the seed dev set (measured: 95.2% answers / 95.2% citations / 3 of 3 abstain).
describe('seed dev set regression floor (lexical embedder)', () => {
  let cleanup = async () => {};
  let results: QuestionResult[] = [];

  beforeAll(async () => {
    const t = await tempDir('footnote-seed-eval-');
    cleanup = t.cleanup;
    await copySeedCorpus(t.dir);
    const config = testConfig(t.dir);
    await ingest(config);
    const engine = await Footnote.open(config);
    const questions = await readQuestionSet(path.resolve(import.meta.dirname, '../../fixtures/seed-questions.dev.jsonl'));
    results = await runEval(engine, questions);
  });
  afterAll(() => cleanup());

  it('answers at least 90% right, cites a right document at least 95% of the time, and abstains on all 3 unanswerable', () => {
    const summary = summarize(results);
    const wrong = results.filter((r) => !r.ok).map((r) => `${r.id}: ${r.answer.slice(0, 80)}`);
    expect(summary.answerAccuracy, `${formatSummary(summary)}\n${wrong.join('\n')}`).toBeGreaterThanOrEqual(90);
    expect(summary.citationAccuracy, wrong.join('\n')).toBeGreaterThanOrEqual(95);
    const unanswerable = results.filter((r) => !r.answerable);
    expect(unanswerable).toHaveLength(3);
    expect(unanswerable.every((r) => r.abstained)).toBe(true);
    expect(results.filter((r) => r.answerable && r.abstained)).toEqual([]);
  });
});
