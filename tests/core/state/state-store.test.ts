import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUserError } from '../../../src/core/errors.js';
import { openPgliteStateStore } from '../../../src/core/state/pglite-state-store.js';
import { utcDay, type StateStore } from '../../../src/core/state/state-store.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10, 12);

function entry(answerId: string, at: number, abstained = false) {
  return { answerId, at, day: utcDay(at), guildId: 'g1', channelId: 'c1', asker: 'h', question: `q ${answerId}`, abstained, topScore: 0.4, chunkIds: ['a.md#0'] };
}

describe('embedded state store', () => {
  let dir = '';
  let store: StateStore;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'footnote-state-'));
    store = await openPgliteStateStore(path.join(dir, 'state'));
  }, 60_000);
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second open while a live process holds it, with a coded one-line error', async () => {
    const err = await openPgliteStateStore(path.join(dir, 'state')).catch((e: unknown) => e);
    expect(isUserError(err) && err.code).toBe('STATE_BUSY');
    expect(String((err as Error).message)).toContain(`process ${process.pid}`);
  });

  it('keeps the newest turns of a thread, oldest first, with extra turn fields intact', async () => {
    await store.rememberThread({ threadId: 't1', channelId: 'c1', guildId: 'g1', question: 'What is X?', kind: 'forum', createdAt: T0 });
    await store.rememberThread({ threadId: 't1', channelId: 'other', guildId: 'g1', question: 'changed?', kind: 'thread', createdAt: T0 });
    expect(await store.getThread('t1')).toMatchObject({ question: 'What is X?', kind: 'forum', channelId: 'c1' });
    for (let i = 0; i < 5; i++) await store.appendTurn('t1', { question: `q${i}`, answer: `a${i}`, at: T0 + i, standalone: `s${i}` } as never, 3);
    const turns = await store.turns('t1', 10);
    expect(turns.map((t) => t.question)).toEqual(['q2', 'q3', 'q4']);
    expect((turns[2] as unknown as { standalone: string }).standalone).toBe('s4');
    expect((await store.turns('t1', 2)).map((t) => t.question)).toEqual(['q3', 'q4']);
    expect(await store.turns('nope', 5)).toEqual([]);
  });

  it('upserts channel settings per channel and lists a guild’s channels', async () => {
    await store.setChannel({ channelId: 'c1', guildId: 'g1', mode: 'auto', collections: ['faq'], updatedAt: T0, updatedBy: 'x' });
    await store.setChannel({ channelId: 'c1', guildId: 'g1', mode: 'confident', collections: [], updatedAt: T0 + 1, updatedBy: 'y' });
    await store.setChannel({ channelId: 'c2', guildId: 'g2', mode: 'off', collections: [], updatedAt: T0, updatedBy: 'x' });
    expect(await store.getChannel('c1')).toMatchObject({ mode: 'confident', collections: [], updatedBy: 'y' });
    expect((await store.listChannels('g1', 10)).map((c) => c.channelId)).toEqual(['c1']);
    expect(await store.getChannel('c9')).toBeNull();
  });

  it('counts one vote per voter on the logged question, a changed vote replacing the first', async () => {
    await store.logQuestion(entry('ans1', T0));
    const vote = { answerId: 'ans1', at: T0, question: 'q', answer: 'a', abstained: false, chunkIds: ['a.md#0'] };
    await store.recordFeedback({ ...vote, voter: 'v1', vote: 'down' });
    await store.recordFeedback({ ...vote, voter: 'v2', vote: 'down' });
    await store.recordFeedback({ ...vote, voter: 'v1', vote: 'up' });
    expect(await store.getQuestion('ans1')).toMatchObject({ up: 1, down: 1 });
    expect((await store.feedbackFor('ans1', 10)).map((f) => f.vote).sort()).toEqual(['down', 'up']);
  });

  it('aggregates per day, lists unanswered newest first, and prunes by age', async () => {
    await store.logQuestion(entry('old', T0 - 100 * DAY, true));
    await store.logQuestion(entry('d1a', T0 + DAY, true));
    await store.logQuestion(entry('d1b', T0 + DAY + 5));
    const stats = await store.dailyStats(T0 - DAY);
    expect(stats).toEqual([
      { day: '2026-01-10', questions: 1, abstained: 0, downVoted: 1, upVoted: 1 },
      { day: '2026-01-11', questions: 2, abstained: 1, downVoted: 0, upVoted: 0 },
    ]);
    const unanswered = await store.listQuestions({ since: T0 - DAY, onlyUnanswered: true, limit: 10 });
    expect(unanswered.map((q) => q.answerId)).toEqual(['d1a', 'ans1']);
    expect(await store.pruneQuestions(T0 - 90 * DAY)).toBe(1);
    expect(await store.getQuestion('old')).toBeNull();
  });

  it('stores, lists and removes learned answers', async () => {
    const base = { guildId: 'g1', channelId: 'c1', threadId: 't1', messageId: 'm1', question: 'How?', answer: 'Like so.', authorName: 'Mod', link: 'https://discord.com/channels/g1/t1/m1', createdBy: 'h' };
    await store.addLearned({ ...base, id: 'l1', createdAt: T0 });
    await store.addLearned({ ...base, id: 'l2', createdAt: T0 + 1 });
    expect((await store.listLearned('g1', 10)).map((l) => l.id)).toEqual(['l2', 'l1']);
    expect((await store.allLearned(10)).map((l) => l.id)).toEqual(['l1', 'l2']);
    expect(await store.removeLearned('l1')).toBe(true);
    expect(await store.removeLearned('l1')).toBe(false);
    expect(await store.getLearned('l2')).toMatchObject({ authorName: 'Mod', link: base.link });
  });

  it('creates the salt once and keeps it, and run-once markers set only once, across a reopen', async () => {
    const salt = await store.salt();
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.setMetaOnce('import', 'done')).toBe(true);
    expect(await store.setMetaOnce('import', 'again')).toBe(false);
    await store.close();
    store = await openPgliteStateStore(path.join(dir, 'state'));
    expect(await store.salt()).toBe(salt);
    expect(await store.getMeta('import')).toBe('done');
    expect(await store.getThread('t1')).not.toBeNull();
  }, 60_000);
});
