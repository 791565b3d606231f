import type { QueryAnalysis } from './query/analyze-query.js';
import type { Citation, Passage, Turn } from './types.js';

export interface AnswerRequest {
  question: string;
  /** Earlier turns of the conversation, oldest first. */
  history: Turn[];
  /** Retrieved passages, best first. */
  passages: Passage[];
  /** Inverse document frequency of a content term in the index. */
  idf: (term: string) => number;
  /**
   * A vector for any text in the index's embedding space, offered only when
   * embedding is cheap (the lexical embedder): lets the answerer compare the
   * question with single sentences.
   */
  embed?: (text: string) => ArrayLike<number>;
  /** Number of indexed passages holding a content term (0: the corpus never mentions it). */
  documentFrequency?: (term: string) => number;
  /** Two corpus words name different things of one kind ("gold", "silver"), from the index's vocabulary. */
  sisters?: (a: string, b: string) => boolean;
  /** The question read through the index's vocabulary: corrected text and weighted terms (original / spelling / synonym). */
  query?: QueryAnalysis;
  /** Reads any text through the index's vocabulary like the question (spelling, synonyms), for the verifier. */
  analyze?: (text: string) => QueryAnalysis;
  /** Called with the answer so far while a generative answerer streams (unverified: for display only). */
  onText?: (textSoFar: string, done?: boolean) => void;
  /** Aborted when the asker stops the answer: a generative answerer keeps what it has and verifies it. */
  signal?: AbortSignal;
  /** The full text of an indexed document, so a sentence cut by a passage boundary can be quoted whole. */
  documentText?: (docId: string) => Promise<string | undefined>;
  /** Retrieves passages for another text as for the question (same collections and depth): one part of a question in parts. */
  retrieve?: (query: QueryAnalysis) => Promise<Passage[]>;
  /** Vectors for many texts in one call (the neural embedder, batched), when `embed` is not offered. */
  embedBatch?: (texts: string[]) => Promise<ArrayLike<number>[]>;
}

export interface AnswerDraft {
  /** Answer text with [n] markers matching `citations`. */
  text: string;
  abstained: boolean;
  citations: Citation[];
  /** Which answerer produced the text: `llm`, or `extractive` (also when it stood in for a failed generation). */
  answerer?: string;
  /** Why the extractive answer stood in for the chat model's. */
  fallback?: string;
  /** Generated sentences the verifier removed, with why. */
  unsupported?: { sentence: string; reason: string }[];
  /** Sentences the chat model generated (for unsupported_share). */
  generated?: number;
}

/** Turns retrieved passages into a cited answer. The extractive one needs no model; a chat model can stand in. */
export interface Answerer {
  readonly id: string;
  answer(request: AnswerRequest): Promise<AnswerDraft>;
}

export const ABSTAIN_TEXT = 'I could not find an answer to that in the corpus.';
