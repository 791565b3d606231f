import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder } from '../../../src/core/embeddings/create-embedder.js';
import { LexicalEmbeddings } from '../../../src/core/embeddings/lexical-embeddings.js';
import { TransformersEmbeddings } from '../../../src/core/embeddings/transformers-embeddings.js';
import type { Logger } from '../../../src/core/logger.js';
import { tempDir } from '../../helpers/temp.js';
import { writeTinyBertModel, type TinyBertModel } from '../../helpers/tiny-bert.js';

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, error() {}, warn: (m) => warnings.push(m) };
}

describe('TransformersEmbeddings (real @xenova/transformers loader, generated model, no network)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let model: TinyBertModel;
  const settings = () => ({
    embeddings: 'transformers' as const,
    model: model.modelId,
    modelCacheDir: dir,
    modelLoadTimeoutMs: 30_000,
    allowRemoteModels: false,
  });

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    model = await writeTinyBertModel(dir);
  });
  afterAll(() => cleanup());

  it('loads the model once and embeds in batches, mean-pooled and normalised', async () => {
    const e = new TransformersEmbeddings({ model: model.modelId, localModelPath: dir, cacheDir: dir, allowRemoteModels: false, batchSize: 2 });
    const texts = ['the cat sat on the mat', 'a cat on a mat', 'stock markets fell sharply'];
    const [cat, cat2, stocks] = await e.embedDocuments(texts);
    expect(e.dimension).toBe(model.hidden);
    expect(e.id).toBe(`transformers:${model.modelId}`);
    expect(Math.sqrt(dot(cat!, cat!))).toBeCloseTo(1, 4);
    expect(dot(cat!, cat2!)).toBeGreaterThan(dot(cat!, stocks!));
    // Batching must not change a text's vector.
    const [alone] = await e.embedDocuments(['stock markets fell sharply']);
    alone!.forEach((x, i) => expect(x).toBeCloseTo(stocks![i]!, 4));
    expect(await e.embedQuery('a cat on a mat')).toHaveLength(model.hidden);
  });

  it('is chosen by EMBEDDINGS=transformers and EMBEDDINGS=auto when the model loads', async () => {
    for (const embeddings of ['transformers', 'auto'] as const) {
      const logger = recordingLogger();
      const e = await createEmbedder({ ...settings(), embeddings }, logger);
      expect(e).toBeInstanceOf(TransformersEmbeddings);
      expect(logger.warnings).toEqual([]);
    }
  });

  it('auto falls back to the lexical embedder with exactly one warning when the model is missing', async () => {
    const logger = recordingLogger();
    const e = await createEmbedder({ ...settings(), embeddings: 'auto', model: 'nobody/missing-model' }, logger);
    expect(e).toBeInstanceOf(LexicalEmbeddings);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toMatch(/nobody\/missing-model unavailable.*lexical/);
  });

  it('EMBEDDINGS=transformers with a missing model is a clear user error', async () => {
    await expect(createEmbedder({ ...settings(), model: 'nobody/missing-model' }, recordingLogger())).rejects.toThrow(
      /Could not load the embedding model nobody\/missing-model.*EMBEDDINGS=lexical/,
    );
  });

  it('gives up within the load timeout when loading hangs', async () => {
    // A hub that never answers: point remote loading at a local server that accepts and stalls.
    const { createServer } = await import('node:http');
    const server = createServer(() => {});
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const { env } = await import('@xenova/transformers');
    const saved = env.remoteHost;
    env.remoteHost = `http://127.0.0.1:${port}/`;
    try {
      const logger = recordingLogger();
      const started = Date.now();
      const e = await createEmbedder(
        { ...settings(), embeddings: 'auto', model: 'nobody/stalled', allowRemoteModels: true, modelLoadTimeoutMs: 300 },
        logger,
      );
      expect(e).toBeInstanceOf(LexicalEmbeddings);
      expect(logger.warnings[0]).toMatch(/timed out/);
      expect(Date.now() - started).toBeLessThan(20_000); // the point: it returns, instead of hanging
    } finally {
      env.remoteHost = saved;
      server.closeAllConnections();
      server.close();
    }
  });

  it('refuses to query an index with a different embedder than configured', async () => {
    await expect(createEmbedder({ ...settings(), embeddings: 'lexical' }, recordingLogger(), `transformers:${model.modelId}`)).rejects.toThrow(
      /built with the transformers:.* embedder but lexical is configured.*npm run ingest/,
    );
    await expect(createEmbedder(settings(), recordingLogger(), 'lexical-hash-v1-512')).rejects.toThrow(/npm run ingest/);
    const e = await createEmbedder({ ...settings(), embeddings: 'auto' }, recordingLogger(), 'lexical-hash-v1-512');
    expect(e).toBeInstanceOf(LexicalEmbeddings);
  });
});
