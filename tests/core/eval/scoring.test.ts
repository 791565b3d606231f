import { describe, expect, it } from 'vitest';
import type { EvalQuestion } from '../../../src/core/eval/question-set.js';
import {
  formatResult,
  formatSummary,
  median,
  missingGroups,
  scoreQuestion,
  stripCitations,
  stripMarkup,
  summarize,
  type Observation,
} from '../../../src/core/eval/scoring.js';

const q = (over: Partial<EvalQuestion>): EvalQuestion => ({ id: 'q', question: '?', docs: ['a.txt'], expect: [['127']], kind: 'fact', ...over });
const obs = (over: Partial<Observation>): Observation => ({
  answer: '',
  abstained: false,
  citedDocs: [],
  retrievedDocs: [],
  latencyMs: 1,
  ...over,
});

describe('answer matching', () => {
  it('ignores citation markers and case, and needs every expect group', () => {
    expect(stripCitations('It was 127 [1] and NAM [2].')).toBe('It was 127 and NAM.');
    expect(missingGroups('A total of 127 countries [1]', [['127']])).toEqual([]);
    expect(missingGroups('backed by the non-aligned movement [1]', [['Non-Aligned Movement', 'NAM']])).toEqual([]);
    expect(missingGroups('127 countries [1]', [['127'], ['Uganda']])).toEqual([['Uganda']]);
  });

  it('does not let a citation marker supply the answer', () => {
    expect(missingGroups('See the source [1]', [['1']])).toEqual([['1']]);
  });
});

describe('scoreQuestion', () => {
  it('counts a right answer citing a right document', () => {
    const r = scoreQuestion(q({}), obs({ answer: 'A total of 127 countries [1]', citedDocs: ['a.txt'], retrievedDocs: ['b.txt', 'a.txt'] }));
    expect(r).toMatchObject({ ok: true, answerCorrect: true, citationCorrect: true, docHitAt1: false, docHitAt5: true, answerChars: 28 });
  });

  it('separates a right answer from a wrong citation', () => {
    const r = scoreQuestion(q({}), obs({ answer: '127 [1]', citedDocs: ['b.txt'], retrievedDocs: ['a.txt'] }));
    expect(r).toMatchObject({ ok: false, answerCorrect: true, citationCorrect: false, docHitAt1: true });
  });

  it('counts an abstention on an answerable question as wrong, even if the text matched', () => {
    const r = scoreQuestion(q({ expect: [['corpus']] }), obs({ answer: 'I could not find an answer to that in the corpus.', abstained: true }));
    expect(r).toMatchObject({ ok: false, answerCorrect: false, citationCorrect: false, abstained: true, answerChars: 0 });
    expect(r.missing).toEqual([['corpus']]);
  });

  it('counts an abstention on an unanswerable question as right, and an answer as wrong', () => {
    const none = q({ docs: [], expect: [], kind: 'unanswerable' });
    expect(scoreQuestion(none, obs({ abstained: true })).ok).toBe(true);
    expect(scoreQuestion(none, obs({ answer: 'Lima [1]', citedDocs: ['a.txt'] })).ok).toBe(false);
  });

  it('looks only at the first five retrieved passages for doc_hit_at_5', () => {
    const r = scoreQuestion(q({}), obs({ retrievedDocs: ['b', 'c', 'd', 'e', 'f', 'a.txt'] }));
    expect(r.docHitAt5).toBe(false);
  });
});

