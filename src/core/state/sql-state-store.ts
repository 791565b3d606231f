import { randomBytes } from 'node:crypto';
import type {
  ChannelSettings,
  DailyQuestionStats,
  FeedbackRecord,
  LearnedAnswer,
  NewQuestionLogEntry,
  QuestionLogEntry,
  QuestionQuery,
  StateStore,
  StoredTurn,
  ThreadRecord,
} from './state-store.js';
import { STATE_SCHEMA, STATE_SCHEMA_VERSION } from './state-schema.js';

type Row = Record<string, unknown>;

/** The little a SQL backend must offer: `$1` parameters, and a transaction that runs its queries on one connection. */
export interface SqlClient {
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  transaction<T>(fn: (tx: Pick<SqlClient, 'query'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const num = (v: unknown): number => Number(v);
const list = (v: unknown): string[] => JSON.parse(String(v)) as string[];

/**
 * The state store over any Postgres-dialect SQL client (PGlite embedded, or
 * a server). Every write is one statement or one transaction, so a crash
 * leaves it whole.
 */
export class SqlStateStore implements StateStore {
  private closed = false;
  private cachedSalt: string | null = null;

  private constructor(
    private readonly db: SqlClient,
    readonly describe: string,
  ) {}

  /** Creates the tables when missing and records the schema version. */
  static async open(db: SqlClient, describe: string): Promise<SqlStateStore> {
    await db.transaction(async (tx) => {
      for (const statement of STATE_SCHEMA.split(';').map((s) => s.trim()).filter(Boolean)) await tx.query(statement);
      await tx.query('insert into footnote_meta (key, value) values ($1, $2) on conflict (key) do nothing', [
        'schema_version',
        String(STATE_SCHEMA_VERSION),
      ]);
    });
    return new SqlStateStore(db, describe);
  }

  async salt(): Promise<string> {
    if (this.cachedSalt) return this.cachedSalt;
    await this.setMetaOnce('asker_salt', randomBytes(32).toString('hex'));
    this.cachedSalt = (await this.getMeta('asker_salt'))!;
    return this.cachedSalt;
  }

  async getMeta(key: string): Promise<string | null> {
    const rows = await this.db.query('select value from footnote_meta where key = $1', [key]);
    return rows[0] ? String(rows[0]['value']) : null;
  }

  async setMetaOnce(key: string, value: string): Promise<boolean> {
    const rows = await this.db.query(
      'insert into footnote_meta (key, value) values ($1, $2) on conflict (key) do nothing returning key',
      [key, value],
    );
    return rows.length === 1;
  }

  async rememberThread(t: ThreadRecord): Promise<void> {
    await this.db.query(
      `insert into footnote_threads (thread_id, channel_id, guild_id, question, kind, created_at)
       values ($1, $2, $3, $4, $5, $6) on conflict (thread_id) do nothing`,
      [t.threadId, t.channelId, t.guildId, t.question, t.kind, t.createdAt],
    );
  }

  async getThread(threadId: string): Promise<ThreadRecord | null> {
    const [r] = await this.db.query('select * from footnote_threads where thread_id = $1', [threadId]);
    if (!r) return null;
    return {
      threadId: String(r['thread_id']),
      channelId: String(r['channel_id']),
      guildId: String(r['guild_id']),
      question: String(r['question']),
      kind: r['kind'] === 'forum' ? 'forum' : 'thread',
      createdAt: num(r['created_at']),
    };
  }

  async appendTurn(threadId: string, turn: StoredTurn, keep: number): Promise<void> {
    const { at, ...rest } = turn;
    await this.db.transaction(async (tx) => {
      const [r] = await tx.query('select coalesce(max(seq), 0) as seq from footnote_turns where thread_id = $1', [threadId]);
      const seq = num(r?.['seq'] ?? 0) + 1;
      await tx.query('insert into footnote_turns (thread_id, seq, at, turn) values ($1, $2, $3, $4)', [
        threadId,
        seq,
        at,
        JSON.stringify(rest),
      ]);
      await tx.query('delete from footnote_turns where thread_id = $1 and seq <= $2', [threadId, seq - keep]);
    });
  }

  async turns(threadId: string, limit: number): Promise<StoredTurn[]> {
    const rows = await this.db.query(
      'select at, turn from footnote_turns where thread_id = $1 order by seq desc limit $2',
      [threadId, limit],
    );
    return rows.reverse().map((r) => ({ ...(JSON.parse(String(r['turn'])) as Omit<StoredTurn, 'at'>), at: num(r['at']) }));
  }

  async getChannel(channelId: string): Promise<ChannelSettings | null> {
    const [r] = await this.db.query('select * from footnote_channels where channel_id = $1', [channelId]);
    return r ? channelFrom(r) : null;
  }

  async setChannel(s: ChannelSettings): Promise<void> {
    await this.db.query(
      `insert into footnote_channels (channel_id, guild_id, mode, collections, updated_at, updated_by)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (channel_id) do update set guild_id = excluded.guild_id, mode = excluded.mode,
         collections = excluded.collections, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [s.channelId, s.guildId, s.mode, JSON.stringify(s.collections), s.updatedAt, s.updatedBy],
    );
  }

  async listChannels(guildId: string, limit: number): Promise<ChannelSettings[]> {
    const rows = await this.db.query('select * from footnote_channels where guild_id = $1 order by channel_id limit $2', [
      guildId,
      limit,
    ]);
    return rows.map(channelFrom);
  }

  async recordFeedback(f: FeedbackRecord): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `insert into footnote_feedback (answer_id, voter, vote, at, question, answer, abstained, chunk_ids)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (answer_id, voter) do update set vote = excluded.vote, at = excluded.at`,
        [f.answerId, f.voter, f.vote, f.at, f.question, f.answer, f.abstained, JSON.stringify(f.chunkIds)],
      );
      await tx.query(
        `update footnote_questions set
           up = (select count(*) from footnote_feedback where answer_id = $1 and vote = 'up'),
           down = (select count(*) from footnote_feedback where answer_id = $1 and vote = 'down')
         where answer_id = $1`,
        [f.answerId],
      );
    });
  }

  async feedbackFor(answerId: string, limit: number): Promise<FeedbackRecord[]> {
    const rows = await this.db.query('select * from footnote_feedback where answer_id = $1 order by at, voter limit $2', [
      answerId,
      limit,
    ]);
    return rows.map((r) => ({
      answerId: String(r['answer_id']),
      voter: String(r['voter']),
      vote: r['vote'] === 'down' ? 'down' : 'up',
      at: num(r['at']),
      question: r['question'] === null ? null : String(r['question']),
      answer: String(r['answer']),
      abstained: Boolean(r['abstained']),
      chunkIds: list(r['chunk_ids']),
    }));
  }

  async addLearned(a: LearnedAnswer): Promise<void> {
    await this.db.query(
      `insert into footnote_learned (id, guild_id, channel_id, thread_id, message_id, question, answer, author_name, link, created_at, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [a.id, a.guildId, a.channelId, a.threadId, a.messageId, a.question, a.answer, a.authorName, a.link, a.createdAt, a.createdBy],
    );
  }

  async getLearned(id: string): Promise<LearnedAnswer | null> {
    const [r] = await this.db.query('select * from footnote_learned where id = $1', [id]);
    return r ? learnedFrom(r) : null;
  }

  async listLearned(guildId: string | null, limit: number): Promise<LearnedAnswer[]> {
    const rows =
      guildId === null
        ? await this.db.query('select * from footnote_learned order by created_at desc, id limit $1', [limit])
        : await this.db.query('select * from footnote_learned where guild_id = $1 order by created_at desc, id limit $2', [
            guildId,
            limit,
          ]);
    return rows.map(learnedFrom);
  }

  async allLearned(limit: number): Promise<LearnedAnswer[]> {
    const rows = await this.db.query('select * from footnote_learned order by created_at, id limit $1', [limit]);
    return rows.map(learnedFrom);
  }

  async removeLearned(id: string): Promise<boolean> {
    const rows = await this.db.query('delete from footnote_learned where id = $1 returning id', [id]);
    return rows.length > 0;
  }

  async logQuestion(q: NewQuestionLogEntry): Promise<void> {
    await this.db.query(
      `insert into footnote_questions (answer_id, at, day, guild_id, channel_id, asker, question, abstained, top_score, chunk_ids)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (answer_id) do nothing`,
      [q.answerId, q.at, q.day, q.guildId, q.channelId, q.asker, q.question, q.abstained, q.topScore, JSON.stringify(q.chunkIds)],
    );
  }

  async getQuestion(answerId: string): Promise<QuestionLogEntry | null> {
    const [r] = await this.db.query('select * from footnote_questions where answer_id = $1', [answerId]);
    return r ? questionFrom(r) : null;
  }

  async listQuestions(query: QuestionQuery): Promise<QuestionLogEntry[]> {
    const where = ['at >= $1'];
    if (query.onlyUnanswered) where.push('(abstained or down > 0)');
    const rows = await this.db.query(
      `select * from footnote_questions where ${where.join(' and ')} order by at desc, answer_id limit $2`,
      [query.since ?? 0, query.limit],
    );
    return rows.map(questionFrom);
  }

  async dailyStats(since: number): Promise<DailyQuestionStats[]> {
    const rows = await this.db.query(
      `select day, count(*) as questions,
         sum(case when abstained then 1 else 0 end) as abstained,
         sum(case when down > 0 then 1 else 0 end) as down_voted,
         sum(case when up > 0 then 1 else 0 end) as up_voted
       from footnote_questions where at >= $1 group by day order by day`,
      [since],
    );
    return rows.map((r) => ({
      day: String(r['day']),
      questions: num(r['questions']),
      abstained: num(r['abstained']),
      downVoted: num(r['down_voted']),
      upVoted: num(r['up_voted']),
    }));
  }

  async pruneQuestions(before: number): Promise<number> {
    const rows = await this.db.query('delete from footnote_questions where at < $1 returning answer_id', [before]);
    return rows.length;
  }

  async countQuestions(): Promise<number> {
    const [r] = await this.db.query('select count(*) as n from footnote_questions');
    return num(r?.['n'] ?? 0);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }
}

function channelFrom(r: Row): ChannelSettings {
  return {
    channelId: String(r['channel_id']),
    guildId: String(r['guild_id']),
    mode: String(r['mode']) as ChannelSettings['mode'],
    collections: list(r['collections']),
    updatedAt: num(r['updated_at']),
    updatedBy: String(r['updated_by']),
  };
}

function learnedFrom(r: Row): LearnedAnswer {
  return {
    id: String(r['id']),
    guildId: String(r['guild_id']),
    channelId: String(r['channel_id']),
    threadId: String(r['thread_id']),
    messageId: String(r['message_id']),
    question: String(r['question']),
    answer: String(r['answer']),
    authorName: String(r['author_name']),
    link: String(r['link']),
    createdAt: num(r['created_at']),
    createdBy: String(r['created_by']),
  };
}

function questionFrom(r: Row): QuestionLogEntry {
  return {
    answerId: String(r['answer_id']),
    at: num(r['at']),
    day: String(r['day']),
    guildId: r['guild_id'] === null ? null : String(r['guild_id']),
    channelId: r['channel_id'] === null ? null : String(r['channel_id']),
    asker: String(r['asker']),
    question: String(r['question']),
    abstained: Boolean(r['abstained']),
    topScore: r['top_score'] === null ? null : num(r['top_score']),
    chunkIds: list(r['chunk_ids']),
    up: num(r['up']),
    down: num(r['down']),
  };
}
