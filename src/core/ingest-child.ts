/**
 * Entry of the process `ingestInChild` starts (dist/ingest-child.js): runs
 * one ingest with the config it is sent and reports progress, log lines and
 * the result over IPC. A separate process keeps a long re-index from
 * stalling the bot's event loop (at 100,000 passages it held it ~2.65 s).
 */
import type { CoreConfig } from './config.js';
import { isUserError } from './errors.js';
import { ingest } from './ingest.js';
import type { Logger } from './logger.js';

const send = (msg: object) => process.send!(msg);

process.once('message', (config: CoreConfig) => {
  const log = (level: string) => (message: string) => send({ type: 'log', level, message });
  const logger: Logger = {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: (obj, m) => send({ type: 'log', level: 'error', message: `${m ?? ''} ${String((obj as Error)?.stack ?? obj)}` }),
  };
  ingest(config, { logger, onProgress: (p) => send({ type: 'progress', progress: p }) })
    .then((report) => send({ type: 'done', report }))
    .catch((err: unknown) =>
      send(isUserError(err) ? { type: 'failed', code: err.code, message: err.message } : { type: 'failed', message: String((err as Error)?.stack ?? err) }),
    )
    .finally(() => process.disconnect());
});