describe('summary', () => {
  const results = [
    scoreQuestion(q({ id: 'a1' }), obs({ answer: '127 [1]', citedDocs: ['a.txt'], retrievedDocs: ['a.txt'], latencyMs: 2 })),
    scoreQuestion(q({ id: 'a2' }), obs({ answer: 'twelve [1]', citedDocs: ['a.txt'], retrievedDocs: ['b.txt', 'a.txt'], latencyMs: 4 })),
    scoreQuestion(q({ id: 'a3' }), obs({ answer: 'none', abstained: true, latencyMs: 6 })),
    scoreQuestion(q({ id: 'u1', docs: [], expect: [], kind: 'unanswerable' }), obs({ answer: 'none', abstained: true, latencyMs: 8 })),
  ];

  it('computes every metric over the right questions', () => {
    expect(summarize(results)).toEqual({
      questions: 4,
      answerable: 3,
      answerAccuracy: 100 / 3,
      citationAccuracy: 200 / 3,
      docHitAt1: 100 / 3,
      docHitAt5: 200 / 3,
      abstainPrecision: 50,
      abstainRecall: 100,
      medianAnswerChars: 8.5,
      medianLatencyMs: 5,
      boldRight: 0,
      boldWrong: 0,
    });
  });

  it('prints the summary line in the exact format, one decimal for percentages and latency', () => {
    expect(formatSummary(summarize(results))).toBe(
      'eval: questions=4 answerable=3 answer_accuracy=33.3% citation_accuracy=66.7% doc_hit_at_1=33.3% doc_hit_at_5=66.7% ' +
        'abstain_precision=50.0% abstain_recall=100.0% median_answer_chars=9 median_latency_ms=5.0 bold_right=0.0% bold_wrong=0.0%',
    );
  });

  it('scores the bold of a right answer against the gold answers, as words', () => {
    const right = (answer: string, expect = [['127']]) => scoreQuestion(q({ expect }), obs({ answer, citedDocs: ['a.txt'] })).bold;
    expect(right('A total of **127** countries have joined. [1]')).toBe('right');
    // The answer holds 127, but the bold is a date: a reader's eye goes to the wrong thing.
    expect(right('On **23 November** the 127 countries met. [1]')).toBe('wrong');
    expect(right('A total of 127 countries have joined. [1]')).toBeUndefined();
    // Inside a gold answer counts ("**4**" of "4 years"), a part of a word does not ("**4**" of "48").
    expect(right('for the past **4** years [1]', [['4 years']])).toBe('right');
    expect(right('it received **4** of 48 [1]', [['48']])).toBe('wrong');
    // A wrong answer's bold is not scored.
    expect(right('On **23 November** they met. [1]')).toBeUndefined();
    const s = summarize([
      scoreQuestion(q({ id: 'b1' }), obs({ answer: 'A total of **127** countries [1]', citedDocs: ['a.txt'] })),
      scoreQuestion(q({ id: 'b2' }), obs({ answer: 'On **23 November**, 127 countries [1]', citedDocs: ['a.txt'] })),
      scoreQuestion(q({ id: 'b3' }), obs({ answer: '127 countries [1]', citedDocs: ['a.txt'] })),
      scoreQuestion(q({ id: 'b4' }), obs({ answer: 'It was **Uganda** [1]', citedDocs: ['a.txt'] })),
    ]);
    expect([s.boldRight, s.boldWrong]).toEqual([100 / 3, 100 / 3]);
  });

  it('reports 0% for a metric with nothing to count', () => {
    const line = formatSummary(summarize([results[0]!]));
    expect(line).toContain('abstain_precision=0.0% abstain_recall=0.0%');
  });

  it('prints one line per question: id, ok|wrong, cited documents, first 100 characters', () => {
    const long = scoreQuestion(q({ id: 'x' }), obs({ answer: `127 ${'word '.repeat(40)}[1]`, citedDocs: ['a.txt', 'a.txt', 'b.txt'] }));
    const printed = formatResult(long);
    expect(printed.startsWith('x ok a.txt,b.txt 127 word')).toBe(true);
    expect(printed.length).toBe('x ok a.txt,b.txt '.length + 100);
    expect(formatResult(results[2]!)).toBe('a3 wrong - none');
  });

  it('takes the middle of an odd list and the mean of the middle pair of an even one', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});

describe('markup and the naive baseline in the scores', () => {
  it('matches the answer without its [n] markers and **bold**', () => {
    expect(stripMarkup('A total of **127** countries [1].')).toBe('A total of 127 countries.');
    expect(missingGroups('The call was launched on **September** 21 [1]', [['September 21']])).toEqual([]);
  });

  it('scores the baseline on the same question and appends its keys to the summary line, keeping the others', () => {
    const question = q({ id: 'b', expect: [['127']] });
    const r = scoreQuestion(question, obs({ answer: 'It was 127 [1]', citedDocs: ['a.txt'], baseline: { answer: 'Nothing here.', citedDocs: ['a.txt'] } }));
    expect(r.baseline).toEqual({ answerCorrect: false, citationCorrect: true, answerChars: 13 });
    expect(formatResult(r).startsWith('b ok base=wrong a.txt')).toBe(true);
    const line = formatSummary(summarize([r]));
    expect(line).toMatch(/^eval: questions=1 answerable=1 answer_accuracy=100\.0% citation_accuracy=100\.0% /);
    expect(line).toMatch(/ baseline_answer_accuracy=0\.0% baseline_citation_accuracy=100\.0% baseline_median_answer_chars=13 margin=\+100\.0$/);
  });
});
