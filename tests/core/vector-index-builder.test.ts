import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VectorIndexBuilder } from '../../src/core/vector-index-builder.ts';
import { VectorIndex } from '../../src/core/vector-index.ts';

const DIM = 8;
/** Unit vector i: a spike at i % DIM plus a small, distinct tilt, so every point has one clear nearest query. */
function vector(i: number): Float32Array {
  const v = new Float32Array(DIM);
  v[i % DIM] = 1;
  v[(i + 1) % DIM] = 0.01 * (1 + Math.floor(i / DIM));
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('VectorIndexBuilder', () => {
  it('builds two shards on worker threads from batches, and the saved index finds each point', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'footnote-vib-'));
    const file = path.join(dir, 'vectors.hnsw');
    const count = 40;
    const builder = new VectorIndexBuilder(DIM, count, { shards: 2 });
    try {
      // Batches of uneven size, so labels cross the shards in both phases.
      for (const [from, to] of [
        [0, 7],
        [7, 20],
        [20, 40],
      ] as const) {
        const batch = new Float32Array((to - from) * DIM);
        for (let i = from; i < to; i++) batch.set(vector(i), (i - from) * DIM);
        builder.add(batch);
      }
      await builder.save(file);
    } finally {
      await builder.close();
    }
    expect(builder.nextLabel).toBe(count);
    const index = await VectorIndex.load(file, DIM, count, { shards: 2, labels: builder.labels, nextLabel: builder.nextLabel, deleted: builder.deleted });
    for (const i of [0, 7, 13, 20, 39]) expect(index.search(vector(i), 1)[0]).toMatchObject({ id: i, similarity: expect.closeTo(1, 5) });
  });

  it('refuses more work once closed instead of losing it', async () => {
    const builder = new VectorIndexBuilder(DIM, 4, { shards: 1 });
    await builder.close();
    expect(() => builder.add(new Float32Array(DIM))).toThrow(/closed/);
  });
});
