import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Set to true by the build (src/build/build.mjs); undefined under tsx or vitest. */
declare const FOOTNOTE_COMPILED: boolean | undefined;
const compiled = typeof FOOTNOTE_COMPILED !== 'undefined' && FOOTNOTE_COMPILED;

/** The repository root (the build keeps import.meta.url pointing at this source file). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Node arguments that run one of Footnote's programs the same way this
 * process runs: the compiled `dist/<name>.js`, or its source `src/<rel>.ts`
 * through tsx (a development tool, resolved only then). Names are those of
 * ENTRIES in src/build/build.mjs.
 */
export function nodeArgs(name: string, rel: string): string[] {
  if (compiled) return [path.join(repoRoot, 'dist', `${name}.js`)];
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return ['--import', tsx, path.join(repoRoot, 'src', `${rel}.ts`)];
}
