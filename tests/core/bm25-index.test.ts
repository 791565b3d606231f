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

/** BM25 by scoring every chunk, the definition the pruned search must agree with. */
function exhaustive(docs: string[][], query: Array<{ term: string; weight: number }>, k: number, allow?: (id: number) => boolean) {
  const n = docs.length;
  const avg = docs.reduce((a, d) => a + d.length, 0) / n;
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const scored = docs.map((d, id) => {
    let score = 0;
    for (const { term, weight } of query) {
      const tf = d.filter((t) => t === term).length;
      if (!tf) continue;
      const idf = Math.log(1 + (n - df.get(term)! + 0.5) / (df.get(term)! + 0.5));
      score += (weight * idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * d.length) / avg));
    }
    return { id, score };
  });
  return scored.filter((h) => h.score > 0 && (!allow || allow(h.id))).sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
}

describe('Bm25Index pruned search', () => {
  // A seeded corpus where a few words are everywhere and most are rare, as in real text: the common words' long
  // postings are where the search stops scanning once the top k is settled.
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const vocabulary = Array.from({ length: 300 }, (_, i) => `w${i}`);
  const pick = () => vocabulary[Math.floor(vocabulary.length * random() ** 3)]!;
  const docs = Array.from({ length: 2000 }, () => Array.from({ length: 5 + Math.floor(random() * 40) }, pick));
  const queries = Array.from({ length: 60 }, () => Array.from({ length: 2 + Math.floor(random() * 8) }, () => ({ term: pick(), weight: random() < 0.3 ? 0.1 : 1 })));
  const dedupe = (q: Array<{ term: string; weight: number }>) => [...new Map(q.map((x) => [x.term, Math.max(x.weight, ...q.filter((y) => y.term === x.term).map((y) => y.weight))]))].map(([term, weight]) => ({ term, weight }));
  const same = (got: Array<{ id: number; score: number }>, want: Array<{ id: number; score: number }>) => {
    expect(got.map((h) => h.id)).toEqual(want.map((h) => h.id));
    got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 4));
  };

  it('returns the same top k as scoring every chunk, for any k and with a scope filter', () => {
    const index = Bm25Index.build(docs);
    const even = (id: number) => id % 2 === 0;
    for (const q of queries) {
      const all = exhaustive(docs, dedupe(q), 30);
      const evens = exhaustive(docs, dedupe(q), 30, even);
      for (const k of [1, 5, 30]) {
        same(index.searchWeighted(q, k), all.slice(0, k));
        same(index.searchWeighted(q, k, even), evens.slice(0, k));
      }
    }
  });

  it('stays exact after an incremental update moves every chunk', () => {
    const size = docs.length;
    const keep = new Int32Array(size).map((_, i) => size - 1 - i);
    const updated = Bm25Index.update(Bm25Index.build(docs), keep, new Map(), size);
    const reversed = [...docs].reverse();
    for (const q of queries) same(updated.searchWeighted(q, 10), exhaustive(reversed, dedupe(q), 10));
    // …and it put every term's postings back in chunk order, which the search looks chunks up in.
    const { offsets, postingIds } = updated.data;
    for (let t = 0; t + 1 < offsets.length; t++) for (let p = offsets[t]! + 1; p < offsets[t + 1]!; p++) expect(postingIds[p]! > postingIds[p - 1]!).toBe(true);
  });

  it('stays exact on an index whose postings are out of chunk order (written by an older version)', () => {
    const { data } = Bm25Index.build(docs);
    for (let t = 0; t < data.terms.length; t++) {
      data.postingIds.subarray(data.offsets[t], data.offsets[t + 1]).reverse();
      data.postingTfs.subarray(data.offsets[t], data.offsets[t + 1]).reverse();
    }
    const index = new Bm25Index(data);
    for (const q of queries) same(index.searchWeighted(q, 10), exhaustive(docs, dedupe(q), 10));
  });
});
