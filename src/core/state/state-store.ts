/**
 * The bot's durable state behind one backend-neutral interface: thread
 * memory, per-channel settings, feedback votes, learned answers and the
 * question log, plus a small key/value table for install-wide values (the
 * asker-hash salt, one-off import markers).
 *
 * Implementations: the embedded database under `embeddings/` (default) and a
 * Postgres server. Contract every implementation keeps:
 * - Every method is async and every write is atomic: after a crash (kill -9)
 *   a write either happened completely or not at all; at most the write in
 *   flight is lost, and a write whose promise resolved is durable.
 * - Times are epoch milliseconds (numbers); days are UTC `YYYY-MM-DD`
 *   strings computed by the caller, so grouping needs no dialect-specific
 *   date functions.
 * - Ids are opaque strings (Discord snowflakes, random hex). User ids are
 *   never stored: only salted hashes computed with `salt()`.
 * - Lists are returned in the documented order and are always bounded by a
 *   `limit`, so no call can load an unbounded table into memory.
 * - No Discord types: the core never imports discord.js.
 */
import type { Turn } from '../types.js';

export type ChannelMode = 'off' | 'mention' | 'auto' | 'confident';
export const CHANNEL_MODES: readonly ChannelMode[] = ['off', 'mention', 'auto', 'confident'];

/**
 * One turn of a conversation the bot took part in, in the order asked.
 * Implementations store the whole turn object (as JSON), so fields the
 * conversation module adds to `Turn` survive a restart.
 */
export interface StoredTurn extends Turn {
  /** When it was answered (epoch ms). */
  at: number;
}

/** A thread (or forum post) the bot answers in; follow-ups there need no mention. */
export interface ThreadRecord {
  threadId: string;
  /** The channel (text or forum) the thread belongs to. */
  channelId: string;
  guildId: string;
  /** The question that opened the thread: what a learned answer answers. */
  question: string;
  kind: 'thread' | 'forum';
  createdAt: number;
}

export interface ChannelSettings {
  channelId: string;
  guildId: string;
  mode: ChannelMode;
  /** Collections the channel is scoped to; empty = every collection. */
  collections: string[];
  updatedAt: number;
  /** Salted hash of the member who changed it. */
  updatedBy: string;
}

export type Vote = 'up' | 'down';

/** One member's vote on one answer. A second vote by the same voter replaces the first. */
export interface FeedbackRecord {
  answerId: string;
  /** Salted hash of the voter. */
  voter: string;
  vote: Vote;
  at: number;
  question: string | null;
  answer: string;
  abstained: boolean;
  chunkIds: string[];
}

/** A human reply a moderator marked as the answer to a thread's question. */
export interface LearnedAnswer {
  /** Random id; also the document id suffix in the `learned` collection. */
  id: string;
  guildId: string;
  channelId: string;
  threadId: string;
  messageId: string;
  question: string;
  answer: string;
  /** The reply author's display name at the time it was marked. */
  authorName: string;
  /** Discord jump link to the reply. */
  link: string;
  createdAt: number;
  /** Salted hash of the moderator who marked it. */
  createdBy: string;
}

/** One answered question. Votes are kept up to date by `recordFeedback`. */
export interface QuestionLogEntry {
  answerId: string;
  at: number;
  /** UTC day of `at`, `YYYY-MM-DD`. */
  day: string;
  guildId: string | null;
  channelId: string | null;
  /** Salted hash of the asker. */
  asker: string;
  question: string;
  abstained: boolean;
  /** Best retrieval score of the answer's passages (null when nothing was retrieved). */
  topScore: number | null;
  chunkIds: string[];
  up: number;
  down: number;
}

export type NewQuestionLogEntry = Omit<QuestionLogEntry, 'up' | 'down'>;

export interface DailyQuestionStats {
  day: string;
  questions: number;
  abstained: number;
  /** Questions with at least one 👎. */
  downVoted: number;
  /** Questions with at least one 👍. */
  upVoted: number;
}

export interface QuestionQuery {
  /** Only entries at or after this time (epoch ms). */
  since?: number;
  /** Only abstentions or answers with at least one 👎. */
  onlyUnanswered?: boolean;
  /** At most this many, newest first. */
  limit: number;
}

export interface StateStore {
  /** A short description for logs, e.g. `pglite:/path` (never credentials). */
  readonly describe: string;

  // --- install-wide values ---------------------------------------------------
  /** Random hex salt created on first use and kept forever; hashes of user ids use it. */
  salt(): Promise<string>;
  getMeta(key: string): Promise<string | null>;
  /** Sets `key` only if it is unset; true when this call set it (atomic: a run-once marker). */
  setMetaOnce(key: string, value: string): Promise<boolean>;

  // --- threads -----------------------------------------------------------------
  /** Creates the thread record, or leaves an existing one unchanged. */
  rememberThread(thread: ThreadRecord): Promise<void>;
  getThread(threadId: string): Promise<ThreadRecord | null>;
  /** Appends a turn and keeps only the newest `keep` turns of the thread. */
  appendTurn(threadId: string, turn: StoredTurn, keep: number): Promise<void>;
  /** The newest `limit` turns of the thread, oldest first. */
  turns(threadId: string, limit: number): Promise<StoredTurn[]>;

  // --- channel settings --------------------------------------------------------
  getChannel(channelId: string): Promise<ChannelSettings | null>;
  /** Inserts or replaces the channel's settings. */
  setChannel(settings: ChannelSettings): Promise<void>;
  /** The guild's configured channels, by channel id. */
  listChannels(guildId: string, limit: number): Promise<ChannelSettings[]>;

  // --- feedback ------------------------------------------------------------------
  /** Records (or replaces) a voter's vote and updates the question log's counts in the same transaction. */
  recordFeedback(record: FeedbackRecord): Promise<void>;
  /** Votes on one answer, oldest first. */
  feedbackFor(answerId: string, limit: number): Promise<FeedbackRecord[]>;

  // --- learned answers -----------------------------------------------------------
  addLearned(answer: LearnedAnswer): Promise<void>;
  getLearned(id: string): Promise<LearnedAnswer | null>;
  /** The guild's learned answers, newest first. */
  listLearned(guildId: string | null, limit: number): Promise<LearnedAnswer[]>;
  /** Every learned answer, oldest first, for indexing the `learned` collection. */
  allLearned(limit: number): Promise<LearnedAnswer[]>;
  /** True when it existed. */
  removeLearned(id: string): Promise<boolean>;

  // --- question log -----------------------------------------------------------------
  logQuestion(entry: NewQuestionLogEntry): Promise<void>;
  getQuestion(answerId: string): Promise<QuestionLogEntry | null>;
  listQuestions(query: QuestionQuery): Promise<QuestionLogEntry[]>;
  /** Per-day counts from `since` on, oldest day first. */
  dailyStats(since: number): Promise<DailyQuestionStats[]>;
  /** Deletes entries older than `before` (retention); returns how many. */
  pruneQuestions(before: number): Promise<number>;
  countQuestions(): Promise<number>;

  /** Waits for writes in flight, then releases the database. Idempotent. */
  close(): Promise<void>;
}

/** UTC day of an epoch-ms time, as stored in `QuestionLogEntry.day`. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
