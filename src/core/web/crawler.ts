import robotsModule from 'robots-parser';
import { toDocument } from '../loader.js';
import { decodeText } from '../loaders/decode.js';
import { htmlText } from '../loaders/html-text.js';
import { extensionForMediaType, loaderFor } from '../loaders/registry.js';
import type { LoadedText } from '../loaders/types.js';
import { silentLogger, type Logger } from '../logger.js';
import { FetchFailure, fetchPage, ROBOTS_AGENT } from './fetch-page.js';
import type { PageStore } from './page-store.js';
import { parseSitemap } from './sitemap.js';

export interface CrawlOptions {
  /** Also read the site's sitemap(s) (from robots.txt, else /sitemap.xml). */
  sitemap?: boolean;
  /** How many links away from the start (and sitemap) pages to follow. */
  depth: number;
  /** Pages fetched at most. */
  maxPages: number;
  /** Pause between requests; a larger Crawl-delay in robots.txt wins. */
  delayMs: number;
  maxBytes: number;
  logger?: Logger;
}

export interface PageOutcome {
  url: string;
  status: 'new' | 'changed' | 'unchanged' | 'removed' | 'failed' | 'disallowed';
  /** The HTTP status, when the server answered. */
  httpStatus?: number;
  reason?: string;
}

export interface CrawlReport {
  start: string;
  pages: PageOutcome[];
  /** Requests made (robots.txt and sitemaps included). */
  requests: number;
  ms: number;
}

interface RobotsRules {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
}
// A CommonJS module typed as an ES default export: at run time the default import is the function itself.
const robotsParser = robotsModule as unknown as (url: string, text: string) => RobotsRules;

const MAX_SITEMAPS = 20;
const MAX_CRAWL_DELAY_MS = 30_000;

