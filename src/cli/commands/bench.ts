import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../context.js';

const positiveInt = (v: string) => {
  const n = Number.parseInt(v.replace(/[_,]/g, ''), 10);
  if (!Number.isFinite(n) || n < 50) throw new InvalidArgumentError('a whole number of at least 50');
  return n;
};

export const benchCommand = () =>
  new Command('bench')
    .description('measure ingest, query latency, cold start, incremental re-index and memory against a LangChain baseline')
    .option('--chunks <n>', 'chunks in the generated corpus (default 100,000)', positiveInt)
    .option('--quick', 'a 10,000-chunk run that takes well under a minute')
    .option('--source <file>', 'a SQuAD JSON file whose paragraphs and questions join the corpus (read where it lies)')
    .option('--questions <n>', 'questions asked (default 240)', positiveInt)
    .option('--no-neural', 'do not try to load the neural embedder')
    .option('--keep', 'keep the temporary corpus and index')
    .addOption(
      new Option('--backend <backend>', 'also measure Postgres (DATABASE_URL, else PGlite) on the same corpus; its line comes last').choices(['file', 'postgres']),
    )
    .action(async (opts: { chunks?: number; quick?: boolean; source?: string; questions?: number; neural: boolean; keep?: boolean; backend?: 'file' | 'postgres' }) => {
      const config = loadConfig();
      // Loaded on use: the other commands' start-up must not pay for the bench.
      const { runBench } = await import('../../bench/run.js');
      await runBench({
        chunks: opts.chunks ?? (opts.quick ? 10_000 : 100_000),
        quick: opts.quick ?? false,
        source: opts.source ? path.resolve(opts.source) : undefined,
        questions: opts.questions,
        neural: opts.neural,
        keep: opts.keep,
        backend: opts.backend,
        databaseUrl: config.database?.url,
        config,
      });
    });
