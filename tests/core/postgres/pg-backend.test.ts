import { writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CoreConfig } from '../../../src/core/config.js';
import { Footnote } from '../../../src/core/engine.js';
import { isUserError } from '../../../src/core/errors.js';
import { migrate, SCHEMA_VERSION } from '../../../src/core/postgres/migrations.js';
import { pgIngest } from '../../../src/core/postgres/pg-backend.js';
import { openPool } from '../../../src/core/postgres/pg-pool.js';
import { silentLogger } from '../../../src/core/logger.js';
import { startTestDatabase, type TestDatabase } from '../../helpers/pg-test-server.js';
import { copySeedCorpus, tempDir, testConfig, writeFiles } from '../../helpers/temp.js';

// Small documents, each about its own made-up subject so searches are unambiguous.
const SUBJECTS = ['almond', 'basalt', 'cobalt', 'dolphin', 'emerald', 'falcon'];
const docText = (subject: string) =>
  `The ${subject} report\ndate 2024-05-01\n\nThe ${subject} committee met on Monday to review the ${subject} budget.\nMembers of the ${subject} committee agreed that the ${subject} programme should grow by 3 percent.\n`;
const COBALT_V2 = 'The cobalt mine report\ndate 2024-06-02\n\nThe cobalt mine in Zelvara produced 4,812 tonnes of ore in June, a record for the site.\n';

