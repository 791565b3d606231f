import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAnswerable, readQuestionSet } from '../../src/core/eval/question-set.js';

const DATA = path.resolve(import.meta.dirname, '../../src/fit/data');
const CORPUS = path.resolve(import.meta.dirname, '../../corpus');
const squash = (s: string) => s.replace(/\s+/g, ' ').toLowerCase();

// The chat-style sets written for fitting and for held-out checks are scored by substring: an expected answer that
// its documents never contain would count every answer wrong, and a reused question would leak a fitted one into a held-out set.
describe('the project\'s own question sets (src/fit/data)', async () => {
  const files = (await readdir(DATA)).filter((f) => f.endsWith('.jsonl')).sort();
  const sets = await Promise.all(files.map(async (f) => ({ file: f, questions: await readQuestionSet(path.join(DATA, f)) })));

  it('parse, and each expected answer occurs, in one of its forms, in a document the question names', async () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    const texts = new Map<string, string>();
    for (const f of await readdir(CORPUS)) texts.set(f, squash(await readFile(path.join(CORPUS, f), 'utf8')));
    const missing: string[] = [];
    for (const { file, questions } of sets)
      for (const q of questions.filter(isAnswerable))
        for (const group of q.expect)
          if (!group.some((alt) => q.docs.some((d) => texts.get(d)?.includes(squash(alt))))) missing.push(`${file} ${q.id}: ${JSON.stringify(group)}`);
    expect(missing).toEqual([]);
  });

  it('share no question and no id', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const { file, questions } of sets)
      for (const q of questions)
        for (const key of [`id:${q.id}`, `q:${squash(q.question)}`]) {
          if (seen.has(key)) clashes.push(`${key} in ${seen.get(key)} and ${file}`);
          seen.set(key, file);
        }
    expect(clashes).toEqual([]);
  });
});
