import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { squadToEval, SquadFormatError, writeSquadCorpus } from '../../../src/core/eval/squad.js';
import { tempDir } from '../../helpers/temp.js';

const squad = {
  version: 'v2.0',
  data: [
    {
      title: 'Île Example',
      paragraphs: [
        {
          context: 'The bridge opened in 1932. It is 503 metres long.',
          qas: [
            { id: 'a', question: 'When did the bridge open? ', answers: [{ text: '1932' }, { text: 'in 1932' }, { text: '1932' }], is_impossible: false },
            { id: 'b', question: 'When did the tunnel open?', answers: [], plausible_answers: [{ text: '1932' }], is_impossible: true },
          ],
        },
        { context: 'A second paragraph.', qas: [{ id: 'c', question: 'How long is it?', answers: [{ text: '503 metres' }] }] },
      ],
    },
  ],
};

describe('squadToEval', () => {
  it('makes every paragraph a document and maps answers and impossible questions', () => {
    const { documents, questions } = squadToEval(squad);
    expect(documents).toEqual([
      { id: '01-ile-example-001.txt', text: 'The bridge opened in 1932. It is 503 metres long.' },
      { id: '01-ile-example-002.txt', text: 'A second paragraph.' },
    ]);
    expect(questions).toEqual([
      { id: 'a', question: 'When did the bridge open?', docs: ['01-ile-example-001.txt'], expect: [['1932', 'in 1932']], kind: 'fact' },
      { id: 'b', question: 'When did the tunnel open?', docs: [], expect: [], kind: 'unanswerable' },
      { id: 'c', question: 'How long is it?', docs: ['01-ile-example-002.txt'], expect: [['503 metres']], kind: 'fact' },
    ]);
  });

  it('rejects JSON that is not SQuAD with one line', () => {
    expect(() => squadToEval({ foo: 1 }, 'x.json')).toThrow(SquadFormatError);
    expect(() => squadToEval({ data: [{ paragraphs: [{ qas: [] }] }] }, 'x.json')).toThrow(/x\.json: article 1 paragraph 1 needs a "context"/);
  });
});

describe('writeSquadCorpus', () => {
  let cleanup = async () => {};
  afterEach(() => cleanup());

  it('writes the documents and removes stale ones', async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    const dir = path.join(t.dir, 'corpus');
    await writeSquadCorpus(dir, [{ id: 'old.txt', text: 'gone soon' }]);
    const { documents } = squadToEval(squad);
    await writeSquadCorpus(dir, documents);
    expect((await readdir(dir)).sort()).toEqual(['01-ile-example-001.txt', '01-ile-example-002.txt']);
    expect(await readFile(path.join(dir, '01-ile-example-002.txt'), 'utf8')).toBe('A second paragraph.');
  });
});
