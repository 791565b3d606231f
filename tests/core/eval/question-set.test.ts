import { describe, expect, it } from 'vitest';
import { isAnswerable, parseQuestionSet, QuestionSetError } from '../../../src/core/eval/question-set.js';

const line = (o: object) => JSON.stringify(o);
const fact = { id: 'q1', question: 'How many?', docs: ['a.txt'], expect: [['127']], kind: 'fact' };
const none = { id: 'q2', question: 'What is the capital of Peru?', docs: [], expect: [], kind: 'unanswerable' };

describe('parseQuestionSet', () => {
  it('reads one question a line and skips blank lines', () => {
    const qs = parseQuestionSet(`${line(fact)}\n\n${line(none)}\n`);
    expect(qs.map((q) => q.id)).toEqual(['q1', 'q2']);
    expect(qs[0]).toMatchObject({ docs: ['a.txt'], expect: [['127']], kind: 'fact' });
    expect(qs.map(isAnswerable)).toEqual([true, false]);
  });

  it('names the file and line of a line that is not JSON', () => {
    expect(() => parseQuestionSet(`${line(fact)}\n{"id": "q2",`, 'dev.jsonl')).toThrow(/^dev\.jsonl line 2: not valid JSON/);
  });

  it.each([
    [{ ...fact, id: '' }, /line 1: "id"/],
    [{ ...fact, question: 3 }, /line 1: "question"/],
    [{ ...fact, docs: 'a.txt' }, /line 1: "docs"/],
    [{ ...fact, expect: ['127'] }, /line 1: "expect" must be a list of non-empty lists/],
    [{ ...fact, expect: [[]] }, /line 1: "expect"/],
    [{ ...fact, kind: 'trivia' }, /line 1: "kind" must be one of fact, multi, unanswerable/],
    [{ ...fact, docs: [] }, /line 1: "docs" is empty but kind is "fact"/],
    [{ ...none, docs: ['a.txt'] }, /line 1: an "unanswerable" question must have empty/],
    [[1, 2], /line 1: expected a JSON object/],
  ])('rejects a malformed line with one clear message (%#)', (value, message) => {
    const err = (() => {
      try {
        parseQuestionSet(line(value));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(QuestionSetError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });

  it('rejects duplicate ids, naming both lines', () => {
    expect(() => parseQuestionSet(`${line(fact)}\n${line(fact)}`)).toThrow(/line 2: duplicate id "q1" \(first on line 1\)/);
  });

  it('rejects an empty set', () => {
    expect(() => parseQuestionSet('\n\n', 'empty.jsonl')).toThrow(/empty\.jsonl: no questions/);
  });

  it('parses the seed dev set fixture', async () => {
    const { readQuestionSet } = await import('../../../src/core/eval/question-set.js');
    const qs = await readQuestionSet(new URL('../../fixtures/seed-questions.dev.jsonl', import.meta.url).pathname);
    expect(qs.length).toBe(24);
    expect(qs.filter((q) => !isAnswerable(q)).length).toBe(3);
  });
});
