import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Footnote } from '../../src/core/engine.js';
import { ingest } from '../../src/core/ingest.js';
import { readIndex } from '../../src/core/index-store.js';
import { copySeedCorpus, tempDir, testConfig } from '../helpers/temp.js';
import { writeTinyBertModel } from '../helpers/tiny-bert.js';

// The neural path end to end: ingest and ask with a transformers.js model (generated, loaded offline).
describe('engine with the transformers embedder', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let config: ReturnType<typeof testConfig>;

  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir());
    await copySeedCorpus(root);
    const models = path.join(root, 'models');
    const { modelId } = await writeTinyBertModel(models);
    config = testConfig(root, { EMBEDDINGS: 'transformers', EMBEDDING_MODEL: modelId, ALLOW_REMOTE_MODELS: 'false', MODEL_LOAD_TIMEOUT_MS: '60000' });
  });
  afterAll(() => cleanup());

  it('builds the index with the model, records it, and answers with it', async () => {
    const engine = await Footnote.open(config, { buildIfMissing: true });
    expect(engine.embedderId).toBe(`transformers:${config.model}`);
    const index = await readIndex(config.indexDir);
    expect(index.manifest.embedder).toEqual({ id: `transformers:${config.model}`, dimension: 32 });
    const a = await engine.ask('How many countries have joined the global ceasefire call?');
    expect(a.text).toContain('127');
    expect(a.citations[0]!.docId).toBe('000_1f24b69473147b1b.txt');
  });

  it('re-uses the vectors of unchanged passages when one document changes', async () => {
    const before = await readIndex(config.indexDir);
    const file = path.join(config.corpusDir, '000_1f24b69473147b1b.txt');
    await writeFile(file, `${before.documents.find((d) => d.id === '000_1f24b69473147b1b.txt')!.text}\nA closing line added later.`);
    const report = await ingest(config);
    expect(report.changed).toBe(1);
    const after = await readIndex(config.indexDir);
    const changedChunks = after.chunks.filter((c) => c.docId === '000_1f24b69473147b1b.txt').length;
    // Only the edited document's new passages go through the model; every other vector comes from the cache.
    expect(report.embedded).toBeGreaterThan(0);
    expect(report.embedded).toBeLessThanOrEqual(changedChunks);
    expect(report.reused).toBe(report.chunks - report.embedded);
  });

  it('will not answer from a neural index with the lexical embedder', async () => {
    await expect(Footnote.open({ ...config, embeddings: 'lexical' })).rejects.toThrow(/Run `npm run ingest`/);
  });
});
