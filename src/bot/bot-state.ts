/**
 * The bot's view of the state store: hashed member ids, thread memory in the
 * conversation module's shape, channel settings with the env default, the
 * question log with retention, and the one-off import of feedback.jsonl.
 */
import { readFile } from 'node:fs/promises';
import { HistoryWindow, type AnsweredTurn } from '../core/conversation/history-window.js';
import { saltedHash } from '../core/state/asker-hash.js';
import { utcDay, type ChannelMode, type ChannelSettings, type StateStore, type ThreadRecord, type Vote } from '../core/state/state-store.js';
import type { Answer, Turn } from '../core/types.js';
import type { BotConfig } from './config.js';
import type { BotLogger } from './logger.js';
import { BoundedMap } from './memory.js';

const DAY_MS = 86_400_000;
const FEEDBACK_IMPORTED = 'feedback_jsonl_imported';

/** Where a question was asked: ids only, the asker is hashed before storage. */
export interface Asked {
  guildId: string | null;
  channelId: string | null;
  userId: string;
}

export interface EffectiveChannel {
  mode: ChannelMode;
  collections: string[];
  /** True when set with /config (false: the default from ANSWER_CHANNEL_IDS). */
  configured: boolean;
}

export class BotState {
  private salt = '';
  /** Channel settings are read on every message: cached, bounded, written through. */
  private readonly channels = new BoundedMap<string, ChannelSettings | null>(5000);
  private pruneTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly store: StateStore,
    private readonly config: BotConfig,
    private readonly logger: BotLogger,
  ) {}

  /** Loads the salt, imports the old feedback file once, applies retention and schedules it daily. */
  async init(): Promise<void> {
    this.salt = await this.store.salt();
    await this.importFeedbackFile();
    await this.prune();
    this.pruneTimer = setInterval(() => void this.prune(), DAY_MS).unref();
  }

  stop(): void {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
  }

  hash(userId: string): string {
    return saltedHash(this.salt, userId);
  }

  // ----- threads

  async knowsThread(threadId: string): Promise<boolean> {
    return (await this.store.getThread(threadId)) !== null;
  }

  thread(threadId: string): Promise<ThreadRecord | null> {
    return this.store.getThread(threadId);
  }

  rememberThread(thread: ThreadRecord): Promise<void> {
    return this.store.rememberThread(thread);
  }

  async turns(threadId: string): Promise<Turn[]> {
    const stored = await this.store.turns(threadId, this.window().maxTurns);
    return stored.map(({ at: _at, ...turn }) => turn);
  }

  /** Stores the turn exactly as the conversation module's window would keep it. */
  async recordTurn(threadId: string, answer: AnsweredTurn): Promise<void> {
    const window = this.window();
    window.record(answer);
    const turn = window.turns()[0]!;
    await this.store.appendTurn(threadId, { ...turn, at: Date.now() }, window.maxTurns);
  }

  private window(): HistoryWindow {
    return new HistoryWindow({ maxTurns: 6 });
  }

  // ----- channels

  async channel(channelId: string): Promise<EffectiveChannel> {
    let stored = this.channels.get(channelId);
    if (stored === undefined) {
      stored = await this.store.getChannel(channelId);
      this.channels.set(channelId, stored);
    }
    if (stored) return { mode: stored.mode, collections: stored.collections, configured: true };
    const listed = this.config.answerChannelIds.includes(channelId);
    return { mode: listed ? 'auto' : 'mention', collections: [], configured: false };
  }

  async setChannel(settings: Omit<ChannelSettings, 'updatedAt' | 'updatedBy'>, byUserId: string): Promise<void> {
    const full = { ...settings, updatedAt: Date.now(), updatedBy: this.hash(byUserId) };
    await this.store.setChannel(full);
    this.channels.set(settings.channelId, full);
  }

  listChannels(guildId: string): Promise<ChannelSettings[]> {
    return this.store.listChannels(guildId, 100);
  }

  // ----- question log and feedback

  async logAnswer(answerId: string, answer: Answer, asked: Asked): Promise<void> {
    const at = Date.now();
    const top = answer.passages[0];
    await this.store.logQuestion({
      answerId,
      at,
      day: utcDay(at),
      guildId: asked.guildId,
      channelId: asked.channelId,
      asker: this.hash(asked.userId),
      question: answer.question,
      abstained: answer.abstained,
      topScore: top ? (top.similarity ?? top.score) : null,
      chunkIds: answer.citations.map((c) => c.chunkId),
    });
  }

  async vote(
    answerId: string,
    userId: string,
    vote: Vote,
    remembered: { question: string; answer: string; abstained: boolean; chunkIds: string[] },
  ): Promise<void> {
    await this.store.recordFeedback({
      answerId,
      voter: this.hash(userId),
      vote,
      at: Date.now(),
      question: remembered.question || null,
      answer: remembered.answer,
      abstained: remembered.abstained,
      chunkIds: remembered.chunkIds,
    });
  }

  async prune(): Promise<void> {
    try {
      const removed = await this.store.pruneQuestions(Date.now() - this.config.core.questionLogDays * DAY_MS);
      if (removed > 0) this.logger.info({ removed, days: this.config.core.questionLogDays }, 'question log: old entries deleted');
    } catch (err) {
      this.logger.error({ err }, 'question log retention failed');
    }
  }

  /** The feedback file of earlier versions, imported once (its voter hashes are kept as they are). */
  private async importFeedbackFile(): Promise<void> {
    if (await this.store.getMeta(FEEDBACK_IMPORTED)) return;
    let text: string;
    try {
      text = await readFile(this.config.feedbackFile, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await this.store.setMetaOnce(FEEDBACK_IMPORTED, 'none');
      return;
    }
    let imported = 0;
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const r = JSON.parse(line) as Record<string, unknown>;
        if ((r['vote'] !== 'up' && r['vote'] !== 'down') || typeof r['answerId'] !== 'string') throw new Error('not a vote');
        await this.store.recordFeedback({
          answerId: r['answerId'],
          voter: String(r['user'] ?? 'unknown'),
          vote: r['vote'],
          at: Date.parse(String(r['time'])) || 0,
          question: typeof r['question'] === 'string' ? r['question'] : null,
          answer: String(r['answer'] ?? ''),
          abstained: r['abstained'] === true,
          chunkIds: Array.isArray(r['chunkIds']) ? r['chunkIds'].map(String) : [],
        });
        imported++;
      } catch {
        skipped++;
      }
    }
    await this.store.setMetaOnce(FEEDBACK_IMPORTED, new Date().toISOString());
    this.logger.info({ imported, skipped, file: this.config.feedbackFile }, 'imported the old feedback file into the state store');
  }
}
