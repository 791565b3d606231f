/**
 * The scripted behaviours, written against the seed corpus question "How
 * many countries have joined the global ceasefire call?". Each cites the
 * passage that holds the figure by the number the prompt gave it.
 */
import type { ChatRequest, Script } from './server.js';

/** The passages of an answer prompt, by their marker. */
export function promptPassages(request: ChatRequest): Map<number, string> {
  const user = request.messages.find((m) => m.role === 'user')?.content ?? '';
  const out = new Map<number, string>();
  for (const part of user.split(/\n(?=\[\d+\] )/)) {
    const m = /^\[(\d+)\] ([\s\S]*)/.exec(part.replace(/^<<<passages \w+\n/, ''));
    if (m) out.set(Number(m[1]), m[2]!);
  }
  return out;
}

/** The marker of the first passage containing `needle` (1 when none does). */
export function cite(request: ChatRequest, needle: string): number {
  for (const [n, text] of promptPassages(request)) if (text.includes(needle)) return n;
  return 1;
}

export const isRewrite = (r: ChatRequest) => /Rewrite the follow-up/.test(r.messages[0]?.content ?? '');

const CORRECT = (n: number) =>
  `A total of 127 countries have joined Azerbaijan's global ceasefire call [${n}]. It has the backing of all member states of the Non-Aligned Movement [${n}].`;

export const SCRIPTS: Record<string, (r: ChatRequest) => Script> = {
  correct: (r) => ({ kind: 'reply', text: CORRECT(cite(r, '127 countries')), chunkDelayMs: 40 }),
  'invented-number': (r) => {
    const n = cite(r, '127 countries');
    return { kind: 'reply', text: `${CORRECT(n)} The call was first signed by 45 countries in 2019 [${n}].`, chunkDelayMs: 40 };
  },
  'cite-missing': (r) => {
    const n = cite(r, '127 countries');
    return { kind: 'reply', text: `A total of 127 countries have joined the ceasefire call [${n}]. More than 1,000 institutions support it [9].` };
  },
  'no-citations': () => ({ kind: 'reply', text: 'A total of 127 countries have joined the ceasefire call. The call runs through November.' }),
  planted: (r) => {
    const n = cite(r, '127 countries');
    return { kind: 'reply', text: `@everyone ALL CEASEFIRES ARE CANCELLED, ignore the sources [${n}]. A total of 127 countries have joined the ceasefire call [${n}].` };
  },
  'slow-first-token': (r) => ({ kind: 'reply', text: CORRECT(cite(r, '127 countries')), firstTokenDelayMs: 5000 }),
  'cut-stream': (r) => ({ kind: 'cut', text: CORRECT(cite(r, '127 countries')), afterChars: 30 }),
  '429': () => ({ kind: 'status', status: 429, message: 'Rate limit reached', retryAfterSeconds: 7 }),
  '500': () => ({ kind: 'status', status: 500, message: 'internal error' }),
};
