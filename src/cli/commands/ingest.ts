import { Command, InvalidArgumentError } from 'commander';
import type { CoreConfig } from '../../core/config.js';
import type { IngestReport } from '../../core/ingest.js';
import { indexBackend } from '../../core/storage/backend.js';
import type { CrawlReport } from '../../core/web/crawler.js';
import { cliLogger, loadConfig, progressReporter } from '../context.js';
import { renderCrawl, renderIngest } from '../render.js';

interface IngestFlags {
  json?: boolean;
  url?: string[];
  sitemap?: boolean;
  depth?: number;
  maxPages?: number;
  watch?: boolean;
}

const count = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number`);
  return n;
};

export const ingestCommand = () =>
  new Command('ingest')
    .description('build or update the index from a corpus folder (default: CORPUS_DIR) and any web pages')
    .argument('[dir]', 'corpus folder')
    .option('--json', 'print the report as JSON')
    .option('--url <address...>', 'crawl these sites first (default: SOURCE_URLS)')
    .option('--sitemap', "also read the site's sitemap")
    .option('--depth <n>', 'follow links this many steps from the start page (default: CRAWL_DEPTH)', count('--depth'))
    .option('--max-pages <n>', 'fetch at most this many pages per site (default: CRAWL_MAX_PAGES)', count('--max-pages'))
    .option('--watch', 'keep running and update the index when files in the corpus folder change')
    .action(async (dir: string | undefined, opts: IngestFlags) => {
      const config = loadConfig(dir ? { CORPUS_DIR: dir } : {});
      const logger = cliLogger(config.logLevel);
      const crawls = await crawlAll(config, opts);
      if (!opts.json) for (const c of crawls) console.log(renderCrawl(c));
      const report = await withProgress((onProgress) => indexBackend(config, logger).ingest({ onProgress }));
      console.log(opts.json ? JSON.stringify(crawls.length ? { ...report, crawls } : report, null, 2) : renderIngest(report));
      if (opts.watch) await watchForever(config, opts.json === true);
    });

async function withProgress(run: (onProgress: ReturnType<typeof progressReporter>['onProgress']) => Promise<IngestReport>): Promise<IngestReport> {
  const progress = progressReporter();
  try {
    return await run(progress.onProgress);
  } finally {
    progress.stop();
  }
}

async function crawlAll(config: CoreConfig, opts: IngestFlags): Promise<CrawlReport[]> {
  const urls = opts.url?.length ? opts.url : config.sourceUrls;
  if (!urls.length) return [];
  const [{ crawlSite }, { PageStore }] = await Promise.all([import('../../core/web/crawler.js'), import('../../core/web/page-store.js')]);
  const store = new PageStore(config.webDir);
  const reports: CrawlReport[] = [];
  for (const url of urls) {
    reports.push(
      await crawlSite(url, store, {
        sitemap: opts.sitemap,
        depth: opts.depth ?? config.crawlDepth,
        maxPages: opts.maxPages ?? config.crawlMaxPages,
        delayMs: config.crawlDelayMs,
        maxBytes: config.maxFileMb * 1024 * 1024,
        logger: cliLogger(config.logLevel),
      }),
    );
  }
  return reports;
}

/** `ingest --watch`: re-index on every settled change until Ctrl-C. */
async function watchForever(config: CoreConfig, json: boolean): Promise<void> {
  const { CorpusWatcher } = await import('../../core/corpus-watcher.js');
  const logger = cliLogger(config.logLevel);
  const backend = indexBackend(config, logger);
  const watcher = new CorpusWatcher(config.corpusDir, () => backend.ingest(), {
    debounceMs: config.watchDebounceMs,
    onUpdate: (r) => console.log(json ? JSON.stringify(r) : renderIngest(r)),
  });
  await watcher.start();
  console.error(`Watching ${config.corpusDir} for changes (Ctrl-C to stop).`);
  await new Promise<void>((resolve) => {
    const stop = () => void watcher.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
