import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MobyThesaurus } from '../../../src/core/query/thesaurus.js';
import { tempDir } from '../../helpers/temp.js';

// The Moby format: a head word, then the words listed with it, comma-separated (multi-word entries included).
const LIST = ['Hope,aspiration,expect,plan,the,wish', 'plan,design,hope,intend,lay out,scheme', 'order,command,decree,directive,rule', 'festival,fair,gala,carnival,feast'].join('\n');

describe('Moby thesaurus links', () => {
  let cleanup: () => Promise<void>;
  let file: string;
  beforeAll(async () => {
    let dir: string;
    ({ dir, cleanup } = await tempDir());
    file = path.join(dir, 'words.txt');
    await writeFile(file, LIST);
  });
  afterAll(() => cleanup());

  it('links a word the corpus lacks to the corpus words listed with it, whichever way the list runs', () => {
    // The corpus says "planned" and "directive", never "hoping" or "order".
    const links = MobyThesaurus.fromFile(file).links(new Set(['plan', 'direct', 'festiv']), 10);
    expect(links['hope']).toBe('plan'); // "plan" is listed under "hope" and "hope" under "plan": counted twice, once kept
    expect(links['order']).toBe('direct');
    expect(links['gala']).toBe('festiv'); // listed under the corpus word only
    expect(links['intend']).toBe('plan');
  });

  it('keeps nothing for words the corpus has, for stopwords or for multi-word entries', () => {
    const links = MobyThesaurus.fromFile(file).links(new Set(['plan', 'hope']), 10);
    expect(links['plan']).toBeUndefined();
    expect(links['hope']).toBeUndefined();
    expect(links['the']).toBeUndefined();
    expect(Object.keys(links).some((k) => k.includes(' '))).toBe(false);
  });

  it('keeps the most often linked corpus words first, at most the cap', () => {
    // "hope" is linked to "plan" both ways, to "expect" and "wish" one way each.
    const links = MobyThesaurus.fromFile(file).links(new Set(['plan', 'expect', 'wish']), 2);
    expect(links['hope']).toBe('plan expect');
  });
});
