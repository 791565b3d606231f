import { Command } from 'commander';
import { loadConfig, openEngine } from '../context.js';
import { renderDocs } from '../render.js';

export const docsCommand = () =>
  new Command('docs')
    .description('list the documents in the index with their dates and titles')
    .option('--json', 'print the list as JSON')
    .action(async (opts: { json?: boolean }) => {
      const engine = await openEngine(loadConfig());
      const docs = engine.docs();
      console.log(opts.json ? JSON.stringify(docs, null, 2) : renderDocs(docs));
    });
