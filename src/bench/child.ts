/** Entry of a bench child process: `child.ts <phase> <args.json> <result.json>`. */
import { readFile, writeFile } from 'node:fs/promises';
import { baselinePhase, ingestPhase, queryPhase } from './phases.js';

const [phase, argsFile, resultFile] = process.argv.slice(2);
const phases: Record<string, (args: never) => Promise<unknown>> = { ingest: ingestPhase, query: queryPhase, baseline: baselinePhase };
const run = phases[phase ?? ''];
if (!run || !argsFile || !resultFile) {
  console.error('usage: child.ts <ingest|query|baseline> <args.json> <result.json>');
  process.exit(2);
}
try {
  const args = JSON.parse(await readFile(argsFile, 'utf8')) as never;
  await writeFile(resultFile, JSON.stringify(await run(args)));
  process.exit(0);
} catch (err) {
  console.error(err);
  process.exit(1);
}
