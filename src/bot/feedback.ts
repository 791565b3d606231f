import { createHash } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

export type Vote = 'up' | 'down';

/** One line of the feedback file. No tokens, no raw user ids. */
export interface FeedbackRecord {
  time: string;
  vote: Vote;
  question: string | null;
  answer: string;
  abstained: boolean;
  chunkIds: string[];
  /** A one-way hash of the voter's Discord id, so repeated votes can be told apart. */
  user: string;
  answerId: string;
}

/** Pseudonymous voter id: sha256 of a fixed prefix and the user id, shortened. */
export function hashUserId(userId: string): string {
  return createHash('sha256').update(`footnote-feedback:${userId}`).digest('hex').slice(0, 16);
}

/**
 * Appends votes as JSON lines. Writes are serialized so lines never
 * interleave; the file is only ever appended to, so it survives restarts.
 */
export class FeedbackStore {
  private tail: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  append(record: FeedbackRecord): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    const write = this.tail.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      await appendFile(this.file, line, 'utf8');
    });
    // A failed write must not poison the writes after it.
    this.tail = write.catch(() => {});
    return write;
  }

  /** Resolves when every write so far has finished (for shutdown). */
  flush(): Promise<void> {
    return this.tail;
  }
}
