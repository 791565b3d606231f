import { Command } from 'commander';
import { loadConfig, openEngine } from '../context.js';
import { renderSource } from '../render.js';

export const sourceCommand = () =>
  new Command('source')
    .description("show the full passage behind a citation's chunk id, or a whole document by its id")
    .argument('<ref>', 'a chunk id such as "000_1f24b69473147b1b.txt#0", or a document id')
    .action(async (ref: string) => {
      const engine = await openEngine(loadConfig());
      console.log(renderSource(await engine.source(ref)));
    });
