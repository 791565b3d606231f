import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Footnote } from '../../../src/core/engine.js';
import { NaiveBaseline } from '../../../src/core/eval/baseline.js';
import { readQuestionSet } from '../../../src/core/eval/question-set.js';
import { runEval } from '../../../src/core/eval/runner.js';
import { formatSummary, summarize, type EvalSummary } from '../../../src/core/eval/scoring.js';
import { readSquad, writeSquadCorpus } from '../../../src/core/eval/squad.js';
import { ingest } from '../../../src/core/ingest.js';
import { copySeedCorpus, tempDir, testConfig } from '../../helpers/temp.js';

const fixture = (name: string) => path.resolve(import.meta.dirname, '../../fixtures', name);

async function openEngine(root: string): Promise<{ engine: Footnote; baseline: NaiveBaseline }> {
  const config = testConfig(root);
  await ingest(config);
  const engine = await Footnote.open(config);
  const docs: Array<{ id: string; text: string }> = [];
  for (const d of engine.docs()) {
    const s = await engine.source(d.id);
    docs.push({ id: d.id, text: s.kind === 'document' ? s.text : s.chunk.text });
  }
  return { engine, baseline: new NaiveBaseline(docs) };
}

/**
 * Floors (not exact figures) under answer quality on small copies of the dev sets, lexical embedder.
 * Sixteen paragraphs of the held-out SQuAD article Steam_engine (CC BY-SA 4.0, Rajpurkar et al.) with
 * their original and chat-style questions, and the chat-style seed paraphrase set. Measured figures are
 * above each test; the floors sit some points below so that a refit does not fail the suite.
 */
