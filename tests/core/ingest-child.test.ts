// The bot re-indexes in a child process, off its event loop: the same report, progress over
// IPC, user errors back with their code, and the engine answering from the new index after.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreConfig } from '../../src/core/config.js';
import { Footnote } from '../../src/core/engine.js';
import { ingest, ingestInChild, type IngestProgress } from '../../src/core/ingest.js';
import { copySeedCorpus, tempDir, testConfig } from '../helpers/temp.js';

describe('ingest in a child process', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let config: CoreConfig;

  beforeEach(async () => {
    ({ dir: root, cleanup } = await tempDir('footnote-child-'));
    await copySeedCorpus(root);
    config = testConfig(root);
  });
  afterEach(() => cleanup());

  it('re-indexes through the engine and answers from the new text', async () => {
    await ingest(config);
    const engine = await Footnote.open(config, { ingestInChild: true });
    await writeFile(path.join(config.corpusDir, 'orchard.txt'), 'Orchard notes\n\nThe orchard counted 512 quince trees this spring.\n');
    const phases = new Set<string>();
    const report = await engine.reindex({ onProgress: (p: IngestProgress) => phases.add(p.phase) });
    expect(report).toMatchObject({ documents: 6, added: 1 });
    expect([...phases]).toEqual(expect.arrayContaining(['load', 'embed', 'write']));
    expect((await engine.ask('How many quince trees did the orchard count?')).text).toContain('512');
  });

  it('brings a user error back with its code and message', async () => {
    await rm(config.corpusDir, { recursive: true });
    await expect(ingestInChild(config)).rejects.toMatchObject({ code: 'CORPUS_MISSING' });
  });
});
