#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm ci` or `npm run build`): no transpiling at start-up.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const main = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
if (!existsSync(main)) {
  console.error('error: Footnote is not built yet. Run `npm run build` (npm ci does it for you).');
  process.exit(1);
}
await import(pathToFileURL(main).href);
