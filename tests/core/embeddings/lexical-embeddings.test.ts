import { describe, expect, it } from 'vitest';
import { LexicalEmbeddings } from '../../../src/core/embeddings/lexical-embeddings.js';

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('LexicalEmbeddings', () => {
  const e = new LexicalEmbeddings();

  it('produces unit vectors of the configured dimension, deterministically', async () => {
    const [a, b] = await e.embedDocuments(['Azerbaijan joined the call.', 'Azerbaijan joined the call.']);
    expect(a).toHaveLength(e.dimension);
    expect(Math.sqrt(dot(a!, a!))).toBeCloseTo(1, 5);
    expect(b).toEqual(a);
    expect(e.id).toBe(`lexical-hash-v1-${e.dimension}`);
  });

  it('places texts about the same thing closer than unrelated ones', async () => {
    const q = await e.embedQuery('How many countries joined the ceasefire?');
    const [near, far] = await e.embedDocuments([
      '127 countries have joined the ceasefire call.',
      'Commercial gas production grew over six percent.',
    ]);
    expect(dot(q, near!)).toBeGreaterThan(dot(q, far!) + 0.1);
  });

  it('relates inflections and misspellings through stems and character trigrams', async () => {
    const q = await e.embedQuery('negotiations extended');
    const [typo, other] = await e.embedDocuments(['negotiatons were extnded', 'weather was sunny']);
    expect(dot(q, typo!)).toBeGreaterThan(dot(q, other!));
  });

  it('maps text without words to a zero vector instead of NaN', async () => {
    const v = await e.embedQuery('?!');
    expect(v.every((x) => x === 0)).toBe(true);
  });
});
