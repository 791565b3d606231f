import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBench } from '../../src/bench/run.js';
import { BENCH_LINE } from '../../src/bench/stats.js';
import type { CoreConfig } from '../../src/core/config.js';
import { LexicalEmbeddings } from '../../src/core/embeddings/lexical-embeddings.js';
import { Footnote } from '../../src/core/engine.js';
import { readIndex } from '../../src/core/index-store.js';
import { ingest, SPLITTER_VERSION } from '../../src/core/ingest.js';
import { QUERY_DATA_VERSION } from '../../src/core/query/query-data.js';
import { REPO_CORPUS, tempDir, testConfig, writeFiles } from '../helpers/temp.js';

// Ten small documents, each about its own made-up subject so searches are unambiguous.
const SUBJECTS = ['almond', 'basalt', 'cobalt', 'dolphin', 'emerald', 'falcon', 'granite', 'harbour', 'indigo', 'juniper'];
const docText = (subject: string, extra = '') =>
  [
    `The ${subject} report`,
    'date 2024-05-01',
    '',
    `The ${subject} committee met on Monday to review the ${subject} budget for the coming year.`,
    `Members of the ${subject} committee agreed that the ${subject} programme should grow by a modest amount.`,
    extra,
  ].join('\n');

const allChunkTexts = async (config: CoreConfig) => (await readIndex(config.indexDir)).chunks.map((c) => c.text).join('\n');

