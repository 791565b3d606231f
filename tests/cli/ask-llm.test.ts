// The terminal front with ANSWERER=llm, as a user runs it (child processes),
// against the OpenAI-compatible test server.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCoreConfig } from '../../src/core/config.js';
import { SCRIPTS } from '../llm-server/scripts.js';
import { LlmTestServer } from '../llm-server/server.js';
import { cliEnv, copySeedCorpus, tempDir } from '../helpers/temp.js';

const run = promisify(execFile);
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const main = path.resolve(import.meta.dirname, '../../src/cli/main.ts');
const QUESTION = 'How many countries have joined the global ceasefire call?';

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [tsx, main, ...args], { env: { ...process.env, ...env }, cwd: env.CWD, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A port nothing listens on: "the server is down". */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

describe('ask and eval with ANSWERER=llm (child processes)', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let server: LlmTestServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir());
    await copySeedCorpus(root);
    server = await new LlmTestServer().start();
    env = {
      ...cliEnv(root),
      ANSWERER: 'llm',
      LLM_BASE_URL: server.url,
      LLM_MODEL: 'test-model',
    };
  });
  afterAll(async () => {
    await server.stop();
    await cleanup();
  });

  it('ask --json prints a verified answer citing the figure, the invented claim listed as unsupported', async () => {
    server.respond = SCRIPTS['invented-number']!;
    const { code, stdout, stderr } = await cli(['ask', '--json', QUESTION], env);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ abstained: false, answerer: 'llm', unsupported: [{ sentence: 'The call was first signed by 45 countries in 2019.' }] });
    expect(out.fallback).toBeUndefined();
    expect(out.answer).toContain('127');
    expect(out.answer).not.toContain('45');
    expect(out.citations[0].docId).toBe('000_1f24b69473147b1b.txt');
    const doc = await readFile(path.join(root, 'corpus', out.citations[0].docId), 'utf8');
    for (const c of out.citations) expect(doc.slice(c.start, c.end)).toBe(c.quote);
    expect(stderr).not.toMatch(/warning/); // only the first-run index build's progress
  });

  it('streams to stderr, then prints the verified answer with its sources on stdout', async () => {
    server.respond = SCRIPTS['invented-number']!;
    const { code, stdout, stderr } = await cli(['ask', QUESTION], { ...env, LOG_LEVEL: 'info' });
    expect(code).toBe(0);
    expect(stderr).toContain('The call was first signed by 45 countries in 2019 [1].'); // as it streamed
    expect(stderr).toMatch(/Removed 1 unsupported sentence\(s\): the number 45 is not in \[1\]/);
    expect(stdout).not.toContain('45 countries');
    expect(stdout).toMatch(/127 countries[\s\S]*\n\nSources:\n\[1\] /);
  });

  it('with the server down, prints the extractive answer, a fallback reason and one warning line', async () => {
    const down = { ...env, LLM_BASE_URL: `http://127.0.0.1:${await closedPort()}/v1` };
    const { code, stdout, stderr } = await cli(['ask', '--json', QUESTION], down);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ answerer: 'extractive', abstained: false });
    expect(out.fallback).toMatch(/could not reach the chat model at http:\/\/127\.0\.0\.1:\d+\/v1/);
    expect(out.answer).toContain('127');
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^warning: Answered without the chat model: could not reach/)]);
  });

  it('eval --answerer llm adds unsupported_share to the summary line', async () => {
    server.respond = SCRIPTS['invented-number']!;
    const questions = path.join(root, 'two.jsonl');
    const lines = (await readFile(path.resolve(import.meta.dirname, '../fixtures/seed-questions.dev.jsonl'), 'utf8')).split('\n').slice(0, 2);
    await writeFile(questions, `${lines.join('\n')}\n`);
    const { code, stdout } = await cli(['eval', '--answerer', 'llm', '--questions', questions], { ...env, ANSWERER: 'extractive' });
    expect(code).toBe(0);
    // Each answer: three generated sentences, the invented one removed.
    expect(stdout.trim().split('\n').at(-1)).toMatch(/^eval: questions=2 .* unsupported_share=33\.3%$/);
  });

  it("accepts the README's Ollama settings as written", async () => {
    const readme = await readFile(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const line = /^(ANSWERER=llm LLM_BASE_URL=\S+ LLM_MODEL=\S+) npm run ask/m.exec(readme)![1]!;
    const vars = Object.fromEntries(line.split(' ').map((kv) => kv.split('=') as [string, string]));
    const config = parseCoreConfig(vars);
    expect(config.llm).toMatchObject({ baseUrl: 'http://localhost:11434/v1', model: 'llama3.2', apiKey: null });
    expect(() => parseCoreConfig({ ANSWERER: 'llm' })).toThrow(/ANSWERER=llm needs LLM_MODEL/);
    expect(() => parseCoreConfig({ ANSWERER: 'llm', LLM_MODEL: 'x', LLM_BASE_URL: 'localhost:11434' })).toThrow(/LLM_BASE_URL/);
  });
});
