import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { identity, SEED, shardFile, shardsFor, VECTOR_DEFAULTS, type SaveableVectors, type VectorIndexOptions } from './vector-index.js';

// The graph builder thread: plain CommonJS so it runs the same under tsx, vitest or node.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const mod = require(workerData.hnswPath);
const { HierarchicalNSW } = mod.default ?? mod;
const { dimension, capacity, m, efConstruction, seed } = workerData;
const hnsw = new HierarchicalNSW('ip', dimension);
hnsw.initIndex(Math.max(capacity, 1), m, efConstruction, seed, true);
const row = new Array(dimension).fill(0);
let count = 0;
parentPort.on('message', (msg) => {
  try {
    if (msg.type === 'add') {
      const v = msg.vectors;
      const n = v.length / dimension;
      for (let i = 0; i < n; i++) {
        for (let j = 0, o = i * dimension; j < dimension; j++) row[j] = v[o + j];
        hnsw.addPoint(row, msg.first + i * msg.step);
      }
      count += n;
    } else if (msg.type === 'save') {
      hnsw.writeIndexSync(msg.file);
      parentPort.postMessage({ type: 'saved', id: msg.id, count });
    }
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: String(err && err.message || err) });
  }
});
`;

/**
 * Builds the graph shards on worker threads while the caller keeps
 * embedding: on a 2-core machine the work overlaps instead of adding up.
 * Vectors arrive in batches with consecutive labels from 0; point l goes to
 * shard l % shards.
 */
export class VectorIndexBuilder implements SaveableVectors {
  private readonly workers: Worker[];
  private failure: Error | null = null;
  private added = 0;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private nextRequest = 0;
  readonly shards: number;

  constructor(
    readonly dimension: number,
    capacity: number,
    options: VectorIndexOptions & { shards?: number } = {},
  ) {
    this.shards = options.shards ?? shardsFor(capacity);
    this.deleted = new Array<number>(this.shards).fill(0);
    const hnswPath = createRequire(import.meta.url).resolve('hnswlib-node');
    const fail = (err: Error) => {
      this.failure ??= err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.workers = Array.from({ length: this.shards }, () => {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          hnswPath,
          dimension,
          capacity: Math.ceil(capacity / this.shards) + 1,
          m: options.m ?? VECTOR_DEFAULTS.m,
          efConstruction: options.efConstruction ?? VECTOR_DEFAULTS.efConstruction,
          seed: SEED,
        },
      });
      worker.unref();
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`vector index builder stopped (exit code ${code})`)));
      worker.on('message', (msg: { type: string; id?: number; message?: string }) => {
        if (msg.type === 'error') fail(new Error(`vector index builder: ${msg.message}`));
        else if (msg.type === 'saved') {
          this.pending.get(msg.id!)?.resolve();
          this.pending.delete(msg.id!);
        }
      });
      return worker;
    });
  }

  readonly deleted: number[];

  get nextLabel(): number {
    return this.added;
  }

  get labels(): Uint32Array {
    return identity(this.added);
  }

  /** Queues `vectors` (n × dimension, row-major); the buffers are handed over to the workers. */
  add(vectors: Float32Array): void {
    if (this.failure) throw this.failure;
    const dim = this.dimension;
    const n = vectors.length / dim;
    for (let s = 0; s < this.shards; s++) {
      // Rows whose label (this.added + i) falls in shard s.
      const first = (s - (this.added % this.shards) + this.shards) % this.shards;
      const count = first < n ? Math.ceil((n - first) / this.shards) : 0;
      if (count === 0) continue;
      let part: Float32Array;
      if (this.shards === 1) part = vectors;
      else {
        part = new Float32Array(count * dim);
        for (let j = 0, i = first; i < n; i += this.shards, j++) part.set(vectors.subarray(i * dim, (i + 1) * dim), j * dim);
      }
      this.workers[s]!.postMessage({ type: 'add', vectors: part, first: this.added + first, step: this.shards }, [part.buffer as ArrayBuffer]);
    }
    this.added += n;
  }

  /** Waits for every queued point, then writes the shards next to `file`. */
  async save(file: string): Promise<void> {
    if (this.failure) throw this.failure;
    await Promise.all(
      this.workers.map((worker, s) => {
        const id = this.nextRequest++;
        return new Promise<void>((resolve, reject) => {
          this.pending.set(id, { resolve, reject });
          worker.ref();
          worker.postMessage({ type: 'save', file: shardFile(file, s), id });
        }).finally(() => worker.unref());
      }),
    );
  }

  /** Stops the threads (also after a failure or an interrupted ingest). */
  async close(): Promise<void> {
    this.failure ??= new Error('vector index builder closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
