import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorpusWatcher } from '../../src/core/corpus-watcher.js';
import { Footnote } from '../../src/core/engine.js';
import type { IngestReport } from '../../src/core/ingest.js';
import { tempDir, testConfig, writeFiles } from '../helpers/temp.js';

describe('watching the corpus folder', () => {
  let cleanup: () => Promise<void>;
  let corpus: string;
  let engine: Footnote;
  let watcher: CorpusWatcher;
  const updates: IngestReport[] = [];
  let waiting: ((r: IngestReport) => void) | null = null;
  const nextUpdate = () => new Promise<IngestReport>((resolve) => (waiting = resolve));

  beforeAll(async () => {
    let root: string;
    ({ dir: root, cleanup } = await tempDir());
    corpus = path.join(root, 'corpus');
    await writeFiles(corpus, {
      'ferry.txt': 'The island ferry leaves the mainland pier every two hours from seven in the morning.',
      'market.txt': 'The farmers market is held on the church square every Saturday until noon.',
    });
    engine = await Footnote.open(testConfig(root), { buildIfMissing: true });
    watcher = new CorpusWatcher(corpus, () => engine.reindex(), {
      debounceMs: 100,
      onUpdate: (r) => {
        updates.push(r);
        waiting?.(r);
      },
    });
    await watcher.start();
  });
  afterAll(async () => {
    await watcher.close();
    await cleanup();
  });

  it('picks up an added, a changed and a removed file while the engine stays open', async () => {
    let update = nextUpdate();
    await writeFile(path.join(corpus, 'library.txt'), 'The town library lends kayaks to members during the summer holidays.');
    expect(await update).toMatchObject({ added: 1, changed: 0, removed: 0 });
    expect((await engine.ask('What does the town library lend to members?')).text).toContain('kayaks');

    update = nextUpdate();
    await writeFile(path.join(corpus, 'ferry.txt'), 'The island ferry leaves the mainland pier every three hours from eight in the morning.');
    expect(await update).toMatchObject({ added: 0, changed: 1, removed: 0 });
    // The changed text is what answers (the count is in bold: "every **three** hours").
    expect((await engine.ask('How often does the island ferry leave the pier?')).text.replaceAll('**', '')).toContain('every three hours');

    update = nextUpdate();
    await rm(path.join(corpus, 'library.txt'));
    expect(await update).toMatchObject({ removed: 1 });
    const gone = await engine.ask('What does the town library lend to members?');
    expect(gone.citations.map((c) => c.docId)).not.toContain('library.txt');
  });

  it('turns a burst of changes into one update', async () => {
    const before = updates.length;
    const update = nextUpdate();
    for (let i = 0; i < 5; i++) await writeFile(path.join(corpus, `note-${i}.txt`), `Harbour note number ${i} about the tide tables and moorings.`);
    expect(await update).toMatchObject({ added: 5 });
    await watcher.settled();
    expect(updates.length).toBe(before + 1);
  });
});
