import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env, pipeline } from '@xenova/transformers';
import { writeTinyBertModel, type TinyBertModel } from './tiny-bert.ts';

// Runs the real transformers.js path (hub file resolution -> tokenizer -> onnxruntime-node
// session -> mean pooling) against a model generated on the fly, with remote loading off.
describe('tiny BERT test model', () => {
  let root = '';
  let model: TinyBertModel;
  // transformers.js `env` is a process-wide singleton: restore it for other tests in this worker.
  const saved = {
    localModelPath: env.localModelPath,
    allowRemoteModels: env.allowRemoteModels,
    allowLocalModels: env.allowLocalModels,
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'footnote-tiny-bert-'));
    model = await writeTinyBertModel(root);
    env.localModelPath = root;
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
  });

  afterAll(async () => {
    Object.assign(env, saved);
    if (root) await rm(root, { recursive: true, force: true });
  });

  const embed = async (texts: string[]): Promise<{ dims: number[]; rows: number[][] }> => {
    const extractor = await pipeline('feature-extraction', model.modelId, { quantized: true });
    const out = await extractor(texts, { pooling: 'mean', normalize: true });
    return { dims: out.dims, rows: out.tolist() as number[][] };
  };
  const dot = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

  it('loads offline and produces unit-norm [batch, hidden] embeddings', async () => {
    const { dims, rows } = await embed(['the cat sat on the mat', 'stock markets fell sharply']);
    expect(dims).toEqual([2, model.hidden]);
    for (const row of rows) expect(Math.sqrt(dot(row, row))).toBeCloseTo(1, 5);
  });

  it('is deterministic and ranks word overlap above unrelated text', async () => {
    const { rows } = await embed(['the cat sat on the mat', 'a cat on a mat', 'stock markets fell sharply', 'the cat sat on the mat']);
    const [cat, catToo, stocks, catAgain] = rows as [number[], number[], number[], number[]];
    expect(catAgain).toEqual(cat);
    expect(dot(cat, catToo)).toBeGreaterThan(dot(cat, stocks));
  });

  it('rejects a model id that is not on disk (remote loading is off)', async () => {
    await expect(pipeline('feature-extraction', 'footnote-test/does-not-exist')).rejects.toThrow();
  });
});
