import { readdir, readFile, rm, truncate, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexExists, readIndex } from '../../src/core/index-store.js';
import { ingest } from '../../src/core/ingest.js';
import type { CoreConfig } from '../../src/core/config.js';
import { copySeedCorpus, tempDir, testConfig } from '../helpers/temp.js';

describe('index store', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let config: CoreConfig;

  beforeEach(async () => {
    ({ dir: root, cleanup } = await tempDir());
    await copySeedCorpus(root);
    config = testConfig(root);
  });
  afterEach(() => cleanup());

  const currentDir = async () => path.join(config.indexDir, (await readFile(path.join(config.indexDir, 'CURRENT'), 'utf8')).trim());

  it('round-trips documents, chunks, vectors and keyword index', async () => {
    const report = await ingest(config);
    const index = await readIndex(config.indexDir);
    expect(index.documents).toHaveLength(5);
    expect(index.chunks).toHaveLength(report.chunks);
    expect(index.manifest.embedder).toEqual({ id: 'lexical-hash-v1-512', dimension: 512 });
    expect(index.manifest.splitter).toMatchObject({ chunkSize: config.chunkSize, chunkOverlap: config.chunkOverlap });
    for (const c of index.chunks) expect(index.docById.get(c.docId)!.text.slice(c.start, c.end)).toBe(c.text);
    expect(index.vectors.search(index.vectors.vector(3), 1)[0]!.id).toBe(3);
  });

  it('reports a missing index with the command to build it', async () => {
    expect(await indexExists(config.indexDir)).toBe(false);
    await expect(readIndex(config.indexDir)).rejects.toThrow(/No index at .*npm run ingest/);
  });

  it('reports truncated or garbled files as corrupt instead of crashing', async () => {
    await ingest(config);
    const dir = await currentDir();
    await truncate(path.join(dir, 'vectors.hnsw'), 100);
    await expect(readIndex(config.indexDir)).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringMatching(/vectors.hnsw.*npm run ingest/) });

    await ingest(config);
    await writeFile(path.join(await currentDir(), 'manifest.json'), '{ not json');
    await expect(readIndex(config.indexDir)).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });

    await writeFile(path.join(config.indexDir, 'CURRENT'), '../../etc');
    await expect(readIndex(config.indexDir)).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
  });

  it('keeps the previous index in force when a write is interrupted, and sweeps the leftovers later', async () => {
    await ingest(config);
    const before = await currentDir();
    // What a crash mid-write leaves behind: a half-filled temporary version. Its writer's pid is above any pid_max
    // (2^22), so no live process has it: pid 999 was sometimes a live process on a machine whose pids wrap at 32768,
    // and the sweep rightly kept its "write in progress".
    const partial = path.join(config.indexDir, '.tmp-v-1-4194305');
    await mkdir(partial);
    await writeFile(path.join(partial, 'documents.json'), '[');
    const index = await readIndex(config.indexDir);
    expect(index.dir).toBe(before);
    expect(index.documents).toHaveLength(5);

    await ingest(config);
    const entries = await readdir(config.indexDir);
    expect(entries.filter((e) => e.startsWith('v-') || e.startsWith('.tmp'))).toEqual([path.basename(await currentDir())]);
  });

  it('leaves the old index untouched when the corpus has no usable documents', async () => {
    await ingest(config);
    const before = await currentDir();
    await rm(config.corpusDir, { recursive: true });
    await mkdir(config.corpusDir);
    await writeFile(path.join(config.corpusDir, 'empty.txt'), '');
    await expect(ingest(config)).rejects.toThrow(/No readable documents/);
    expect(await currentDir()).toBe(before);
    expect((await readIndex(config.indexDir)).documents).toHaveLength(5);
  });
});
