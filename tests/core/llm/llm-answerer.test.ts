// The chat-model answerer against the OpenAI-compatible test server, through
// LangChain, on the seed corpus: what the asker finally gets for each scripted
// behaviour, and what the model was sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Footnote } from '../../../src/core/engine.js';
import type { Answer } from '../../../src/core/types.js';
import { SCRIPTS, isRewrite } from '../../llm-server/scripts.js';
import { LlmTestServer } from '../../llm-server/server.js';
import { copySeedCorpus, tempDir, testConfig } from '../../helpers/temp.js';

const QUESTION = 'How many countries have joined the global ceasefire call?';
const FIGURE_DOC = '000_1f24b69473147b1b.txt';

describe('LlmAnswerer through LangChain against the test server', () => {
  let server: LlmTestServer;
  let engine: Footnote;
  let root: string;
  let cleanup: () => Promise<void>;
  const warnings: string[] = [];

  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir());
    await copySeedCorpus(root);
    server = await new LlmTestServer().start();
    const config = testConfig(root, { ANSWERER: 'llm', LLM_BASE_URL: server.url, LLM_MODEL: 'test-model', LLM_TIMEOUT_MS: '1500' });
    const logger = { debug() {}, info() {}, warn: (m: string) => void warnings.push(m), error() {} };
    engine = await Footnote.open(config, { buildIfMissing: true, logger });
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    await cleanup();
  });

  async function ask(script: string): Promise<Answer> {
    server.respond = SCRIPTS[script]!;
    warnings.length = 0;
    return engine.ask(QUESTION);
  }

  const quotesExact = async (a: Answer) => {
    for (const c of a.citations) {
      const s = await engine.source(c.docId);
      expect(s.kind === 'document' && s.text.slice(c.start, c.end)).toBe(c.quote);
    }
  };

  it('keeps a correct cited answer whole, quoting the supporting sentences, and sends numbered, fenced passages', async () => {
    const a = await ask('correct');
    expect(a).toMatchObject({ answerer: 'llm', abstained: false, unsupported: [], generated: 2 });
    expect(a.fallback).toBeUndefined();
    expect(a.text).toMatch(/^A total of 127 countries have joined Azerbaijan's global ceasefire call\. \[1\] It has the backing .* \[\d\]$/);
    expect(a.citations.every((c) => c.docId === FIGURE_DOC)).toBe(true);
    expect(a.citations[0]!.quote).toContain('127');
    await quotesExact(a);
    const sent = server.chats().at(-1)!;
    expect(sent).toMatchObject({ model: 'test-model', stream: true, max_tokens: 512 });
    expect(sent.messages[0]!.content).toMatch(/End every sentence with the marker/);
    const user = sent.messages[1]!.content;
    expect(user).toMatch(/^<<<passages ([0-9a-f]{12})\n\[1\] [\s\S]*\n\[2\] [\s\S]*\npassages \1>>>\n\nQuestion: How many countries/);
    expect(user.indexOf('[1] ')).toBeLessThan(user.indexOf('[5] '));
  });

  it('removes a sentence with an invented number and lists it', async () => {
    const a = await ask('invented-number');
    expect(a.answerer).toBe('llm');
    expect(a.text).toContain('127');
    expect(a.text).not.toContain('45');
    expect(a.unsupported).toEqual([{ sentence: 'The call was first signed by 45 countries in 2019.', reason: expect.stringMatching(/number 45 is not in \[\d\]/) }]);
    await quotesExact(a);
  });

  it('removes a sentence citing a passage that does not exist', async () => {
    const a = await ask('cite-missing');
    expect(a.unsupported).toEqual([{ sentence: 'More than 1,000 institutions support it.', reason: 'cites [9], but only 5 passages were given' }]);
    expect(a.text).toMatch(/127 .* \[1\]$/);
  });

  it('falls back to the extractive answer when no sentence carries a citation', async () => {
    const a = await ask('no-citations');
    expect(a).toMatchObject({ answerer: 'extractive', generated: 2, fallback: 'none of the 2 generated sentences is supported by the passage it cites' });
    expect(a.unsupported!.map((u) => u.reason)).toEqual(['no citation', 'no citation']);
    expect(a.text).toContain('127');
    expect(warnings).toEqual([expect.stringMatching(/^Answered without the chat model: none of the 2/)]);
  });

  it('drops a sentence obeying an instruction planted in a passage, and leaves no live mention', async () => {
    const a = await ask('planted');
    expect(a.unsupported).toHaveLength(1);
    expect(a.unsupported![0]!.sentence).toMatch(/CANCELLED/);
    expect(a.text).not.toMatch(/everyone|CANCELLED/);
    expect(a.text).toContain('127');
  });

  it.each([
    ['slow-first-token', /did not finish within LLM_TIMEOUT_MS=1500/],
    ['cut-stream', /reply was cut off after 30 characters/],
    ['429', /rate-limiting \(429, retry after 7 s\)/],
    ['500', /failed \(500\)/],
  ])('falls back to the extractive answer on %s, with one warning saying why', async (script, why) => {
    const t0 = performance.now();
    const a = await ask(script);
    expect(performance.now() - t0).toBeLessThan(15_000); // bounded: never a hang
    expect(a.answerer).toBe('extractive');
    expect(a.fallback).toMatch(why);
    expect(a.text).toContain('127');
    expect(a.citations[0]!.docId).toBe(FIGURE_DOC);
    expect(warnings).toHaveLength(1);
  });

  it('falls back when the model is unknown to the server', async () => {
    server.models = ['other-model'];
    try {
      const a = await ask('correct');
      expect(a.fallback).toMatch(/model "test-model" not found/);
      expect(a.answerer).toBe('extractive');
    } finally {
      server.models = ['test-model'];
    }
  });

  it('has the model rewrite a follow-up before retrieval, and the heuristic stand in when it fails', async () => {
    const history = [{ question: 'When was the Karabakh ceasefire introduced?', answer: 'On Nov. 10, 2020 [1].' }];
    server.respond = (r) => (isRewrite(r) ? { kind: 'reply', text: 'Who backed the Karabakh ceasefire of November 2020?' } : SCRIPTS['correct']!(r));
    const a = await engine.ask('and who backed it?', { history });
    expect(a.standalone).toBe('Who backed the Karabakh ceasefire of November 2020?');
    const [rewrite, answer] = server.chats().slice(-2);
    expect(rewrite!.stream).toBeFalsy();
    expect(rewrite!.messages[1]!.content).toContain('Q1: When was the Karabakh ceasefire introduced?');
    expect(rewrite!.messages[1]!.content).toContain('Follow-up question: and who backed it?');
    expect(answer!.messages[1]!.content).toMatch(/Question: Who backed the Karabakh ceasefire of November 2020\?$/);
    expect(a.passages.map((p) => p.doc.id)).toContain('003_90674a70d5c360b8.txt');

    server.respond = (r) => (isRewrite(r) ? { kind: 'status', status: 500 } : SCRIPTS['correct']!(r));
    const b = await engine.ask('and who backed it?', { history });
    expect(b.standalone).toBe('Who backed the Karabakh ceasefire?');
  });
});
