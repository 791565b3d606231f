import { describe, expect, it } from 'vitest';
import { fastWords } from '../../src/core/embeddings/lexical-embeddings.js';
import { sentences, terms, words } from '../../src/core/text.js';

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

describe('sentences', () => {
  it('finds every sentence of a long line, with exact offsets, across the windows it is read in', () => {
    const text = `Intro.\n${Array.from({ length: 3000 }, (_, i) => `Sentence number ${i} ends here. `).join('')}\nLast line.`;
    const spans = sentences(text);
    expect(spans).toHaveLength(3002);
    expect(spans[1]!.text).toBe('Sentence number 0 ends here.');
    expect(spans[2999]!.text).toBe('Sentence number 2998 ends here.');
    expect(spans.at(-1)!.text).toBe('Last line.');
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('cuts a run of text with no sentence end into pieces that cover it, never inside a word', () => {
    const text = 'words '.repeat(3000).trim();
    const spans = sentences(text);
    expect(spans.map((s) => s.text).join(' ').replace(/\s+/g, ' ')).toBe(text);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});
