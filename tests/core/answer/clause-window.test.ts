import { describe, expect, it } from 'vitest';
import { clauseWindow } from '../../../src/core/answer/clause-window.js';

const LONG =
  'Following a long meeting of the council in the capital, which had been postponed twice because of the weather, ' +
  'the ministers agreed on a new budget of 40 million euros for the northern railway, ' +
  'a decision that the opposition, the unions and several regional governments had called for since the spring of the previous year.';

describe('clauseWindow', () => {
  it('keeps a sentence within the limit whole', () => {
    expect(clauseWindow('A short sentence, with a comma.', 100, [], null)).toEqual({ start: 0, end: 31 });
  });

  it('quotes the clauses of a long sentence that hold the short answer and the question words', () => {
    const at = LONG.indexOf('40 million euros');
    const budget = LONG.indexOf('budget') + 'budget'.length;
    const w = clauseWindow(LONG, 150, [budget], { start: at, end: at + '40 million euros'.length });
    const text = LONG.slice(w.start, w.end);
    expect(text.length).toBeLessThanOrEqual(150);
    expect(text).toContain('a new budget of 40 million euros');
    expect(text).not.toMatch(/[,;\s]$/);
  });

  it('never cuts the short answer, even when the question words sit elsewhere', () => {
    const at = LONG.indexOf('the spring');
    const w = clauseWindow(LONG, 120, [LONG.indexOf('council') + 7], { start: at, end: at + 'the spring'.length });
    expect(LONG.slice(w.start, w.end)).toContain('the spring');
  });

  it('keeps the whole sentence when no run of clauses fits', () => {
    const w = clauseWindow('x'.repeat(500), 100, [], null);
    expect(w).toEqual({ start: 0, end: 500 });
  });
});
