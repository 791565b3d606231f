/** Documents, citations, passages and answers for the render tests. */
import type { Answer, Citation, DocumentInfo, Passage } from '../../../src/core/types.ts';

export const doc = (i: number, extra: Partial<DocumentInfo> = {}): DocumentInfo => ({
  id: `doc-${i}.txt`,
  title: `Document number ${i}`,
  date: '2024-01-02',
  hash: 'h',
  chunks: 3,
  chars: 1000,
  ...extra,
});

export const citation = (n: number, extra: Partial<Citation> = {}): Citation => ({
  n,
  docId: `doc-${n}.txt`,
  title: `Title ${n}`,
  date: null,
  chunkId: `doc-${n}.txt#0`,
  start: 0,
  end: 40,
  quote: 'A quoted sentence from the corpus.',
  ...extra,
});

export const passage = (i: number, text = 'Some passage text.'): Passage => ({
  chunk: { id: `doc-${i}.txt#${i}`, docId: `doc-${i}.txt`, text, start: 0, end: text.length, hash: 'h' },
  doc: doc(i),
  score: 0.0327,
  denseRank: 1,
  keywordRank: 1,
  similarity: 0.5,
});

export const answer = (text: string, citations: Citation[], extra: Partial<Answer> = {}): Answer => ({
  question: 'q?',
  text,
  abstained: false,
  citations,
  passages: [],
  timingsMs: {},
  ...extra,
});

/** Discord counts UTF-16 code units, as String.length does. */
export function embedTotal(e: { title?: string; description?: string; footer?: { text: string }; fields?: { name: string; value: string }[] }): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}
