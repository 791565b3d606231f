import { Command } from 'commander';
import { indexBackend } from '../../core/storage/backend.js';
import { cliLogger, loadConfig, progressReporter } from '../context.js';
import { renderIngest } from '../render.js';

export const ingestCommand = () =>
  new Command('ingest')
    .description('build or update the index from a corpus folder (default: CORPUS_DIR)')
    .argument('[dir]', 'corpus folder')
    .option('--json', 'print the report as JSON')
    .action(async (dir: string | undefined, opts: { json?: boolean }) => {
      const config = loadConfig(dir ? { CORPUS_DIR: dir } : {});
      const progress = progressReporter();
      try {
        const report = await indexBackend(config, cliLogger(config.logLevel)).ingest({ onProgress: progress.onProgress });
        progress.stop();
        console.log(opts.json ? JSON.stringify(report, null, 2) : renderIngest(report));
      } finally {
        progress.stop();
      }
    });
