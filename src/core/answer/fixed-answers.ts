/** Answers written without the ranker's quote: the document's own date, and declines that say what the source gives. */
import { ABSTAIN_TEXT, type AnswerDraft } from '../answerer.js';
import type { DateSpan } from '../document-date.js';
import { emphasise } from './answer-kind.js';
import { clauseWindow, type Window } from './clause-window.js';
import type { Candidate } from './features.js';

/** For "when was that article published": where the best sentence's document states its own date. */
export interface Dated {
  best: Candidate;
  span: DateSpan;
  text: string;
}

/**
 * The best sentence says that what is asked is withheld or unknown ("does not disclose the name"), or dates it only
 * roughly when a date is asked ("on Sunday", `undated`; `cue` is then that rough date).
 */
export interface Withheld {
  best: Candidate;
  cue: Window;
  undated?: boolean;
}

/** The document's own date, cited where the document states it (a metadata line is quoted for this question only). */
export function dateAnswer({ best, span, text }: Dated): AnswerDraft {
  const { doc, chunk } = best.passage;
  return {
    text: `“${doc.title}” is dated **${text}** [1]`,
    abstained: false,
    citations: [{ n: 1, docId: chunk.docId, title: doc.title, date: doc.date, chunkId: chunk.id, start: span.start, end: span.end, quote: text }],
  };
}

/**
 * A decline that quotes where the source says it does not give what was asked, or what it gives instead of the date
 * asked, in bold (cut to its clauses when long, `limit` characters).
 */
export function withheldAnswer({ best, cue, undated }: Withheld, limit: number): AnswerDraft {
  const w = clauseWindow(best.text, limit, [], cue);
  const quote = best.text.slice(w.start, w.end);
  if (!undated) return { text: `The source says it does not give that: “${quote}”`, abstained: true, citations: [] };
  const rough = { start: cue.start - w.start, end: cue.end - w.start };
  return { text: `The source gives no date for that, only: “${emphasise(quote, rough)}”`, abstained: true, citations: [] };
}

export function abstain(): AnswerDraft {
  return { text: ABSTAIN_TEXT, abstained: true, citations: [] };
}
