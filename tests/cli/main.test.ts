import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeFile, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, copySeedCorpus, tempDir } from '../helpers/temp.js';

const run = promisify(execFile);
// The compiled CLI, as `npm run …` runs it (vitest's global setup builds dist/ first).
const main = path.resolve(import.meta.dirname, '../../dist/cli.js');

/** Runs the real CLI in a child process, as a user would. */
async function cli(args: string[], env: Record<string, string>, input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = run(process.execPath, [main, ...args], { env: { ...process.env, ...env }, cwd: env.CWD, timeout: 60_000 });
  if (input !== undefined) {
    child.child.stdin!.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('CLI (integration, child processes)', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let env: Record<string, string>;

  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir());
    await copySeedCorpus(root);
    env = cliEnv(root);
  });
  afterAll(() => cleanup());

  it('ask --json builds the missing index and prints the documented shape', async () => {
    const { code, stdout } = await cli(['ask', '--json', 'How many countries have joined the global ceasefire call?'], env);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['answer', 'abstained', 'citations', 'answerer', 'timingsMs']);
    expect(out.answerer).toBe('extractive');
    expect(out.answer).toContain('127');
    expect(out.abstained).toBe(false);
    expect(Object.keys(out.citations[0])).toEqual(['n', 'docId', 'title', 'date', 'chunkId', 'start', 'end', 'quote', 'page', 'section']);
    expect(out.citations[0]).toMatchObject({ page: null, section: null });
    expect(out.citations[0].docId).toBe('000_1f24b69473147b1b.txt');
    expect(out.timingsMs.total).toBeGreaterThan(0);
  });

  it('ingest reports counts and names skipped files; a bad file does not stop it', async () => {
    await writeFile(path.join(root, 'corpus', 'broken.txt'), Buffer.from([0, 1, 2, 3, 0, 255]));
    const { code, stdout, stderr } = await cli(['ingest'], env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Indexed 5 documents into \d+ passages/);
    // Each file once: in the report, not also as a warning.
    expect(stdout.match(/broken\.txt/g)).toHaveLength(1);
    expect(stdout).toMatch(/skipped +broken\.txt: binary content/);
    expect(stderr).not.toMatch(/broken\.txt/);
  });

  it('prints the answer and sources as text, and abstains plainly', async () => {
    const yes = await cli(['ask', 'How', 'many', 'countries', 'joined', 'the', 'ceasefire', 'call?'], env);
    expect(yes.stdout).toMatch(/127.*\[1\]/);
    expect(yes.stdout).toMatch(/Sources:\n\[1\] /);
    const no = await cli(['ask', 'What is the recipe for plov?'], env);
    expect(no.code).toBe(0);
    expect(no.stdout).toMatch(/^Not in the corpus/);
    expect(no.stdout).toMatch(/Nearest sources:/);
  });

  it('source, docs and search work on ids from the index; unknown ids get one line', async () => {
    const docs = await cli(['docs', '--json'], env);
    expect(JSON.parse(docs.stdout)).toHaveLength(5);
    const src = await cli(['source', '000_1f24b69473147b1b.txt#0'], env);
    expect(src.stdout).toContain('A total of 127 countries');
    const search = await cli(['search', 'gas production', '-k', '2'], env);
    expect(search.stdout).toMatch(/^1\. score \d\.\d{4} /);
    const bad = await cli(['source', '../package.json'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toEqual(['error: No document or passage with id "../package.json". Use `npm run docs` for document ids, or a chunk id from a citation.']);
  });

  it('chat answers questions from standard input; a bad one does not end the session', async () => {
    const input = '?!\nWho wrote the article published by the Federation of Peruvian Journalists?\n\nexit\n';
    const { code, stdout } = await cli(['chat'], env, input);
    expect(code).toBe(0);
    expect(stdout).toContain('error: The question contains no readable words');
    expect(stdout).toContain('Ricardo Sanchez Serra');
  });

  it('a corrupt index and a bad setting each get one line that says what to do', async () => {
    const current = (await readFile(path.join(root, 'index', 'CURRENT'), 'utf8')).trim();
    await writeFile(path.join(root, 'index', current, 'bm25.bin'), 'garbage');
    const corrupt = await cli(['ask', 'anything about gas'], env);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr.trim()).toMatch(/^error: The index at .* is unreadable \(.*\)\. Run `npm run ingest` to rebuild it\.$/);
    const setting = await cli(['docs'], { ...env, EMBEDDINGS: 'neural' });
    expect(setting.code).toBe(1);
    expect(setting.stderr.trim()).toMatch(/^error: Invalid setting: EMBEDDINGS: .*See \.env\.example/);
  });
});
