import { readFile } from 'node:fs/promises';
import path from 'node:path';

export type QuestionKind = 'fact' | 'multi' | 'unanswerable';

/** One line of a question set (see DESIGN.md, "Formats others rely on"). */
export interface EvalQuestion {
  id: string;
  question: string;
  /** Corpus document ids (file names relative to the corpus) that hold the answer; empty when unanswerable. */
  docs: string[];
  /** Every inner list must be matched by one of its alternatives. */
  expect: string[][];
  kind: QuestionKind;
}

/** A question set that cannot be read; the message is one line naming the file and line. */
export class QuestionSetError extends Error {
  override readonly name = 'QuestionSetError';
}

const KINDS: readonly QuestionKind[] = ['fact', 'multi', 'unanswerable'];

export const isAnswerable = (q: Pick<EvalQuestion, 'kind'>): boolean => q.kind !== 'unanswerable';

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.trim() !== '');

/**
 * Parses a JSON-lines question set. Blank lines are skipped; any other line
 * that is not a well-formed question throws a QuestionSetError naming
 * `source` and the 1-based line number.
 */
export function parseQuestionSet(text: string, source = 'questions'): EvalQuestion[] {
  const questions: EvalQuestion[] = [];
  const ids = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const fail = (why: string): never => {
      throw new QuestionSetError(`${source} line ${i + 1}: ${why}`);
    };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      fail(`not valid JSON (${(err as Error).message.split('\n')[0]})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('expected a JSON object');
    const o = value as Record<string, unknown>;
    if (typeof o.id !== 'string' || !o.id.trim()) fail('"id" must be a non-empty string');
    const id = (o.id as string).trim();
    const earlier = ids.get(id);
    if (earlier !== undefined) fail(`duplicate id "${id}" (first on line ${earlier})`);
    if (typeof o.question !== 'string' || !o.question.trim()) fail('"question" must be a non-empty string');
    if (!isStringList(o.docs)) fail('"docs" must be a list of document file names');
    if (!Array.isArray(o.expect) || !o.expect.every(isStringList) || o.expect.some((g) => (g as string[]).length === 0))
      fail('"expect" must be a list of non-empty lists of strings, e.g. [["127"], ["Uganda", "Republic of Uganda"]]');
    if (typeof o.kind !== 'string' || !KINDS.includes(o.kind as QuestionKind)) fail(`"kind" must be one of ${KINDS.join(', ')}`);
    const q: EvalQuestion = {
      id,
      question: (o.question as string).trim(),
      docs: o.docs as string[],
      expect: o.expect as string[][],
      kind: o.kind as QuestionKind,
    };
    if (isAnswerable(q)) {
      if (q.docs.length === 0) fail(`"docs" is empty but kind is "${q.kind}" (use "unanswerable" for questions the corpus cannot answer)`);
      if (q.expect.length === 0) fail(`"expect" is empty but kind is "${q.kind}"`);
    } else if (q.docs.length || q.expect.length) fail('an "unanswerable" question must have empty "docs" and "expect"');
    ids.set(id, i + 1);
    questions.push(q);
  });
  if (questions.length === 0) throw new QuestionSetError(`${source}: no questions (one JSON object a line expected)`);
  return questions;
}

/** Reads and parses a question set file. */
export async function readQuestionSet(file: string): Promise<EvalQuestion[]> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new QuestionSetError(`cannot read question set ${file} (${err.code ?? err.message})`);
  });
  return parseQuestionSet(text, path.basename(file));
}
