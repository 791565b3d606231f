import { Bm25Index } from '../bm25-index.js';
import { sentencesJoined, terms } from '../text.js';

/** What the naive baseline answers: never an abstention. */
export interface BaselineAnswer {
  text: string;
  /** Documents the chosen sentences come from, best first. */
  docIds: string[];
}

export interface NaiveBaselineOptions {
  /** Documents whose sentences compete. */
  documents?: number;
  /** Sentences in an answer. */
  sentences?: number;
  /** Longest answer, in characters. */
  maxChars?: number;
}

/**
 * The reference point every eval line is measured against (shared/eval/README):
 * BM25 over whole documents (a SQuAD paragraph is a document), the sentences of
 * the top three documents ranked by BM25 among themselves, the best two kept
 * within 500 characters. It never abstains, and it is computed in the same run
 * as the engine so the margin is never stale.
 */
export class NaiveBaseline {
  private readonly bm25: Bm25Index;
  private readonly nDocs: number;
  private readonly nSentences: number;
  private readonly maxChars: number;

  constructor(
    private readonly docs: ReadonlyArray<{ id: string; text: string }>,
    options: NaiveBaselineOptions = {},
  ) {
    this.bm25 = Bm25Index.build(docs.map((d) => terms(d.text)));
    this.nDocs = options.documents ?? 3;
    this.nSentences = options.sentences ?? 2;
    this.maxChars = options.maxChars ?? 500;
  }

  answer(question: string): BaselineAnswer {
    const qTerms = terms(question);
    const hits = this.bm25.search(qTerms, this.nDocs).map((h) => this.docs[h.id]!);
    // No document shares a term: still answer (the baseline never abstains), from the first documents.
    const top = hits.length ? hits : this.docs.slice(0, this.nDocs);
    const spans = top.flatMap((d) => sentencesJoined(d.text).map((s) => ({ docId: d.id, text: s.text })));
    if (spans.length === 0) return { text: '', docIds: [] };
    const ranked = Bm25Index.build(spans.map((s) => terms(s.text))).search(qTerms, spans.length);
    // Ties and sentences with no shared term keep document order (best document first).
    const order = ranked.map((h) => h.id);
    for (let i = 0; i < spans.length && order.length < this.nSentences; i++) if (!order.includes(i)) order.push(i);
    const chosen: typeof spans = [];
    let length = 0;
    for (const i of order) {
      if (chosen.length >= this.nSentences) break;
      const s = spans[i]!;
      const extra = s.text.length + (chosen.length ? 1 : 0);
      if (chosen.length && length + extra > this.maxChars) continue;
      chosen.push(s);
      length += extra;
    }
    const text = chosen
      .map((s) => s.text)
      .join(' ')
      .slice(0, this.maxChars);
    return { text, docIds: [...new Set(chosen.map((s) => s.docId))] };
  }
}
