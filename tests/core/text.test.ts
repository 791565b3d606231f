import { describe, expect, it } from 'vitest';
import { fastWords } from '../../src/core/embeddings/lexical-embeddings.js';
import { terms, words } from '../../src/core/text.js';

describe('words', () => {
  it('reads letters joined by full stops as one word, so "U.S." and "US" match', () => {
    expect(words('the U.S.-Azerbaijan relationship')).toEqual(['the', 'us', 'azerbaijan', 'relationship']);
    expect(terms('What does the US want?')).toContain(terms('U.S. Secretary of State')[0]);
    expect(words('U.K., U.S.A. and e.g. 9 a.m.')).toEqual(['uk', 'usa', 'and', 'eg', '9', 'am']);
  });

  it('keeps initials before a name, decimals and dotted names apart', () => {
    expect(words('J. Bayramov said 3.5 times at example.com')).toEqual(['j', 'bayramov', 'said', '3', '5', 'times', 'at', 'example', 'com']);
    expect(words('J.Bayramov')).toEqual(['j', 'bayramov']);
  });

  it('is matched exactly by the fast tokenizer the lexical embedder uses', () => {
    const cases = [
      'the U.S.-Azerbaijan relationship, U.K. and U.N.',
      'É.U. and Côte d’Ivoire, Ü.S.A.',
      'e.g., i.e. a.m. p.m. x.yz ab.c J.Bayramov Oct.8 v1.2 3.5 www.example.com',
      '.U.S. ..a.b.. a.b.c.d. A.b',
      'А.Б. Иванов, ß.ø. and Ł.K.',
    ];
    for (const c of cases) expect(fastWords(c)).toEqual(words(c));
  });
});
