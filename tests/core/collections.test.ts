import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionOf } from '../../src/core/collections.js';
import { Footnote } from '../../src/core/engine.js';
import { isUserError } from '../../src/core/errors.js';
import { tempDir, testConfig, writeFiles } from '../helpers/temp.js';

const FILES = {
  'corpus/guides/install.md': '# Installing the lantern\n\nTo install the lantern, bolt the bracket to the north wall and connect the copper wire to terminal seven.\n',
  'corpus/guides/cleaning.md': '# Cleaning the lantern\n\nClean the lantern glass with vinegar once a month.\n',
  'corpus/faq/warranty.md': '# Lantern warranty\n\nThe lantern warranty lasts five years and covers the copper wire and the bracket.\n',
  'corpus/about.md': '# About the lantern company\n\nThe lantern company was founded in Bergen in 1911.\n',
};

describe('collections: top-level corpus folders, filtered before ranking', () => {
  let cleanup: () => Promise<void>;
  let engine: Footnote;
  beforeAll(async () => {
    let root: string;
    ({ dir: root, cleanup } = await tempDir());
    await writeFiles(root, FILES);
    engine = await Footnote.open(testConfig(root), { buildIfMissing: true });
  });
  afterAll(() => cleanup());

  it('names collections after the top-level folders; top-level files belong to none', () => {
    expect(engine.collections()).toEqual(['faq', 'guides']);
    expect(collectionOf('guides/install.md')).toBe('guides');
    expect(collectionOf('about.md')).toBeNull();
  });

  it('answers from the whole corpus without a scope, and only from the scope with one', async () => {
    const open = await engine.ask('How do I install the lantern bracket and copper wire?');
    expect(open.citations[0]?.docId).toBe('guides/install.md');

    const scoped = await engine.ask('How do I install the lantern bracket and copper wire?', { collections: ['faq'] });
    const docs = new Set(scoped.passages.map((p) => p.doc.id));
    expect(docs.has('guides/install.md')).toBe(false);
    expect([...docs].every((id) => id === 'about.md' || id.startsWith('faq/'))).toBe(true);
    // Filtering happens before ranking: the scope still fills the result with its own passages.
    expect(docs.has('faq/warranty.md')).toBe(true);
  });

  it('keeps top-level documents in every scope, in search too', async () => {
    const hits = await engine.search('When was the lantern company founded in Bergen?', 5, ['guides']);
    expect(hits[0]?.doc.id).toBe('about.md');
    expect(hits.every((h) => !h.doc.id.startsWith('faq/'))).toBe(true);
  });

  it('rejects an unknown collection with a coded error naming the known ones', async () => {
    const err = await engine.ask('warranty?', { collections: ['nope'] }).catch((e: unknown) => e);
    expect(isUserError(err) && err.code).toBe('UNKNOWN_COLLECTION');
    expect((err as Error).message).toContain('faq, guides');
  });
});
