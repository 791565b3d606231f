import { Command } from 'commander';
import { passageCount } from '../options.js';
import { loadConfig, openEngine } from '../context.js';
import { renderPassage } from '../render.js';

export const searchCommand = () =>
  new Command('search')
    .description('list the passages that best match a query, with scores (no answer)')
    .argument('<query...>', 'what to look for')
    .option('-k, --top <n>', 'how many passages', passageCount)
    .option('--json', 'print the passages as JSON')
    .action(async (query: string[], opts: { top?: number; json?: boolean }) => {
      const engine = await openEngine(loadConfig());
      const passages = await engine.search(query.join(' '), opts.top);
      if (opts.json) {
        const rows = passages.map((p) => ({ chunkId: p.chunk.id, docId: p.doc.id, title: p.doc.title, date: p.doc.date, score: p.score, start: p.chunk.start, end: p.chunk.end, text: p.chunk.text }));
        console.log(JSON.stringify(rows, null, 2));
      } else console.log(passages.length ? passages.map((p, i) => renderPassage(p, i, true)).join('\n\n') : 'No matching passages.');
    });
