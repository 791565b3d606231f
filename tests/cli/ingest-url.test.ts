import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.js';
import { startTestSite, type TestSite } from '../helpers/test-site.js';

const run = promisify(execFile);
const main = path.resolve(import.meta.dirname, '../../dist/cli.js');

describe('npm run ingest -- --url (compiled CLI, local site)', () => {
  let site: TestSite;
  let root: string;
  let cleanup: () => Promise<void>;
  let env: NodeJS.ProcessEnv;
  const cli = (args: string[]) => run(process.execPath, [main, ...args], { env, cwd: root, timeout: 60_000 });

  beforeAll(async () => {
    site = await startTestSite();
    ({ dir: root, cleanup } = await tempDir());
    env = { ...process.env, INDEX_DIR: path.join(root, 'index'), EMBEDDINGS: 'lexical', LOG_LEVEL: 'warn', CRAWL_DELAY_MS: '0', SOURCE_URLS: '' };
  });
  afterAll(async () => {
    await site.close();
    await cleanup();
  });

  it('indexes the allowed pages, skips the disallowed one, and re-crawls with conditional requests', async () => {
    const first = await cli(['ingest', '--url', `${site.url}/`, '--sitemap', '--depth', '2', '--max-pages', '20']);
    expect(first.stdout).toMatch(/Crawled http:\/\/127\.0\.0\.1:\d+\/: 5 new, 0 changed, 0 unchanged, 0 removed, 1 disallowed, 2 failed/);
    expect(first.stdout).toMatch(/disallowed +\S+\/private\/minutes \(disallowed by robots\.txt\)/);
    expect(first.stdout).toMatch(/failed +\S+\/missing \(HTTP 404: not found\)/);
    expect(first.stdout).toMatch(/Indexed 5 documents/);

    site.edition = 2;
    site.log.length = 0;
    const second = JSON.parse((await cli(['ingest', '--url', `${site.url}/`, '--sitemap', '--json'])).stdout);
    expect(second).toMatchObject({ documents: 5, added: 0, changed: 1, removed: 0 });
    expect(second.crawls[0].pages.filter((p: { status: string }) => p.status === 'unchanged')).toHaveLength(4);
    expect(site.log.filter((r) => r.headers['if-none-match']).length).toBeGreaterThanOrEqual(4);

    const ask = JSON.parse((await cli(['ask', '--json', 'Who is the harbour master this season?'])).stdout);
    expect(ask.answer).toContain('Tomas Lind');
    expect(ask.citations[0]).toMatchObject({ docId: `${site.url}/news`, url: `${site.url}/news` });
  });
});