const normalise = (href: string, base?: string | URL): URL | null => {
  try {
    const url = new URL(href, base);
    url.hash = '';
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
};

/**
 * Fetches the pages of one site into the page store: same host only,
 * robots.txt honoured, one request at a time with a pause, re-fetches
 * conditional on the stored ETag / Last-Modified. A page that fails is
 * reported with its status and never stops the crawl.
 */
export async function crawlSite(start: string, store: PageStore, options: CrawlOptions): Promise<CrawlReport> {
  const t0 = performance.now();
  const logger = options.logger ?? silentLogger;
  const first = normalise(start);
  if (!first) return { start, pages: [{ url: start, status: 'failed', reason: 'not an http(s) address' }], requests: 0, ms: 0 };
  const host = first.host;
  const pages: PageOutcome[] = [];
  let requests = 0;
  let last = 0;
  let delay = options.delayMs;
  // One request at a time, `delay` apart.
  const polite = async <T>(fn: () => Promise<T>): Promise<T> => {
    const wait = last + delay - Date.now();
    if (requests > 0 && wait > 0) await new Promise((r) => setTimeout(r, wait));
    requests++;
    try {
      return await fn();
    } finally {
      last = Date.now();
    }
  };

  const robotsUrl = new URL('/robots.txt', first).href;
  let robots: RobotsRules | null = null;
  try {
    const res = await polite(() => fetchPage(robotsUrl, { maxBytes: 512 * 1024, mayFollow: (u) => (u.host === host ? null : 'another host') }));
    if (res.status === 200 && res.body) robots = robotsParser(robotsUrl, decodeText(res.body) ?? '');
    else if (res.status >= 500) throw new FetchFailure('robots.txt unavailable', res.status);
  } catch (err) {
    // Without an answer from robots.txt we cannot know what is allowed: crawl nothing.
    const f = err as FetchFailure;
    pages.push({ url: robotsUrl, status: 'failed', reason: `${f.message}; nothing crawled`, ...(f.status ? { httpStatus: f.status } : {}) });
    return { start: first.href, pages, requests, ms: Math.round(performance.now() - t0) };
  }
  const robotsDelay = (robots?.getCrawlDelay(ROBOTS_AGENT) ?? 0) * 1000;
  delay = Math.max(delay, Math.min(robotsDelay, MAX_CRAWL_DELAY_MS));
  const refusal = (url: URL): string | null =>
    url.host !== host ? 'another host' : robots && robots.isAllowed(url.href, ROBOTS_AGENT) === false ? 'disallowed by robots.txt' : null;

  const queue: Array<{ url: URL; depth: number }> = [];
  const seen = new Set<string>();
  const enqueue = (url: URL | null, depth: number) => {
    if (!url || url.host !== host || seen.has(url.href)) return;
    seen.add(url.href);
    queue.push({ url, depth });
  };
  enqueue(first, 0);
  if (options.sitemap) {
    for (const url of await readSitemaps(robots?.getSitemaps() ?? [], first, polite, refusal, pages, options.maxBytes)) enqueue(url, 0);
  }

  let fetched = 0;
  while (queue.length && fetched < options.maxPages) {
    const { url, depth } = queue.shift()!;
    const refused = refusal(url);
    if (refused) {
      pages.push({ url: url.href, status: 'disallowed', reason: refused });
      continue;
    }
    fetched++;
    const outcome = await fetchOne(url, store, polite, refusal, options.maxBytes);
    pages.push(outcome.report);
    logger.debug(`${outcome.report.status} ${url.href}${outcome.report.httpStatus ? ` (HTTP ${outcome.report.httpStatus})` : ''}`);
    if (outcome.finalUrl) seen.add(outcome.finalUrl);
    if (depth < options.depth) for (const link of outcome.links) enqueue(normalise(link, outcome.finalUrl ?? url), depth + 1);
  }
  return { start: first.href, pages, requests, ms: Math.round(performance.now() - t0) };
}

type Polite = <T>(fn: () => Promise<T>) => Promise<T>;

async function fetchOne(
  url: URL,
  store: PageStore,
  polite: Polite,
  refusal: (u: URL) => string | null,
  maxBytes: number,
): Promise<{ report: PageOutcome; links: string[]; finalUrl?: string }> {
  const stored = await store.get(url.href);
  let res;
  try {
    res = await polite(() => fetchPage(url.href, { maxBytes, etag: stored?.etag, lastModified: stored?.lastModified, mayFollow: refusal }));
  } catch (err) {
    const f = err as FetchFailure;
    return { report: { url: url.href, status: 'failed', reason: f.message, ...(f.status ? { httpStatus: f.status } : {}) }, links: [] };
  }
  if (res.status === 304 && stored) return { report: { url: url.href, status: 'unchanged', httpStatus: 304 }, links: stored.links, finalUrl: res.url };
  if (res.status === 404 || res.status === 410) {
    const removed = await store.remove(url.href);
    return { report: { url: url.href, status: removed ? 'removed' : 'failed', httpStatus: res.status, reason: 'not found' }, links: [] };
  }
  if (res.status !== 200 || !res.body) return { report: { url: url.href, status: 'failed', httpStatus: res.status, reason: 'unexpected status' }, links: [] };
  const ext = extensionForMediaType(res.contentType);
  const fail = (reason: string) => ({ report: { url: url.href, status: 'failed' as const, httpStatus: res.status, reason }, links: [], finalUrl: res.url });
  if (!ext) return fail(`unsupported content type "${(res.contentType ?? 'none').split(';')[0]}"`);
  let loaded: LoadedText | string;
  let links: string[] = [];
  if (ext === '.html') {
    const html = decodeText(res.body);
    if (html === null) return fail('binary content');
    const page = htmlText(html);
    loaded = { text: page.text, title: page.title ?? page.h1, sections: page.sections };
    links = page.links;
  } else loaded = await (await loaderFor(ext)!).load(res.body, { id: res.url, ext });
  const doc = typeof loaded === 'string' ? loaded : toDocument(res.url, loaded);
  if (typeof doc === 'string') return fail(doc);
  const before = res.url === url.href ? stored : await store.get(res.url);
  await store.put({ url: res.url, etag: res.etag, lastModified: res.lastModified, fetchedAt: new Date().toISOString(), links, document: doc });
  const status = !before ? 'new' : before.document.hash === doc.hash ? 'unchanged' : 'changed';
  return { report: { url: res.url, status, httpStatus: 200 }, links, finalUrl: res.url };
}

/** Page addresses from the site's sitemaps (following sitemap indexes, at most MAX_SITEMAPS files). */
async function readSitemaps(
  declared: string[],
  first: URL,
  polite: Polite,
  refusal: (u: URL) => string | null,
  pages: PageOutcome[],
  maxBytes: number,
): Promise<URL[]> {
  const todo = (declared.length ? declared : [new URL('/sitemap.xml', first).href]).map((s) => normalise(s)).filter((u): u is URL => !!u);
  const out: URL[] = [];
  const done = new Set<string>();
  while (todo.length && done.size < MAX_SITEMAPS) {
    const map = todo.shift()!;
    if (done.has(map.href) || refusal(map)) continue;
    done.add(map.href);
    try {
      const res = await polite(() => fetchPage(map.href, { maxBytes, mayFollow: refusal }));
      if (res.status !== 200 || !res.body) {
        pages.push({ url: map.href, status: 'failed', httpStatus: res.status, reason: 'sitemap not available' });
        continue;
      }
      const { pages: urls, sitemaps } = parseSitemap(decodeText(res.body) ?? '');
      for (const u of urls) {
        const url = normalise(u);
        if (url) out.push(url);
      }
      for (const s of sitemaps) {
        const url = normalise(s);
        if (url) todo.push(url);
      }
    } catch (err) {
      pages.push({ url: map.href, status: 'failed', reason: `sitemap: ${(err as Error).message}` });
    }
  }
  return out;
}
