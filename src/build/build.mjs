// Compiles the TypeScript entry points into dist/ (gitignored) with esbuild: `npm run build`,
// run by `npm ci` through `prepare` and by the test setup. Plain JavaScript, so it needs
// nothing but esbuild (a dependency, so `npm ci --omit=dev` builds too).
//
// Why a bundle: `npm run ask` spent ~650 ms in tsx transpiling at run time; compiled file by
// file it still spent most of its start-up resolving and compiling ~140 modules (zod alone
// is 95). Bundled, `ask` on a warm small index takes ~2.5× `node -e 0` (see `npm run bench`).
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outdir = path.join(root, 'dist');

/**
 * Every program that runs from dist/: output name → source. To add one, add a line here and
 * point its npm script at `node dist/<name>.js`. Every output file sits directly in dist/.
 */
export const ENTRIES = {
  cli: 'src/cli/main.ts',
  bot: 'src/bot/main.ts',
  shards: 'src/bot/shards.ts',
  register: 'src/bot/register.ts',
  'bench-child': 'src/bench/child.ts',
  'ingest-child': 'src/core/ingest-child.ts',
};

/**
 * Pure-JavaScript packages on the start-up path, bundled with everything they import. Every
 * other package stays an ordinary import from node_modules: native addons, packages that
 * read files next to their own code, and @langchain/* (its classes must stay one copy,
 * shared with the integrations that import it themselves).
 */
const BUNDLED = new Set(['zod', 'commander', 'stopword', 'stemmer', 'cli-progress']);

const packageOf = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
const inSrc = (file) => file.startsWith(path.join(root, 'src') + path.sep);

const srcUrlPlugin = {
  name: 'source-locations',
  setup(b) {
    // Our own imports of other packages stay external unless listed above.
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (!inSrc(args.importer) || args.path.startsWith('node:')) return undefined;
      return BUNDLED.has(packageOf(args.path)) ? undefined : { path: args.path, external: true };
    });
    // import.meta.url/dirname/filename keep meaning the source file, wherever the bundle put
    // its code (all output sits in dist/, one level below the root), so files found next to a
    // module are found from the compiled build too.
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!inSrc(args.path)) return undefined;
      const rel = path.relative(root, args.path).split(path.sep).join('/');
      const url = `new URL(${JSON.stringify(`../${rel}`)}, import.meta.url)`;
      const contents = readFileSync(args.path, 'utf8')
        .replace(/\bimport\.meta\.url\b/g, `${url}.href`)
        .replace(/\bimport\.meta\.filename\b/g, `__footnoteFile(${url})`)
        .replace(/\bimport\.meta\.dirname\b/g, `__footnoteDir(${url})`);
      return { contents, loader: 'ts' };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ENTRIES,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // ESM first: lets the bundle keep only what is used (stopword's English list, not its 60 languages).
  mainFields: ['module', 'main'],
  chunkNames: 'chunk-[hash]',
  logLevel: 'warning',
  define: { FOOTNOTE_COMPILED: 'true' },
  // Bundled CommonJS packages (commander, cli-progress) call require(); give ESM output one.
  banner: {
    js: [
      "import { createRequire as __footnoteRequire } from 'node:module';",
      "import { fileURLToPath as __footnotePath } from 'node:url';",
      "import { dirname as __footnoteDirname } from 'node:path';",
      'const require = __footnoteRequire(import.meta.url);',
      'const __footnoteFile = (u) => __footnotePath(u);',
      'const __footnoteDir = (u) => __footnoteDirname(__footnotePath(u));',
    ].join('\n'),
  },
  plugins: [srcUrlPlugin],
});
