import { describe, expect, it } from 'vitest';
import type { EvalQuestion } from '../../../src/core/eval/question-set.js';
import { isHeldOut, selectQuestions, SubsetError } from '../../../src/core/eval/subset.js';

const qs: EvalQuestion[] = Array.from({ length: 30 }, (_, i) => ({ id: `q${i}`, question: `Q${i}?`, docs: [], expect: [], kind: 'unanswerable' }));
const articles = qs.map((_, i) => (i < 10 ? 'Normans' : i < 20 ? 'Steam_engine' : 'Immune_system'));

describe('selectQuestions', () => {
  it('keeps or drops whole articles by title, ignoring case', () => {
    expect(selectQuestions(qs, articles, { articles: ['steam_engine'] }).map((q) => q.id)).toEqual(qs.slice(10, 20).map((q) => q.id));
    expect(selectQuestions(qs, articles, { excludeArticles: ['Normans', 'Immune_system'] })).toHaveLength(10);
  });

  it('splits by id hash into a fit part and a held-out third that never overlap', () => {
    const fit = selectQuestions(qs, null, { part: 'fit' });
    const held = selectQuestions(qs, null, { part: 'held-out' });
    expect(fit.length + held.length).toBe(30);
    expect(held.length).toBeGreaterThan(3);
    expect(held.every((q) => isHeldOut(q.id))).toBe(true);
    // An informal rewrite ("-inf") falls on the same side as its original.
    expect(isHeldOut('q7-inf')).toBe(isHeldOut('q7'));
  });

  it('rejects an unknown title with the titles it knows, and titles without a SQuAD file', () => {
    expect(() => selectQuestions(qs, articles, { articles: ['Steam'] })).toThrow(SubsetError);
    expect(() => selectQuestions(qs, articles, { articles: ['Steam'] })).toThrow(/titles: Normans, Steam_engine, Immune_system/);
    expect(() => selectQuestions(qs, null, { articles: ['Normans'] })).toThrow(/need a SQuAD file/);
  });
});
