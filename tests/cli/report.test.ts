import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCoreConfig } from '../../src/core/config.js';
import { openStateStore } from '../../src/core/state/open-state-store.js';
import { openPgliteStateStore } from '../../src/core/state/pglite-state-store.js';
import { utcDay } from '../../src/core/state/state-store.js';
import { startTestDatabase } from '../helpers/pg-test-server.js';
import { tempDir } from '../helpers/temp.js';

const run = promisify(execFile);
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const main = path.resolve(import.meta.dirname, '../../src/cli/main.ts');

async function report(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [tsx, main, 'report', ...args], { env: { ...process.env, ...env }, cwd: env['CWD'], timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run report (child processes)', () => {
  let root = '';
  let cleanup: () => Promise<void>;
  let env: Record<string, string>;
  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir());
    env = { CWD: root, STATE_DIR: path.join(root, 'state'), LOG_LEVEL: 'silent' };
    const store = await openPgliteStateStore(env['STATE_DIR']!);
    const now = Date.now();
    const questions = ['How do I reset my password?', 'how can I reset the password', 'Where is the invoice?', 'What is the refund policy?'];
    for (const [i, question] of questions.entries())
      await store.logQuestion({ answerId: `a${i}`, at: now - i * 3_600_000, day: utcDay(now - i * 3_600_000), guildId: 'g', channelId: 'c', asker: 'h', question, abstained: i < 3, topScore: 0.2, chunkIds: [] });
    await store.close();
  }, 60_000);
  afterAll(() => cleanup());

  it('prints the summary and groups, and writes --html, --json and --csv files', async () => {
    const text = await report(['--since', '7d'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('4 (abstained 75.0%');
    expect(text.stdout).toMatch(/1\. ×2 {2}".*password/);

    const html = await report(['--since', '7d', '--html', 'report.html'], env);
    expect(html.stderr).toMatch(/report: questions=4 groups=2 ms=\d+ file=report.html/);
    expect(await readFile(path.join(root, 'report.html'), 'utf8')).toContain('<svg');

    const json = await report(['--json'], env);
    expect(JSON.parse(json.stdout).totals.questions).toBe(4);
    const csv = await report(['--csv', 'r.csv'], env);
    expect(csv.code).toBe(0);
    expect((await readFile(path.join(root, 'r.csv'), 'utf8')).split('\r\n').filter((l) => l.startsWith('group,'))).toHaveLength(2);
  }, 120_000);

  it('refuses a bad --since, and a store held by a running bot, with one line each', async () => {
    const bad = await report(['--since', 'yesterday-ish'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const held = await openPgliteStateStore(env['STATE_DIR']!);
    try {
      const busy = await report([], env);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(/^error: The state database is in use by process \d+/);
    } finally {
      await held.close();
    }
  }, 120_000);
});

describe('npm run report with DATABASE_URL', () => {
  it('reads the question log the bot processes share in Postgres, not an embedded store', async () => {
    const db = await startTestDatabase({ bm25: false });
    const { dir, cleanup } = await tempDir();
    try {
      const dbEnv = { DATABASE_URL: db.url, DATABASE_SCHEMA: db.schema() };
      const store = await openStateStore(parseCoreConfig(dbEnv));
      const now = Date.now();
      await store.logQuestion({ answerId: 'p1', at: now, day: utcDay(now), guildId: 'g', channelId: 'c', asker: 'h', question: 'Where do shards keep their state?', abstained: true, topScore: 0.1, chunkIds: [] });
      await store.close();
      // STATE_DIR points at an empty folder: a report of one question can only come from Postgres.
      const out = await report(['--json'], { ...dbEnv, CWD: dir, STATE_DIR: path.join(dir, 'state'), LOG_LEVEL: 'silent' });
      expect(out.code).toBe(0);
      expect(JSON.parse(out.stdout).totals.questions).toBe(1);
    } finally {
      await cleanup();
      await db.stop();
    }
  }, 120_000);
});
