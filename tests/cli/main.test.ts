import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { mkdir, writeFile, readFile } from 'node:fs/promises';
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

  it('refuses a bad -k, calls a query a query, and names a file given as the corpus folder', async () => {
    for (const k of ['-3', 'abc', '0'])
      for (const cmd of ['ask', 'search']) {
        const r = await cli([cmd, '-k', k, 'ceasefire'], env);
        expect({ k, cmd, code: r.code, stdout: r.stdout }).toEqual({ k, cmd, code: 1, stdout: '' });
        expect(r.stderr).toMatch(/Give a whole number of passages from 1 to 50/);
      }
    const query = await cli(['search', '???'], env);
    expect(query.stderr.trim()).toBe('error: The query contains no readable words. Search in plain text.');
    const file = path.join(root, 'corpus', '000_1f24b69473147b1b.txt');
    const notFolder = await cli(['ingest', file], env);
    expect(notFolder.code).toBe(1);
    expect(notFolder.stderr.trim().split('\n').at(-1)).toBe(`error: ${file} is a file, not a folder. Point ingest (or CORPUS_DIR) at the folder that holds your documents.`);
  });

  it('prints each citation id once, says "not in the corpus" once, and lines up docs with nested ids', async () => {
    const answer = await cli(['ask', 'How many countries have joined the global ceasefire call?'], env);
    const idLine = answer.stdout.split('\n').find((l) => l.includes('#'))!;
    expect(idLine.match(/000_1f24b69473147b1b\.txt/g)).toHaveLength(1);
    const none = await cli(['ask', 'What is the airspeed of an unladen swallow?'], env);
    expect(none.stdout.match(/corpus/gi)).toHaveLength(1);
    await mkdir(path.join(root, 'corpus', 'archive', 'depot-records'), { recursive: true });
    await writeFile(path.join(root, 'corpus', 'archive', 'depot-records', 'deeply-nested-notes.txt'), 'Nested notes\n\nThe depot stores 44 crates.\n');
    await cli(['ingest'], env);
    const docs = (await cli(['docs'], env)).stdout.trim().split('\n');
    const rows = docs.slice(0, -2);
    expect(new Set(rows.map((r) => r.search(/\d{4}-\d\d-\d\d|----------/))).size).toBe(1);
    expect(docs.at(-1)).toMatch(/^\d+ documents$/);
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
