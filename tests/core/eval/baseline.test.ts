import { describe, expect, it } from 'vitest';
import { NaiveBaseline } from '../../../src/core/eval/baseline.js';

const DOCS = [
  { id: 'a.txt', text: 'The ceasefire call was launched in September. A total of 127 countries have joined the ceasefire call. The weather was mild.' },
  { id: 'b.txt', text: 'Gas production grew by 6% last year. Exports rose as well.' },
  { id: 'c.txt', text: 'The summit opened in Lisbon. Forty delegations attended the summit.' },
];

describe('NaiveBaseline', () => {
  const baseline = new NaiveBaseline(DOCS);

  it('answers with the best BM25 sentences of the best documents, best first', () => {
    const a = baseline.answer('How many countries joined the ceasefire call?');
    expect(a.text.startsWith('A total of 127 countries have joined the ceasefire call.')).toBe(true);
    expect(a.docIds[0]).toBe('a.txt');
  });

  it('never abstains and keeps to two sentences within 500 characters', () => {
    const a = baseline.answer('What is the recipe for plov?');
    expect(a.text.length).toBeGreaterThan(0);
    const long = new NaiveBaseline([{ id: 'x', text: `${'Word '.repeat(150)}ends. ${'Other '.repeat(100)}ends. Third one.` }]);
    const b = long.answer('word other third');
    expect(b.text.length).toBeLessThanOrEqual(500);
  });
});