describe('the Postgres index backend (pgvector + pg_textsearch)', () => {
  let db: TestDatabase;
  let root: string;
  let cleanup: () => Promise<void>;
  let config: CoreConfig;
  const opened: Footnote[] = [];
  const open = async (c = config) => {
    const engine = await Footnote.open(c);
    opened.push(engine);
    return engine;
  };
  const query = async <T extends pg.QueryResultRow>(sql: string, c = config): Promise<T[]> => {
    const client = new pg.Client({ connectionString: c.database!.url });
    await client.connect();
    try {
      return (await client.query<T>(sql.replaceAll('$S', `"${c.database!.schema}"`))).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    db = await startTestDatabase();
  });
  afterAll(async () => {
    for (const e of opened) await e.close();
    await db.stop();
  });
  beforeEach(async () => {
    ({ dir: root, cleanup } = await tempDir('footnote-pg-'));
    config = testConfig(root, { INDEX_BACKEND: 'postgres', DATABASE_URL: db.url, DATABASE_SCHEMA: db.schema() });
    await writeFiles(config.corpusDir, Object.fromEntries(SUBJECTS.map((s) => [`${s}.txt`, docText(s)])));
    return cleanup;
  });

  it('runs the migrations on an empty database, and running them again changes nothing', async () => {
    const pool = await openPool(config.database!);
    try {
      const first = await migrate(pool, config.database!.schema, db.url, silentLogger);
      expect(first.applied).toEqual([1, 2]);
      expect(first.bm25).toBe(db.bm25);
      const again = await migrate(pool, config.database!.schema, db.url, silentLogger);
      expect(again.applied).toEqual([]);
    } finally {
      await pool.end();
    }
    const versions = await query<{ version: number }>('SELECT version FROM $S.schema_migrations ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(SCHEMA_VERSION).toBe(2);
  });

  it('ingests the seed corpus and answers, searches and opens sources from the database', async () => {
    await copySeedCorpus(root);
    await rm(path.join(config.corpusDir, 'almond.txt'));
    for (const s of SUBJECTS.slice(1)) await rm(path.join(config.corpusDir, `${s}.txt`));
    const report = await pgIngest(config, {});
    expect(report).toMatchObject({ documents: 5, added: 5, removed: 0, incremental: false });
    expect(report.embedded).toBe(report.chunks);
    const engine = await open();
    expect(engine.stats).toMatchObject({ documents: 5, chunks: report.chunks, backend: 'postgres' });
    const a = await engine.ask('How many countries have joined the global ceasefire call?');
    expect(a.abstained).toBe(false);
    expect(a.text).toContain('127');
    const c = a.citations[0]!;
    const source = await engine.source(c.docId);
    expect(source.kind === 'document' && source.text.slice(c.start, c.end)).toBe(c.quote);
    expect((await engine.source(c.chunkId)).kind).toBe('chunk');
    expect((await engine.search('Non-Aligned Movement chairmanship Uganda', 5))[0]!.doc.id).toBe('001_5016a7bb1aa569ec.txt');
    expect((await engine.ask('What is the capital of Peru?')).abstained).toBe(true);
    expect(engine.docs().find((d) => d.id === '002_ee892e8bcfa1019d.txt')).toMatchObject({ date: '2024-10-23' });
    expect([...engine.chunkIds()]).toHaveLength(report.chunks);
    await expect(engine.source('../package.json')).rejects.toThrow(/No document or passage with id/);
    // Vectors really are in a vector(d) column with an HNSW index.
    const [col] = await query<{ t: string }>(`SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = '$S.chunks'::regclass AND attname = 'embedding'`);
    expect(col!.t).toBe('vector(512)');
    const indexes = await query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE schemaname = '${config.database!.schema}'`);
    expect(indexes.some((i) => /USING hnsw \(embedding vector_cosine_ops\)/.test(i.indexdef))).toBe(true);
    if (db.bm25) expect(indexes.some((i) => /USING bm25 \(terms\)/.test(i.indexdef))).toBe(true);
  });

  it('re-ingests incrementally: a changed, an added and a removed document, nothing else touched', async () => {
    const first = await pgIngest(config, {});
    const engine = await open();
    expect((await engine.ask('What did the cobalt committee agree?')).text).toMatch(/3 percent/);
    const before = await query<{ id: string; seq: string }>('SELECT id, seq FROM $S.chunks ORDER BY id');

    await writeFile(path.join(config.corpusDir, 'cobalt.txt'), COBALT_V2);
    await writeFile(path.join(config.corpusDir, 'granite.txt'), docText('granite'));
    await rm(path.join(config.corpusDir, 'dolphin.txt'));
    const second = await pgIngest(config, {});
    expect(second).toMatchObject({ documents: 6, added: 1, changed: 1, removed: 1, incremental: true });
    const after = await query<{ id: string; seq: string; doc_id: string }>('SELECT id, seq, doc_id FROM $S.chunks ORDER BY id');
    const fresh = after.filter((c) => c.doc_id === 'cobalt.txt' || c.doc_id === 'granite.txt');
    expect(second.embedded).toBe(fresh.length);
    expect(second.reused).toBe(after.length - fresh.length);
    // Rows of untouched documents are the very same rows.
    const seqBefore = new Map(before.map((r) => [r.id, r.seq]));
    for (const r of after.filter((c) => !fresh.includes(c))) expect(seqBefore.get(r.id)).toBe(r.seq);
    expect(after.some((c) => c.doc_id === 'dolphin.txt')).toBe(false);

    // The open engine follows the change without being reopened.
    expect((await engine.ask('How many tonnes of ore did the cobalt mine produce in June?')).text).toContain('4,812');
    expect((await engine.search('dolphin committee budget', 10)).map((p) => p.doc.id)).not.toContain('dolphin.txt');
    await expect(engine.source('dolphin.txt')).rejects.toThrow(/No document or passage/);
    expect(engine.docs().map((d) => d.id)).toContain('granite.txt');

    // Term frequencies after the patch equal those of a fresh build of the same corpus.
    const fresher = { ...config, database: { ...config.database!, schema: db.schema() } };
    await pgIngest(fresher, {});
    const df = 'SELECT term, df FROM $S.term_df ORDER BY term';
    expect(await query(df)).toEqual(await query(df, fresher));

    const third = await pgIngest(config, {});
    expect(third).toMatchObject({ added: 0, changed: 0, removed: 0, embedded: 0, reused: third.chunks });
    expect(first.chunks).toBeGreaterThan(0);
  });

  it('re-embeds only the chunks of a changed document whose text changed', async () => {
    const long = (tail: string) =>
      Array.from({ length: 30 }, (_, i) => `Paragraph ${i} of the harbour report says the harbour crane number ${i} lifted ${i * 100} containers.`).join('\n\n') +
      `\n\n${tail}\n`;
    await writeFile(path.join(config.corpusDir, 'harbour.txt'), long('The harbour closes at dusk.'));
    await pgIngest(config, {});
    const chunks = (await query<{ n: number }>(`SELECT count(*)::int AS n FROM $S.chunks WHERE doc_id = 'harbour.txt'`))[0]!.n;
    expect(chunks).toBeGreaterThan(2);
    await writeFile(path.join(config.corpusDir, 'harbour.txt'), long('The harbour closes at midnight on Fridays.'));
    const second = await pgIngest(config, {});
    expect(second).toMatchObject({ changed: 1 });
    expect(second.embedded).toBeGreaterThan(0);
    expect(second.embedded).toBeLessThan(chunks);
  });

  it('serves readers the old corpus or the new one while an ingest runs, never a mix', async () => {
    await pgIngest(config, {});
    const engine = await open();
    const question = 'What did the cobalt committee agree?';
    expect((await engine.ask(question)).text).toMatch(/3 percent/);
    await writeFile(path.join(config.corpusDir, 'cobalt.txt'), COBALT_V2);
    for (const s of ['granite', 'harbour', 'indigo', 'juniper']) await writeFile(path.join(config.corpusDir, `${s}.txt`), docText(s));
    let done = false;
    const ingesting = pgIngest(config, {}).finally(() => (done = true));
    const seen: number[] = [];
    while (!done) {
      const passages = await engine.search('cobalt', 10);
      const cobalt = passages.filter((p) => p.doc.id === 'cobalt.txt').map((p) => p.chunk.text);
      // Old text, or new text: never both, never neither.
      const old = cobalt.some((t) => t.includes('committee'));
      const neu = cobalt.some((t) => t.includes('Zelvara'));
      expect(old !== neu).toBe(true);
      seen.push(engine.stats.documents);
    }
    await ingesting;
    expect((await engine.search('cobalt', 10)).some((p) => p.chunk.text.includes('Zelvara'))).toBe(true);
    expect(engine.stats.documents).toBe(10);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('serialises two ingests started together: the second plans against the first', async () => {
    await pgIngest(config, {});
    await writeFile(path.join(config.corpusDir, 'cobalt.txt'), COBALT_V2);
    const [a, b] = await Promise.all([pgIngest(config, {}), pgIngest(config, {})]);
    expect([a.changed, b.changed].sort()).toEqual([0, 1]);
    expect(a.chunks).toBe(b.chunks);
    const [{ n }] = (await query<{ n: number }>(`SELECT count(*)::int AS n FROM $S.chunks WHERE doc_id = 'cobalt.txt'`)) as [{ n: number }];
    const [{ d }] = (await query<{ d: number }>(`SELECT (info->>'chunks')::int AS d FROM $S.documents WHERE id = 'cobalt.txt'`)) as [{ d: number }];
    expect(d).toBe(n);
  });

  it('filters by collection inside both searches: the named collections and top-level documents only', async () => {
    await writeFiles(config.corpusDir, { 'faq/granite.txt': docText('granite'), 'news/granite.txt': docText('granite').replace('3 percent', '9 percent') });
    await pgIngest(config, {});
    const engine = await open();
    expect(engine.collections()).toEqual(['faq', 'news']);
    const scoped = await engine.search('granite committee budget', 10, ['faq']);
    expect(scoped.map((p) => p.doc.id)).toContain('faq/granite.txt');
    expect(scoped.every((p) => !p.doc.id.startsWith('news/'))).toBe(true);
    expect((await engine.ask('By how much should the granite programme grow?', { collections: ['news'] })).text).toContain('9 percent');
  });

  it('names a dimension mismatch between the stored vectors and the index in one line', async () => {
    await pgIngest(config, {});
    await query('ALTER TABLE $S.chunks DROP COLUMN embedding; ALTER TABLE $S.chunks ADD COLUMN embedding vector(3)');
    const err = await Footnote.open(config).catch((e: unknown) => e);
    expect(isUserError(err) && err.code).toBe('DB_DIMENSION_MISMATCH');
    expect((err as Error).message).toMatch(/^The database holds 3-dimension vectors but the configured embedder makes 512-dimension ones\. Run `npm run ingest`/);
    expect((err as Error).message).not.toContain('\n');
  });
});

describe('Postgres connection errors', () => {
  it('says in one line that the connection was refused, without the password', async () => {
    // A port nothing listens on: bind one, note it, close it.
    const net = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const { dir, cleanup } = await tempDir();
    try {
      const config = testConfig(dir, { INDEX_BACKEND: 'postgres', DATABASE_URL: `postgres://footnote:s3cret@127.0.0.1:${port}/footnote` });
      const err = await Footnote.open(config).catch((e: unknown) => e);
      expect(isUserError(err) && err.code).toBe('DB_UNREACHABLE');
      expect((err as Error).message).toBe(
        `Cannot use the database at 127.0.0.1:${port}/footnote (connection refused). Check DATABASE_URL and that the server is running and accepts this login.`,
      );
    } finally {
      await cleanup();
    }
  });

  it('requires DATABASE_URL for the Postgres backend', () => {
    expect(() => testConfig('/tmp', { INDEX_BACKEND: 'postgres' })).toThrow(/INDEX_BACKEND=postgres needs DATABASE_URL/);
  });
});
