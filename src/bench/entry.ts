import path from 'node:path';
import { repoRoot } from '../core/programs.js';

export { nodeArgs, repoRoot } from '../core/programs.js';

/** The compiled CLI, as `npm run ask` starts it (start-up is measured on what users run). */
export const compiledCli = path.join(repoRoot, 'dist', 'cli.js');
