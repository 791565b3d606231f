import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { compiledCli, repoRoot } from './entry.js';
import { median } from './stats.js';

export interface StartUp {
  /** `node dist/cli.js ask …` on a warm small index: process start to exit, after the answer is printed. */
  cliAskMs: number;
  /** `node -e 0` on the same machine in the same run. */
  nodeStartMs: number;
  runs: number;
}

/** Wall time of one child process from spawn to exit; rejects on a non-zero exit. */
export async function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`\`node ${args.join(' ')}\` failed (exit ${code}): ${stderr.trim().slice(-500)}`);
  return performance.now() - t0;
}

/**
 * Start-up of the CLI users run (the compiled JavaScript) against bare Node,
 * sampled alternately so a busy second core slows both alike; the ratio is
 * what the figure is about. `env` points at a small index that is already built.
 */
export async function measureStartUp(question: string, env: Record<string, string>, runs = 7): Promise<StartUp> {
  if (!existsSync(compiledCli)) throw new Error('dist/ is missing: run `npm run build` first');
  const childEnv = { ...process.env, ...env };
  await runNode([compiledCli, 'ask', question], childEnv); // warm the page cache
  const cli: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await runNode(['-e', '0'], childEnv));
    cli.push(await runNode([compiledCli, 'ask', question], childEnv));
  }
  return { cliAskMs: median(cli), nodeStartMs: median(bare), runs };
}