describe('answer quality floors on dev-set fixtures (lexical embedder)', () => {
  const cleanups: Array<() => Promise<void>> = [];
  let squad: EvalSummary;
  let informal: EvalSummary;
  let paraphrase: EvalSummary;
  let misspelt: EvalSummary;
  let formal: EvalSummary;

  beforeAll(async () => {
    const t = await tempDir('footnote-floors-squad-');
    cleanups.push(t.cleanup);
    const set = await readSquad(fixture('squad2-dev-steam-engine.json'));
    await writeSquadCorpus(path.join(t.dir, 'corpus'), set.documents);
    const { engine, baseline } = await openEngine(t.dir);
    squad = summarize(await runEval(engine, set.questions, { baseline }));
    const chat = await readSquad(fixture('squad2-informal-steam-engine.json'));
    informal = summarize(await runEval(engine, chat.questions, { baseline }));

    const s = await tempDir('footnote-floors-seed-');
    cleanups.push(s.cleanup);
    await copySeedCorpus(s.dir);
    const seed = await openEngine(s.dir);
    const paraphrases = await readQuestionSet(fixture('seed-paraphrase.dev.jsonl'));
    paraphrase = summarize(await runEval(seed.engine, paraphrases, { baseline: seed.baseline }));
    misspelt = summarize(await runEval(seed.engine, paraphrases.map((q) => ({ ...q, question: withTypo(q.question) })), { baseline: seed.baseline }));
    const nearMisses = await readQuestionSet(path.resolve(import.meta.dirname, '../../../src/fit/data/seed-verbatim-2.dev.jsonl'));
    formal = summarize(await runEval(seed.engine, nearMisses, { baseline: seed.baseline }));
  }, 240_000);
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  // Measured: 90.4% answers (baseline 94.5% on these 16 paragraphs), abstain precision 75.0%, recall 19.0%, median 253.
  it('SQuAD article not fitted on: answers, near the naive baseline, abstains with some precision, stays short', () => {
    const line = formatSummary(squad);
    expect(squad.answerAccuracy, line).toBeGreaterThanOrEqual(FLOORS.squadAnswer);
    expect(squad.answerAccuracy, line).toBeGreaterThanOrEqual(squad.baseline!.answerAccuracy - 8);
    expect(squad.abstainRecall, line).toBeGreaterThanOrEqual(FLOORS.squadAbstainRecall);
    expect(squad.abstainPrecision, line).toBeGreaterThanOrEqual(FLOORS.squadAbstainPrecision);
    expect(squad.medianAnswerChars, line).toBeLessThanOrEqual(300);
  });

  // Measured: 73.3% answers, 11 of 15 (baseline 93.3%); 4 of the 5 abstentions are answerable questions.
  it('chat-style rewrites of those questions', () => {
    expect(informal.answerAccuracy, formatSummary(informal)).toBeGreaterThanOrEqual(FLOORS.informalAnswer);
  });

  // Measured: 80.0% answers, abstain recall 70.0%, median 363 (the seed corpus's sentences are long, and a runner-up
  // joins when the ranker is unsure; target 300 not met yet).
  it('chat-style paraphrases on the seed corpus: answers and abstains', () => {
    const line = formatSummary(paraphrase);
    expect(paraphrase.answerAccuracy, line).toBeGreaterThanOrEqual(FLOORS.paraphraseAnswer);
    expect(paraphrase.abstainRecall, line).toBeGreaterThanOrEqual(FLOORS.paraphraseAbstainRecall);
    expect(paraphrase.medianAnswerChars, line).toBeLessThanOrEqual(390);
  });

  // Measured: 88.9% answers (baseline 94.4%), abstain precision 84.6%, recall 45.8% (11 of 24, 9 before session 54's
  // changes): questions in the documents' own words, whose unanswerable ones change one detail of a sentence.
  it('formal questions with near-miss unanswerable ones: answers, and declines some near misses', () => {
    const line = formatSummary(formal);
    expect(formal.answerAccuracy, line).toBeGreaterThanOrEqual(FLOORS.formalAnswer);
    expect(formal.abstainRecall, line).toBeGreaterThanOrEqual(FLOORS.formalAbstainRecall);
    expect(formal.abstainPrecision, line).toBeGreaterThanOrEqual(FLOORS.formalAbstainPrecision);
  });

  // Measured: 88.6% answers with one typo in every question, as without (abstain recall 90.0% against 80.0%). Before
  // the abstainer stopped reading a spelling correction as a sign of "not in the corpus" (SQuAD 2.0's unanswerable
  // questions carry more typos than its answerable ones, and the fit learnt that), the typos cost 8.6 points (80.0%).
  it('a typo in every question answers as the question spelt right does', () => {
    expect(misspelt.answerAccuracy, formatSummary(misspelt)).toBeGreaterThanOrEqual(paraphrase.answerAccuracy - 5);
    expect(misspelt.abstainRecall, formatSummary(misspelt)).toBeGreaterThanOrEqual(FLOORS.paraphraseAbstainRecall);
  });
});

/**
 * The question with one typo, as people make them: the two middle letters of its longest lower-case word (six
 * letters or more) swapped, or where they are one letter doubled, one of them dropped.
 */
function withTypo(question: string): string {
  let longest: RegExpMatchArray | null = null;
  for (const m of question.matchAll(/(?<!\p{L})[a-z]{6,}(?!\p{L})/gu))
    if (!longest || m[0].length > longest[0].length) longest = m;
  if (!longest) return question;
  const w = longest[0];
  const i = Math.floor(w.length / 2) - 1;
  const typo = w[i] === w[i + 1] ? w.slice(0, i) + w.slice(i + 1) : w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  return question.slice(0, longest.index) + typo + question.slice(longest.index! + w.length);
}

const FLOORS = {
  squadAnswer: 85,
  squadAbstainRecall: 5,
  squadAbstainPrecision: 50,
  informalAnswer: 60,
  paraphraseAnswer: 65,
  paraphraseAbstainRecall: 50,
  formalAnswer: 80,
  formalAbstainRecall: 33,
  formalAbstainPrecision: 70,
};
