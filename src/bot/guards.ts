/** Abuse guards: a per-user sliding-window cooldown and a bounded queue of questions. */

export type Clock = () => number;

export type CooldownResult = { ok: true } | { ok: false; retryMs: number; firstRefusal: boolean };

/** At most `limit` questions per user in any `windowMs`; memory is bounded by active users. */
export class Cooldown {
  private readonly hits = new Map<string, number[]>();
  /** When each user was last told to slow down, so spam gets one notice per window. */
  private readonly warned = new Map<string, number>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: Clock = Date.now,
  ) {}

  /** Records a question by `userId` if allowed; otherwise says how long to wait. */
  take(userId: string): CooldownResult {
    const t = this.now();
    const recent = (this.hits.get(userId) ?? []).filter((at) => t - at < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(userId, recent);
      const retryMs = recent[0]! + this.windowMs - t;
      const lastWarned = this.warned.get(userId);
      const firstRefusal = lastWarned === undefined || t - lastWarned >= retryMs || t - lastWarned >= this.windowMs;
      if (firstRefusal) this.warned.set(userId, t);
      return { ok: false, retryMs, firstRefusal };
    }
    recent.push(t);
    this.hits.set(userId, recent);
    this.warned.delete(userId);
    if (this.hits.size > 10_000) this.prune(t);
    return { ok: true };
  }

  private prune(t: number): void {
    for (const [user, times] of this.hits) if (times.every((at) => t - at >= this.windowMs)) this.hits.delete(user);
    for (const [user, at] of this.warned) if (t - at >= this.windowMs) this.warned.delete(user);
  }
}

export class QueueFullError extends Error {
  override readonly name = 'QueueFullError';
}

/**
 * Runs at most `concurrency` jobs at once and holds at most `maxPending`
 * more; beyond that a job is refused at once (the caller says "busy").
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxPending: number,
  ) {}

  get size(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** True when a new job would be accepted right now. */
  get hasRoom(): boolean {
    return this.running < this.concurrency || this.waiting.length < this.maxPending;
  }

  run<T>(job: () => Promise<T>): Promise<T> {
    if (!this.hasRoom) return Promise.reject(new QueueFullError('question queue is full'));
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++;
        job()
          .then(resolve, reject)
          .finally(() => {
            this.running--;
            this.waiting.shift()?.();
          });
      };
      if (this.running < this.concurrency) start();
      else this.waiting.push(start);
    });
  }
}
