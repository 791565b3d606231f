import { cp, mkdtemp, rm, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseCoreConfig, type CoreConfig } from '../../src/core/config.js';

export const REPO_CORPUS = path.resolve(import.meta.dirname, '../../corpus');

/** A fresh temp folder, removed by the returned cleanup. */
export async function tempDir(prefix = 'footnote-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes `files` (relative path → content) under `dir`. */
export async function writeFiles(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

export async function copySeedCorpus(dir: string): Promise<string> {
  const corpus = path.join(dir, 'corpus');
  await cp(REPO_CORPUS, corpus, { recursive: true });
  return corpus;
}

/** A config for a temp corpus and index, with the offline lexical embedder. */
export function testConfig(root: string, env: Record<string, string> = {}): CoreConfig {
  return parseCoreConfig({
    CORPUS_DIR: path.join(root, 'corpus'),
    INDEX_DIR: path.join(root, 'index'),
    MODEL_CACHE_DIR: path.join(root, 'models'),
    WEB_DIR: path.join(root, 'web'),
    EMBEDDINGS: 'lexical',
    LOG_LEVEL: 'silent',
    ...env,
  });
}

/** Environment for running the CLI in a child process on a temp corpus and index under `root`. */
export function cliEnv(root: string): Record<string, string> {
  return {
    CWD: root,
    CORPUS_DIR: path.join(root, 'corpus'),
    INDEX_DIR: path.join(root, 'index'),
    MODEL_CACHE_DIR: path.join(root, 'models'),
    EMBEDDINGS: 'lexical',
    LOG_LEVEL: 'warn',
  };
}
