import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCoreConfig } from '../../../src/core/config.js';
import { openStateStore } from '../../../src/core/state/open-state-store.js';
import { utcDay, type StateStore } from '../../../src/core/state/state-store.js';
import { startTestDatabase, type TestDatabase } from '../../helpers/pg-test-server.js';

const T0 = Date.UTC(2026, 0, 10, 12);
const entry = (answerId: string, at: number, abstained = false) => ({
  answerId,
  at,
  day: utcDay(at),
  guildId: 'g1',
  channelId: 'c1',
  asker: 'h',
  question: `q ${answerId}`,
  abstained,
  topScore: 0.4,
  chunkIds: ['a.md#0'],
});

describe('bot state in Postgres, shared by two bot processes', () => {
  let db: TestDatabase;
  // Two stores with pools of their own: what two bot processes (or shards) hold.
  let a: StateStore;
  let b: StateStore;

  beforeAll(async () => {
    db = await startTestDatabase();
    const config = parseCoreConfig({ DATABASE_URL: db.url, DATABASE_SCHEMA: db.schema() });
    a = await openStateStore(config);
    b = await openStateStore(config);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.stop();
  });

  it('is chosen by DATABASE_URL and names the server without its password', () => {
    expect(a.describe).toMatch(/^postgres:127\.0\.0\.1:\d+\/postgres schema t_/);
    expect(a.describe).not.toContain('postgres:postgres@');
  });

  it('shares one salt, threads and channel settings between the processes', async () => {
    expect(await b.salt()).toBe(await a.salt());
    await a.rememberThread({ threadId: 't1', channelId: 'c1', guildId: 'g1', question: 'What is X?', kind: 'forum', createdAt: T0 });
    expect(await b.getThread('t1')).toMatchObject({ question: 'What is X?', kind: 'forum' });
    await b.setChannel({ channelId: 'c1', guildId: 'g1', mode: 'auto', collections: ['faq'], updatedAt: T0, updatedBy: 'x' });
    expect(await a.getChannel('c1')).toMatchObject({ mode: 'auto', collections: ['faq'] });
  });

  it('loses no turn when both processes append to one thread at once', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).appendTurn('t2', { question: `q${i}`, answer: `a${i}`, at: T0 + i }, 20)),
    );
    const turns = await a.turns('t2', 20);
    expect(turns.map((t) => t.question).sort()).toEqual(['q0', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7']);
  });

  it('counts votes cast through either process on the shared question log', async () => {
    await a.logQuestion(entry('ans1', T0));
    await b.logQuestion(entry('ans2', T0 + 1, true));
    const vote = { answerId: 'ans1', at: T0, question: 'q', answer: 'a', abstained: false, chunkIds: ['a.md#0'] };
    await Promise.all([a.recordFeedback({ ...vote, voter: 'v1', vote: 'down' }), b.recordFeedback({ ...vote, voter: 'v2', vote: 'up' })]);
    expect(await b.getQuestion('ans1')).toMatchObject({ up: 1, down: 1 });
    expect((await a.listQuestions({ onlyUnanswered: true, limit: 10 })).map((q) => q.answerId)).toEqual(['ans2', 'ans1']);
    expect(await b.countQuestions()).toBe(2);
  });
});
