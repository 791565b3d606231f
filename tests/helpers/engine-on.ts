import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { Footnote } from '../../src/core/engine.js';
import { tempDir, testConfig, writeFiles } from './temp.js';

/**
 * An engine over a temp corpus of `files` (name → text), built before the
 * suite's tests and removed after them. Call inside a `describe`; the getter
 * returns the engine once the suite has started.
 */
export function engineOn(files: Record<string, string>): () => Footnote {
  let engine: Footnote | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    await writeFiles(path.join(t.dir, 'corpus'), files);
    engine = await Footnote.open(testConfig(t.dir), { buildIfMissing: true });
  });
  afterAll(() => cleanup?.());
  return () => engine!;
}
