/** What the bot remembers between messages: all in memory, all bounded. */
import { HistoryWindow, type AnsweredTurn } from '../core/conversation/history-window.js';
import type { Turn } from '../core/types.js';
import type { RecentCitation } from './render/sources.js';

/** A Map that forgets its least recently used entries beyond `max`. */
export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly max: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}

/** Earlier turns per answer thread, so follow-ups there have context; the window rules live in the core. */
export class ThreadHistory {
  private readonly threads: BoundedMap<string, HistoryWindow>;

  constructor(
    readonly maxTurns = 6,
    maxThreads = 500,
  ) {
    this.threads = new BoundedMap(maxThreads);
  }

  /** True for threads the bot answered in (since it started). */
  knows(threadId: string): boolean {
    return this.threads.has(threadId);
  }

  turns(threadId: string): Turn[] {
    return this.threads.get(threadId)?.turns() ?? [];
  }

  add(threadId: string, turn: Turn): void {
    this.window(threadId).add(turn);
  }

  /** Records an answer given in the thread (its standalone question, when it was a follow-up). */
  record(threadId: string, answer: AnsweredTurn): void {
    this.window(threadId).record(answer);
  }

  private window(threadId: string): HistoryWindow {
    let window = this.threads.get(threadId);
    if (!window) {
      window = new HistoryWindow({ maxTurns: this.maxTurns });
      this.threads.set(threadId, window);
    }
    return window;
  }
}

/** The newest distinct citation ids, for /source autocomplete. */
export class RecentCitations {
  private items: RecentCitation[] = [];

  constructor(readonly max = 50) {}

  add(citations: readonly RecentCitation[]): void {
    const fresh = citations.map(({ chunkId, title }) => ({ chunkId, title }));
    const ids = new Set(fresh.map((c) => c.chunkId));
    this.items = [...fresh, ...this.items.filter((c) => !ids.has(c.chunkId))].slice(0, this.max);
  }

  list(): readonly RecentCitation[] {
    return this.items;
  }

  /** Drops ids the index no longer holds (after a re-index). */
  retain(exists: (chunkId: string) => boolean): void {
    this.items = this.items.filter((c) => exists(c.chunkId));
  }
}

/** What a feedback vote refers to. */
export interface RememberedAnswer {
  question: string;
  answer: string;
  abstained: boolean;
  chunkIds: string[];
}
