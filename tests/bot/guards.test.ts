import { describe, expect, it } from 'vitest';
import { Cooldown, QueueFullError, WorkQueue } from '../../src/bot/guards.ts';

describe('Cooldown', () => {
  it('allows N questions per window per user, then says how long to wait', () => {
    let now = 1_000_000;
    const cd = new Cooldown(5, 60_000, () => now);
    for (let i = 0; i < 5; i++) {
      expect(cd.take('a')).toEqual({ ok: true });
      now += 1000;
    }
    expect(cd.take('a')).toEqual({ ok: false, retryMs: 55_000, firstRefusal: true });
    expect(cd.take('b')).toEqual({ ok: true }); // per user
    now += 10_000;
    expect(cd.take('a')).toMatchObject({ ok: false, retryMs: 45_000, firstRefusal: false }); // one notice per streak
    now += 45_000; // the first question has left the window
    expect(cd.take('a')).toEqual({ ok: true });
    expect(cd.take('a')).toMatchObject({ ok: false, firstRefusal: true });
  });
});

describe('WorkQueue', () => {
  it('runs at most `concurrency` jobs, holds `maxPending` more and refuses the rest', async () => {
    const q = new WorkQueue(1, 1);
    const releases: (() => void)[] = [];
    const job = () => new Promise<string>((resolve) => releases.push(() => resolve('done')));
    const first = q.run(job);
    const second = q.run(job);
    expect(q.size).toEqual({ running: 1, waiting: 1 });
    expect(q.hasRoom).toBe(false);
    await expect(q.run(job)).rejects.toBeInstanceOf(QueueFullError);
    releases[0]!();
    await expect(first).resolves.toBe('done');
    await new Promise((r) => setTimeout(r, 0));
    expect(q.size).toEqual({ running: 1, waiting: 0 });
    releases[1]!();
    await expect(second).resolves.toBe('done');
  });

  it('keeps going after a job fails', async () => {
    const q = new WorkQueue(1, 0);
    await expect(q.run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(q.run(() => Promise.resolve(2))).resolves.toBe(2);
  });
});
