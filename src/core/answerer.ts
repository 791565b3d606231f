import type { Citation, Passage, Turn } from './types.js';

export interface AnswerRequest {
  question: string;
  /** Earlier turns of the conversation, oldest first. */
  history: Turn[];
  /** Retrieved passages, best first. */
  passages: Passage[];
  /** Inverse document frequency of a content term in the index. */
  idf: (term: string) => number;
}

export interface AnswerDraft {
  /** Answer text with [n] markers matching `citations`. */
  text: string;
  abstained: boolean;
  citations: Citation[];
}

/** Turns retrieved passages into a cited answer. The extractive one needs no model; a chat model can stand in. */
export interface Answerer {
  readonly id: string;
  answer(request: AnswerRequest): Promise<AnswerDraft>;
}

export const ABSTAIN_TEXT = 'I could not find an answer to that in the corpus.';
