import { existsSync } from 'node:fs';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { parseCoreConfig, type CoreConfig } from '../core/config.js';
import { Footnote } from '../core/engine.js';
import type { IngestProgress } from '../core/ingest.js';
import type { Logger } from '../core/logger.js';

/** Settings come from the environment, with a `.env` in the working folder filling the gaps. */
export function loadConfig(overrides: Partial<Record<string, string>> = {}): CoreConfig {
  const envFile = path.resolve('.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseCoreConfig({ ...process.env, ...overrides });
}

/** Plain one-line messages on stderr, so stdout stays clean for answers and --json. */
export function cliLogger(level: CoreConfig['logLevel']): Logger {
  const order = ['debug', 'info', 'warn', 'error', 'silent'];
  const on = (l: string) => order.indexOf(l) >= order.indexOf(level);
  return {
    debug: (m) => on('debug') && console.error(m),
    info: (m) => on('info') && console.error(m),
    warn: (m) => on('warn') && console.error(`warning: ${m}`),
    error: (obj, m) => on('error') && console.error(m ?? '', obj),
  };
}

const PHASES: Record<IngestProgress['phase'], string> = {
  load: 'Loading',
  split: 'Splitting',
  embed: 'Embedding',
  index: 'Indexing',
  write: 'Writing',
};

/** A progress bar on a terminal; one line per phase otherwise (logs, CI). */
export function progressReporter(): { onProgress: (p: IngestProgress) => void; stop: () => void } {
  let phase: string | null = null;
  let bar: SingleBar | null = null;
  const tty = process.stderr.isTTY;
  return {
    onProgress(p) {
      if (p.phase !== phase) {
        bar?.stop();
        bar = null;
        phase = p.phase;
        if (tty && p.total > 1) {
          bar = new SingleBar({ format: `${PHASES[p.phase].padEnd(10)} {bar} {value}/{total}`, stream: process.stderr }, Presets.shades_classic);
          bar.start(p.total, p.done);
        } else if (!tty) console.error(`${PHASES[p.phase]}…`);
      }
      bar?.update(p.done);
    },
    stop() {
      bar?.stop();
    },
  };
}

export async function openEngine(config: CoreConfig): Promise<Footnote> {
  const progress = progressReporter();
  try {
    return await Footnote.open(config, { logger: cliLogger(config.logLevel), buildIfMissing: true, onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
}
