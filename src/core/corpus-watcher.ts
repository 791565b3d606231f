import { isUserError } from './errors.js';
import type { IngestReport } from './ingest.js';
import { silentLogger, type Logger } from './logger.js';

export interface CorpusWatcherOptions {
  /** Quiet time after the last change before re-indexing (a copy of many files is one update). */
  debounceMs: number;
  logger?: Logger;
  /** Called after each update with its report. */
  onUpdate?: (report: IngestReport) => void;
}

/**
 * Watches the corpus folder (chokidar: the OS's file events, no polling) and
 * re-indexes after changes settle. One update runs at a time; changes that
 * arrive meanwhile trigger one more afterwards. The update itself is
 * incremental (unchanged files are not read again) and swaps the new index
 * in only when it is complete, so questions keep being answered meanwhile.
 */
export class CorpusWatcher {
  private watcher: import('chokidar').FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private readonly logger: Logger;

  constructor(
    readonly dir: string,
    private readonly update: () => Promise<IngestReport>,
    private readonly options: CorpusWatcherOptions,
  ) {
    this.logger = options.logger ?? silentLogger;
  }

  async start(): Promise<void> {
    const { watch } = await import('chokidar');
    const watcher = watch(this.dir, {
      ignoreInitial: true,
      // Hidden files and folders are never indexed; editors' swap files are hidden too.
      ignored: (file) => file.slice(this.dir.length).split(/[\\/]/).some((part) => part.startsWith('.')),
    });
    this.watcher = watcher;
    watcher.on('all', () => this.schedule());
    watcher.on('error', (err) => this.logger.warn(`watching ${this.dir}: ${(err as Error).message}`));
    await new Promise<void>((resolve) => watcher.once('ready', resolve));
  }

  /** Resolves when no update is waiting or running (for tests and shutdown). */
  async settled(): Promise<void> {
    while (this.timer || this.running) {
      if (this.running) await this.running;
      else await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.watcher?.close();
    await this.running;
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.run().finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.schedule();
        }
      });
    }, this.options.debounceMs);
  }

  private async run(): Promise<void> {
    try {
      const report = await this.update();
      this.logger.info(
        `corpus changed: ${report.added} new, ${report.changed} changed, ${report.removed} removed, ${report.skipped.length} skipped; ` +
          `${report.documents} documents, ${report.chunks} passages (${report.ms} ms)`,
      );
      this.options.onUpdate?.(report);
    } catch (err) {
      if (isUserError(err)) this.logger.warn(`corpus update failed: ${err.message}`);
      else this.logger.error({ err }, 'corpus update failed');
    }
  }
}
