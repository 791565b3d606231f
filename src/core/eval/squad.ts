import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvalQuestion } from './question-set.js';

/** A SQuAD file that cannot be used; the message is one line. */
export class SquadFormatError extends Error {
  override readonly name = 'SquadFormatError';
}

export interface SquadCorpus {
  /** One document per paragraph: id is the file name inside the corpus folder. */
  documents: Array<{ id: string; text: string }>;
  questions: EvalQuestion[];
  /** The article title of each question, in the order of `questions` (for held-out subsets). */
  articles: string[];
}

interface SquadQa {
  id: string;
  question: string;
  answers?: Array<{ text: string }>;
  is_impossible?: boolean;
}

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'article';

/**
 * Turns SQuAD 2.0 JSON into a corpus (every paragraph a document, named
 * `<article>-<nnn>.txt`) and a question set: answerable questions expect any
 * of their gold answer texts and cite their paragraph; questions marked
 * `is_impossible` expect an abstention.
 */
export function squadToEval(json: unknown, source = 'squad'): SquadCorpus {
  const fail = (why: string): never => {
    throw new SquadFormatError(`${source}: ${why}`);
  };
  const data = (json as { data?: unknown })?.data;
  if (!Array.isArray(data)) fail('not SQuAD JSON (no "data" list)');
  const documents: SquadCorpus['documents'] = [];
  const questions: EvalQuestion[] = [];
  const articles: string[] = [];
  const seen = new Set<string>();
  (data as Array<{ title?: unknown; paragraphs?: unknown }>).forEach((article, a) => {
    if (!Array.isArray(article?.paragraphs)) fail(`article ${a + 1} has no "paragraphs" list`);
    const name = `${String(a + 1).padStart(2, '0')}-${slug(String(article.title ?? 'article'))}`;
    (article.paragraphs as Array<{ context?: unknown; qas?: unknown }>).forEach((paragraph, p) => {
      if (typeof paragraph?.context !== 'string' || !Array.isArray(paragraph.qas))
        fail(`article ${a + 1} paragraph ${p + 1} needs a "context" string and a "qas" list`);
      const docId = `${name}-${String(p + 1).padStart(3, '0')}.txt`;
      documents.push({ id: docId, text: paragraph.context as string });
      for (const qa of paragraph.qas as SquadQa[]) {
        if (typeof qa?.question !== 'string' || typeof qa.id !== 'string') fail(`article ${a + 1} paragraph ${p + 1}: a question lacks "id" or "question"`);
        if (seen.has(qa.id)) continue;
        seen.add(qa.id);
        articles.push(String(article.title ?? 'article'));
        const alternatives = uniqueTexts((qa.answers ?? []).map((x) => x?.text));
        if (qa.is_impossible || alternatives.length === 0) {
          questions.push({ id: qa.id, question: qa.question.trim(), docs: [], expect: [], kind: 'unanswerable' });
        } else {
          questions.push({ id: qa.id, question: qa.question.trim(), docs: [docId], expect: [alternatives], kind: 'fact' });
        }
      }
    });
  });
  if (documents.length === 0) fail('no paragraphs');
  return { documents, questions, articles };
}

function uniqueTexts(texts: unknown[]): string[] {
  const out = new Map<string, string>();
  for (const t of texts) {
    if (typeof t !== 'string' || !t.trim()) continue;
    const key = t.trim().toLowerCase();
    if (!out.has(key)) out.set(key, t.trim());
  }
  return [...out.values()];
}

/** Reads a SQuAD JSON file and converts it (see squadToEval). */
export async function readSquad(file: string): Promise<SquadCorpus> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new SquadFormatError(`cannot read ${file} (${err.code ?? err.message})`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SquadFormatError(`${path.basename(file)}: not valid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  return squadToEval(json, path.basename(file));
}

/**
 * Writes the documents into `dir` (created if needed), leaving files whose
 * text is unchanged untouched and removing `.txt` files that are no longer
 * part of the corpus, so re-runs reuse the index.
 */
export async function writeSquadCorpus(dir: string, documents: SquadCorpus['documents']): Promise<void> {
  await mkdir(dir, { recursive: true });
  const wanted = new Set(documents.map((d) => d.id));
  for (const name of await readdir(dir)) if (name.endsWith('.txt') && !wanted.has(name)) await rm(path.join(dir, name), { force: true });
  for (const d of documents) {
    const file = path.join(dir, d.id);
    const old = await readFile(file, 'utf8').catch(() => null);
    if (old !== d.text) await writeFile(file, d.text);
  }
}
