import type { Turn } from '../types.js';

export interface Rewrite {
  /** The question to search and answer: standalone when it was a follow-up. */
  question: string;
  /** Who rewrote it: nobody (not a follow-up, or no history), the heuristic, or the chat model. */
  by: 'none' | 'heuristic' | 'llm';
  /** Why the chat model's rewrite was not used, when the heuristic stood in. */
  fallback?: string;
}

/** Turns a follow-up ("and who backed it?") into a question that stands on its own. */
export interface QuestionRewriter {
  rewrite(question: string, history: readonly Turn[]): Promise<Rewrite>;
}