describe('incremental re-indexing', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let config: CoreConfig;

  beforeEach(async () => {
    ({ dir: root, cleanup } = await tempDir('footnote-incr-'));
    config = testConfig(root);
    await writeFiles(config.corpusDir, Object.fromEntries(SUBJECTS.map((s) => [`${s}.txt`, docText(s)])));
  });
  afterEach(() => cleanup());

  it('re-embeds only the changed document, and answers from its new text', async () => {
    const first = await ingest(config);
    expect(first).toMatchObject({ documents: 10, added: 10, changed: 0, removed: 0, embedded: first.chunks, reused: 0, incremental: false });

    const before = await readIndex(config.indexDir);
    const cobaltChunks = before.chunks.filter((c) => c.docId === 'cobalt.txt').length;
    await writeFile(
      path.join(config.corpusDir, 'cobalt.txt'),
      'The cobalt mine report\ndate 2024-06-02\n\nThe cobalt mine in Zelvara produced 4,812 tonnes of ore in June, a record for the site.\n',
    );
    const second = await ingest(config);
    const after = await readIndex(config.indexDir);
    const newCobalt = after.chunks.filter((c) => c.docId === 'cobalt.txt').length;
    expect(second).toMatchObject({ documents: 10, added: 0, changed: 1, removed: 0 });
    expect(second.embedded).toBe(newCobalt);
    expect(second.reused).toBe(second.chunks - newCobalt);
    expect(second.chunks).toBe(first.chunks - cobaltChunks + newCobalt);
    // Unchanged documents keep their chunks exactly.
    for (const c of after.chunks.filter((c) => c.docId !== 'cobalt.txt')) expect(before.chunkById.has(c.id)).toBe(true);

    const engine = await Footnote.open(config);
    const answer = await engine.ask('How many tonnes of ore did the cobalt mine in Zelvara produce?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('4,812');
    expect(answer.citations[0]!.docId).toBe('cobalt.txt');
    const passages = await engine.search('cobalt committee budget', 10);
    expect(passages.every((p) => !p.chunk.text.includes('cobalt committee'))).toBe(true);
    // Spans stay exact after the patch.
    for (const c of after.chunks) expect(after.docById.get(c.docId)!.text.slice(c.start, c.end)).toBe(c.text);
    // The graph found every chunk by its own vector, old labels and new.
    for (let i = 0; i < after.chunks.length; i++) expect(after.vectors.search(after.vectors.vector(i), 1)[0]!.id).toBe(i);
  });

  it('adds a new document and makes it searchable', async () => {
    await ingest(config);
    await writeFiles(config.corpusDir, { 'kestrel.txt': docText('kestrel', 'The kestrel survey counted 73 nesting pairs along the Orvel cliffs.') });
    const report = await ingest(config);
    expect(report).toMatchObject({ documents: 11, added: 1, changed: 0, removed: 0 });
    const kestrel = (await readIndex(config.indexDir)).chunks.filter((c) => c.docId === 'kestrel.txt').length;
    expect(report.embedded).toBe(kestrel);
    const engine = await Footnote.open(config);
    const hits = await engine.search('kestrel nesting pairs Orvel cliffs', 3);
    expect(hits[0]!.doc.id).toBe('kestrel.txt');
    const answer = await engine.ask('How many nesting pairs did the kestrel survey count?');
    expect(answer.text).toContain('73');
  });

  it('rebuilds an index made by a version that read words differently, and warns until then', async () => {
    await writeFiles(config.corpusDir, { 'talks.txt': docText('talks', 'The U.S. delegation pledged 48 million dollars to the harbour fund.') });
    const first = await ingest(config);
    // As an older Footnote left it: an earlier splitter version in the manifest.
    const manifestFile = path.join(config.indexDir, (await readFile(path.join(config.indexDir, 'CURRENT'), 'utf8')).trim(), 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as { splitter: { version: number } };
    await writeFile(manifestFile, JSON.stringify({ ...manifest, splitter: { ...manifest.splitter, version: SPLITTER_VERSION - 1 } }));
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, error() {}, warn: (m: string) => void warnings.push(m) };
    await (await Footnote.open(config, { logger })).close();
    expect(warnings).toEqual([expect.stringMatching(/built by an older Footnote.*npm run ingest/)]);

    // Query data (vocabulary, word relations) of an older version warns too; its checksum is made to match.
    await writeFile(manifestFile, JSON.stringify(manifest));
    const queryFile = path.join(path.dirname(manifestFile), 'query.json');
    const query = JSON.parse(await readFile(queryFile, 'utf8')) as { version: number };
    const older = Buffer.from(JSON.stringify({ ...query, version: QUERY_DATA_VERSION - 1 }));
    await writeFile(queryFile, older);
    const m = manifest as unknown as { files: Record<string, number>; crc32: Record<string, number> };
    const checked = { ...m, files: { ...m.files, 'query.json': older.length }, crc32: { ...m.crc32, 'query.json': crc32(older) } };
    await writeFile(manifestFile, JSON.stringify(checked));
    warnings.length = 0;
    await (await Footnote.open(config, { logger })).close();
    expect(warnings).toEqual([expect.stringMatching(/built by an older Footnote/)]);
    await writeFile(manifestFile, JSON.stringify({ ...checked, splitter: { ...manifest.splitter, version: SPLITTER_VERSION - 1 } }));

    // Every document is read again (nothing reused), though none changed.
    const second = await ingest(config);
    expect(second).toMatchObject({ documents: 11, added: 0, changed: 0, reused: 0, embedded: first.chunks });
    warnings.length = 0;
    const engine = await Footnote.open(config, { logger });
    expect(warnings).toEqual([]);
    expect((await engine.ask('How much did the US delegation pledge?')).text).toContain('pledged **48 million dollars** to');
  });

  it('removes a deleted document from every search and answer', async () => {
    await ingest(config);
    await rm(path.join(config.corpusDir, 'dolphin.txt'));
    const report = await ingest(config);
    expect(report).toMatchObject({ documents: 9, added: 0, changed: 0, removed: 1, embedded: 0 });
    const index = await readIndex(config.indexDir);
    expect(index.chunks.some((c) => c.docId === 'dolphin.txt')).toBe(false);
    expect(index.bm25.documentFrequency('dolphin')).toBe(0);
    const engine = await Footnote.open(config);
    for (const q of ['dolphin committee budget', 'What did the dolphin committee agree?']) {
      const passages = await engine.search(q, 10);
      expect(passages.map((p) => p.doc.id)).not.toContain('dolphin.txt');
      const answer = await engine.ask(q);
      expect(answer.citations.map((c) => c.docId)).not.toContain('dolphin.txt');
      expect(answer.passages.map((p) => p.doc.id)).not.toContain('dolphin.txt');
    }
    await expect(engine.source('dolphin.txt')).rejects.toThrow(/No document or passage/);
  });

  it('keeps the same results through several patches as a fresh full build gives', async () => {
    await ingest(config);
    await writeFile(path.join(config.corpusDir, 'emerald.txt'), docText('emerald', 'The emerald vault opened in 1911.'));
    await rm(path.join(config.corpusDir, 'falcon.txt'));
    await writeFiles(config.corpusDir, { 'lantern.txt': docText('lantern') });
    const patched = await ingest(config);
    expect(patched.incremental).toBe(true);
    const patchedEngine = await Footnote.open(config);
    const fresh = testConfig(root, { INDEX_DIR: path.join(root, 'fresh-index') });
    const rebuilt = await ingest(fresh);
    expect(rebuilt.incremental).toBe(false);
    const freshEngine = await Footnote.open(fresh);
    for (const q of ['When did the emerald vault open?', 'lantern programme', 'granite budget review']) {
      const a = (await patchedEngine.search(q, 5)).map((p) => p.chunk.text);
      const b = (await freshEngine.search(q, 5)).map((p) => p.chunk.text);
      expect(a).toEqual(b);
    }
  });

  it('leaves the previous index readable when an ingest fails mid-way (failing embedder)', async () => {
    await ingest(config);
    const before = (await readFile(path.join(config.indexDir, 'CURRENT'), 'utf8')).trim();
    await writeFile(path.join(config.corpusDir, 'basalt.txt'), docText('basalt', 'Basalt columns were found near Ardmere.'));
    class FailingEmbedder extends LexicalEmbeddings {
      override embedInto(): Float32Array {
        throw new Error('embedder crashed');
      }
    }
    await expect(ingest(config, { embedder: new FailingEmbedder() })).rejects.toThrow(/embedder crashed/);
    expect((await readFile(path.join(config.indexDir, 'CURRENT'), 'utf8')).trim()).toBe(before);
    const engine = await Footnote.open(config);
    expect(engine.stats.documents).toBe(10);
    expect(await allChunkTexts(config)).not.toContain('Ardmere');
    // The lock was released: the next ingest goes through and picks the edit up.
    const report = await ingest(config);
    expect(report.changed).toBe(1);
    expect(await allChunkTexts(config)).toContain('Ardmere');
  });

  it('leaves the previous index readable when the ingest process is killed', async () => {
    await ingest(config);
    const before = (await readFile(path.join(config.indexDir, 'CURRENT'), 'utf8')).trim();
    // A bigger corpus so the child is still busy when it is killed.
    const many = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`bulk/${i}.txt`, docText(`${SUBJECTS[i % 10]}${i}`, 'x '.repeat(400))]));
    await writeFiles(config.corpusDir, many);
    const child = spawn(process.execPath, [path.resolve('dist/cli.js'), 'ingest'], {
      env: { ...process.env, CORPUS_DIR: config.corpusDir, INDEX_DIR: config.indexDir, EMBEDDINGS: 'lexical', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // Kill it once it reports progress (or after a moment), before it can finish.
    await new Promise<void>((resolve) => {
      const kill = () => {
        child.kill('SIGKILL');
        resolve();
      };
      child.stderr.on('data', (d: Buffer) => /Splitting|Embedding/.test(d.toString()) && kill());
      setTimeout(kill, 15_000).unref();
    });
    await new Promise((resolve) => child.on('close', resolve));
    const current = (await readFile(path.join(config.indexDir, 'CURRENT'), 'utf8')).trim();
    const index = await readIndex(config.indexDir);
    if (current === before) expect(index.documents).toHaveLength(10);
    else expect(index.documents).toHaveLength(310); // it finished first on a fast machine: still a whole index
    // The dead process's lock does not block the next ingest.
    const report = await ingest(config);
    expect(report.documents).toBe(310);
  });
});

describe('bench measurement', () => {
  it('runs end to end at a tiny size and prints the exact summary line last', async () => {
    const lines: string[] = [];
    const { config } = { config: testConfig(path.dirname(REPO_CORPUS), { CORPUS_DIR: REPO_CORPUS }) };
    const result = await runBench({
      chunks: 300,
      quick: true,
      config,
      questions: 200,
      coldStartRuns: 1,
      startUpRuns: 1,
      baselineBudgetMs: 500,
      neural: false,
      print: (l) => lines.push(l),
    });
    const last = lines.at(-1)!;
    expect(last).toMatch(BENCH_LINE);
    expect(last).toBe(result.line);
    expect(result.figures.chunks).toBeGreaterThan(200);
    expect(result.figures.chunks).toBeLessThan(400);
    expect(result.incremental).toMatchObject({ changed: 1, onlyThatDoc: true, found: true });
    expect(lines.some((l) => l.startsWith('baseline'))).toBe(true);
    // Start-up is measured through the compiled CLI against bare Node, both real processes.
    expect(result.figures.cliAskMs).toBeGreaterThan(result.figures.nodeStartMs);
    expect(result.figures.nodeStartMs).toBeGreaterThan(0);
  }, 300_000);
});
