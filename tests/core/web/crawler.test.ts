import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Footnote } from '../../../src/core/engine.js';
import { crawlSite, type CrawlOptions } from '../../../src/core/web/crawler.js';
import { PageStore } from '../../../src/core/web/page-store.js';
import { tempDir, testConfig } from '../../helpers/temp.js';
import { startTestSite, type TestSite } from '../../helpers/test-site.js';

describe('web crawl against a local site', () => {
  let site: TestSite;
  let root: string;
  let cleanup: () => Promise<void>;
  let store: PageStore;
  const options: CrawlOptions = { sitemap: true, depth: 2, maxPages: 50, delayMs: 5, maxBytes: 1024 * 1024 };

  beforeAll(async () => {
    site = await startTestSite();
    ({ dir: root, cleanup } = await tempDir());
    store = new PageStore(path.join(root, 'web'));
  });
  afterAll(async () => {
    await site.close();
    await cleanup();
  });

  it('fetches allowed same-host pages one at a time, honours robots.txt and lists failures with their status', async () => {
    const report = await crawlSite(`${site.url}/`, store, options);
    const status = Object.fromEntries(report.pages.map((p) => [p.url.replace(site.url, ''), p.httpStatus ? `${p.status} ${p.httpStatus}` : p.status]));
    expect(status).toEqual({
      '/': 'new 200',
      '/faq': 'new 200', // only in the sitemap
      '/guide': 'new 200',
      '/news': 'new 200',
      '/fees': 'new 200', // reached through the /old-fees redirect
      '/private/minutes': 'disallowed',
      '/missing': 'failed 404',
      '/logo.png': 'failed 200',
    });
    expect(report.pages.find((p) => p.url.endsWith('/logo.png'))!.reason).toMatch(/unsupported content type "image\/png"/);
    expect(site.log.map((r) => r.path)).not.toContain('/private/minutes');
    expect(site.log.every((r) => /^FootnoteBot\//.test(String(r.headers['user-agent'])))).toBe(true);
    expect(site.maxInFlight).toBe(1);
    expect((await store.list()).map((p) => p.url.replace(site.url, ''))).toEqual(['/', '/faq', '/fees', '/guide', '/news']);
  });

  it('indexes the pages with their address as id, citing the section anchor', async () => {
    const config = testConfig(root);
    const engine = await Footnote.open(config, { buildIfMissing: true }); // no corpus folder: web pages only
    const a = await engine.ask('Where are the visitor berths?');
    expect(a.text.replace(/\*\*/g, '')).toContain('pontoon C');
    expect(a.citations[0]).toMatchObject({ docId: `${site.url}/guide`, section: 'Mooring guide › Visitor berths', url: `${site.url}/guide#berths` });
    const fee = await engine.ask('What is the fee per night for a boat under 10 metres?');
    expect(fee.text).toContain('25 euros');
    expect(fee.citations[0]!.docId).toBe(`${site.url}/fees`);
    expect((await engine.ask('Who is the harbour master?')).text).toContain('Ingrid Solberg');

    // The site changes; a second crawl asks conditionally and re-embeds only the page that changed.
    site.edition = 2;
    site.log.length = 0;
    const again = await crawlSite(`${site.url}/`, store, options);
    const byPath = (p: string) => again.pages.find((x) => x.url === `${site.url}${p}`);
    expect(byPath('/guide')).toMatchObject({ status: 'unchanged', httpStatus: 304 });
    expect(byPath('/news')).toMatchObject({ status: 'changed', httpStatus: 200 });
    expect(site.log.find((r) => r.path === '/guide')!.headers['if-none-match']).toBe('"guide-1"');
    const report = await engine.reindex();
    expect(report).toMatchObject({ changed: 1, added: 0, removed: 0 });
    expect(report.files.find((f) => f.status === 'changed')!.id).toBe(`${site.url}/news`);
    expect((await engine.ask('Who is the harbour master?')).text).toContain('Tomas Lind');
  });
});
