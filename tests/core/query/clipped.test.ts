import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Footnote } from '../../../src/core/engine.js';
import { buildQueryData } from '../../../src/core/query/query-data.js';
import { QueryVocabulary } from '../../../src/core/query/query-vocabulary.js';
import { tempDir, testConfig, writeFiles } from '../../helpers/temp.js';

// Names people shorten in chat ("az"), words of several families behind the same letters ("pr"), and opposites.
const CORPUS = {
  'embassy.txt':
    'Azerbaijan opened an embassy in Colombia last year. The Azerbaijani foreign minister said Azerbaijan would open two more.',
  'press.txt': 'The president met the press after the prime minister spoke. The peace talks ended the war, the president said.',
  'progress.txt': 'Progress in the negotiations was good, the envoy said.',
  'cases.txt': 'A committee drew attention to the criminal cases of journalists held near the border.',
};

describe('query analysis: clipped names, and opposites that are no contradiction', () => {
  let cleanup: () => Promise<void>;
  let engine: Footnote;

  beforeAll(async () => {
    let root: string;
    ({ dir: root, cleanup } = await tempDir());
    await writeFiles(path.join(root, 'corpus'), CORPUS);
    engine = await Footnote.open(testConfig(root), { buildIfMissing: true });
  });
  afterAll(() => cleanup());

  it('reads a clipped name as the corpus words it begins ("az": Azerbaijan, Azerbaijani), and answers with them', async () => {
    const a = engine.analyze('does az have an embassy in colombia');
    expect(a.corrections).toContainEqual({ from: 'az', to: 'azerbaijan' });
    expect(a.terms).toContainEqual(expect.objectContaining({ term: 'azerbaijan', source: 'variant' }));
    expect(a.terms).toContainEqual(expect.objectContaining({ term: 'azerbaijani', source: 'variant' }));
    const answer = await engine.ask('does az have an embassy in colombia');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('Colombia');
  });

  it('leaves letters that begin words of several families alone ("pr": president, press, prime), and English words', () => {
    expect(engine.analyze('what did the pr say').corrections).toEqual([]);
    expect(engine.analyze('what did the pres say').corrections).toEqual([]);
    expect(engine.analyze('what arm of azerbaijan').corrections).toEqual([]);
  });

  it('takes no opposite from a word it corrected ("peice" read as "peace" says nothing against "war")', () => {
    expect(engine.analyze('how did the peace talks go').opposites).toContainEqual({ from: 'peac', term: 'war' });
    const fixed = engine.analyze('how did the peice talks go');
    expect(fixed.corrections).toContainEqual({ from: 'peice', to: 'peace' });
    expect(fixed.opposites).toEqual([]);
  });

  it('takes an opposite only from the commonest senses of the question word ("right before" is no "criminal" or "near")', () => {
    expect(engine.analyze('which committee spoke right before the talks').opposites).toEqual([]);
    expect(engine.analyze('was the progress bad').opposites).toContainEqual({ from: 'bad', term: 'good' });
  });

  it('takes no opposite from words offered as a choice ("good or bad": either may be the answer)', () => {
    expect(engine.analyze('was the progress bad').opposites).toContainEqual({ from: 'bad', term: 'good' });
    expect(engine.analyze('was the progress good or bad').opposites).toEqual([]);
  });

  it('finds the words a clip begins in the stored, sorted vocabulary, and in an older unsorted one', () => {
    const data = buildQueryData([{ id: 'a.txt', hash: '1', text: 'Zebra azure Azerbaijan apple Azerbaijani zoo azerbaijan' }], null);
    expect(data.words).toEqual([...data.words].sort());
    const found = (v: QueryVocabulary) => v.withPrefix('azer', 10)?.map((x) => x.word);
    expect(found(new QueryVocabulary(data))).toEqual(['azerbaijan', 'azerbaijani']);
    const old = { ...data, version: 11, words: [...data.words].reverse(), counts: [...data.counts].reverse() };
    expect(found(new QueryVocabulary(old))).toEqual(['azerbaijan', 'azerbaijani']);
    expect(new QueryVocabulary(data).withPrefix('a', 2)).toBeNull();
  });
});

