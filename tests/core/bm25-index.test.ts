import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/core/bm25-index.js';
import { terms } from '../../src/core/text.js';

const docs = [
  'The ceasefire call was backed by the Non-Aligned Movement.',
  'Gas production grew by six percent this year.',
  'The ceasefire ceasefire ceasefire appeal gained support from many countries.',
  'A short note about the weather in Baku.',
].map(terms);

describe('Bm25Index', () => {
  const index = Bm25Index.build(docs);

  it('ranks documents holding the query terms first', () => {
    const hits = index.search(terms('gas production'), 3);
    expect(hits[0]!.id).toBe(1);
    expect(hits).toHaveLength(1);
  });

  it('weights rare terms above common ones', () => {
    const hits = index.search(terms('ceasefire movement'), 4);
    expect(hits[0]!.id).toBe(0); // holds the rare term "movement" as well
    expect(hits.map((h) => h.id)).toContain(2);
    const [movement, ceasefire] = terms('movement ceasefire');
    expect(index.idf(movement!)).toBeGreaterThan(index.idf(ceasefire!));
  });

  it('matches inflected forms through stemming', () => {
    expect(index.search(terms('countries supporting'), 1)[0]!.id).toBe(2);
  });

  it('returns nothing for unknown terms and gives them the highest idf', () => {
    expect(index.search(terms('plov recipe'), 5)).toEqual([]);
    expect(index.idf('plov')).toBeGreaterThan(index.idf(terms('movement')[0]!));
  });

  it('scales each term by its weight, so an expansion term ranks below the question’s own word', () => {
    const [gas, movement] = terms('gas movement');
    const even = index.searchWeighted([{ term: gas!, weight: 1 }, { term: movement!, weight: 1 }], 4);
    const gasFirst = index.searchWeighted([{ term: gas!, weight: 1 }, { term: movement!, weight: 0.2 }], 4);
    const movementFirst = index.searchWeighted([{ term: gas!, weight: 0.2 }, { term: movement!, weight: 1 }], 4);
    expect(gasFirst[0]!.id).toBe(1);
    expect(movementFirst[0]!.id).toBe(0);
    expect(gasFirst.find((h) => h.id === 0)!.score).toBeCloseTo(0.2 * even.find((h) => h.id === 0)!.score, 4);
  });

  it('gives the same results on repeated queries (scratch scores are reset)', () => {
    const a = index.search(terms('ceasefire'), 4);
    const b = index.search(terms('ceasefire'), 4);
    expect(b).toEqual(a);
  });
});
