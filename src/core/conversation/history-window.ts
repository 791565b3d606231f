import type { Turn } from '../types.js';

export interface HistoryWindowOptions {
  /** Turns kept; older ones are forgotten. */
  maxTurns?: number;
  /** Characters kept of each answer: enough for the names a pronoun may stand for, bounded memory. */
  maxAnswerChars?: number;
}

/** What a finished answer leaves in the conversation. */
export interface AnsweredTurn {
  question: string;
  /** The question as searched, when a follow-up was rewritten into a standalone one. */
  standalone?: string;
  text: string;
  abstained: boolean;
}

/**
 * The turns a follow-up may refer to, bounded in count and size. Every front
 * (a Discord thread, the terminal `chat`) keeps one per conversation.
 */
export class HistoryWindow {
  readonly maxTurns: number;
  readonly maxAnswerChars: number;
  private items: Turn[] = [];

  constructor(options: HistoryWindowOptions = {}) {
    this.maxTurns = options.maxTurns ?? 6;
    this.maxAnswerChars = options.maxAnswerChars ?? 1000;
  }

  /** Oldest first; a copy. */
  turns(): Turn[] {
    return [...this.items];
  }

  get size(): number {
    return this.items.length;
  }

  add(turn: Turn): void {
    this.items.push({ question: turn.question, answer: turn.answer.slice(0, this.maxAnswerChars) });
    if (this.items.length > this.maxTurns) this.items.splice(0, this.items.length - this.maxTurns);
  }

  /**
   * Records an answer. The standalone question is kept, so the next
   * follow-up resolves against "the Karabakh ceasefire" rather than "it";
   * an abstention keeps the question but no answer text to take names from.
   */
  record(answer: AnsweredTurn): void {
    this.add({ question: answer.standalone ?? answer.question, answer: answer.abstained ? '' : answer.text });
  }
}
