import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Footnote } from '../../../src/core/engine.js';
import { isUserError } from '../../../src/core/errors.js';
import { openPgIndex, pgIngest } from '../../../src/core/postgres/pg-backend.js';
import { terms } from '../../../src/core/text.js';
import { startTestDatabase, type TestDatabase } from '../../helpers/pg-test-server.js';
import { tempDir, testConfig, writeFiles } from '../../helpers/temp.js';

const SUBJECTS = ['almond', 'basalt', 'cobalt', 'dolphin'];
const docText = (s: string) => `The ${s} report\n\nThe ${s} committee met on Monday to review the ${s} budget, which grew by ${s.length} percent.\n`;

// Without TEST_DATABASE_URL these run on PGlite builds that lack an extension; a real server has what it has.
const weighted = (q: string) => terms(q).map((term) => ({ term, weight: 1 }));

const onPglite = !process.env.TEST_DATABASE_URL;

describe.runIf(onPglite)('Postgres without pg_textsearch: full-text fallback', () => {
  let db: TestDatabase;
  let cleanup: () => Promise<void>;
  let root: string;
  beforeAll(async () => {
    db = await startTestDatabase({ bm25: false });
    ({ dir: root, cleanup } = await tempDir('footnote-pgfts-'));
    await writeFiles(`${root}/corpus`, Object.fromEntries(SUBJECTS.map((s) => [`${s}.txt`, docText(s)])));
  });
  afterAll(async () => {
    await db.stop();
    await cleanup();
  });

  it('ranks keywords with ts_rank_cd, answers, and warns once naming the fallback', async () => {
    const config = testConfig(root, { INDEX_BACKEND: 'postgres', DATABASE_URL: db.url, DATABASE_SCHEMA: db.schema() });
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} };
    await pgIngest(config, { logger });
    const reader = await openPgIndex(config, logger);
    try {
      expect(reader.keywordRanking).toBe('full-text');
      const hits = await reader.keywordSearch(weighted('cobalt budget'), 3);
      expect(hits[0]!.chunkId).toBe('cobalt.txt#0');
      expect(hits.every((h, i) => i === 0 || h.score <= hits[i - 1]!.score)).toBe(true);
      expect(await reader.keywordSearch(weighted('zeppelin'), 3)).toEqual([]);
    } finally {
      await reader.close();
    }
    const engine = await Footnote.open(config, { logger });
    try {
      expect((await engine.ask('By how many percent did the dolphin budget grow?')).text).toContain('7 percent');
    } finally {
      await engine.close();
    }
    expect(warnings.filter((w) => /pg_textsearch/.test(w))).toEqual([
      'Postgres has no pg_textsearch extension: keyword ranking falls back to full-text search (tsvector, ts_rank_cd) instead of BM25.',
    ]);
  });
});

describe.runIf(onPglite)('Postgres without pgvector', () => {
  it('says in one line that the vector extension is missing', async () => {
    const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-socket')]);
    const pglite = await PGlite.create();
    const server = new PGLiteSocketServer({ db: pglite, port: 0, host: '127.0.0.1', maxConnections: 10 });
    await server.start();
    const { dir, cleanup } = await tempDir();
    try {
      const url = `postgres://postgres:postgres@${server.getServerConn()}/postgres`;
      const err = await Footnote.open(testConfig(dir, { INDEX_BACKEND: 'postgres', DATABASE_URL: url }), { buildIfMissing: true }).catch((e: unknown) => e);
      expect(isUserError(err) && err.code).toBe('DB_NO_VECTOR');
      expect((err as Error).message).toMatch(/^The database at 127\.0\.0\.1:\d+\/postgres has no pgvector extension \(.+\)\. Install pgvector/);
      expect((err as Error).message).not.toContain('\n');
    } finally {
      await server.stop();
      await pglite.close();
      await cleanup();
    }
  });
});
