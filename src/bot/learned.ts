/**
 * Learned answers: a moderator's reply marked with "Use as answer" becomes a
 * document of the `learned` collection. The state store is the record; each
 * answer is mirrored as `CORPUS_DIR/learned/<id>.md` so the ordinary
 * (incremental) ingest indexes it, `npm run ingest` keeps it, and it is cited
 * like any other source. Files are written atomically (temp + rename).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LEARNED_COLLECTION } from '../core/collections.js';
import type { LearnedAnswer } from '../core/state/state-store.js';
import type { BotContext } from './context.js';

const MAX_LEARNED = 10_000;
const ID = /^[0-9a-f]{12}$/;

export class LearnedAnswers {
  /** Serialises re-indexing: marks arriving together are indexed one after another. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: BotContext) {}

  private get dir(): string {
    return path.join(this.ctx.config.core.corpusDir, LEARNED_COLLECTION);
  }

  static docId(id: string): string {
    return `${LEARNED_COLLECTION}/${id}.md`;
  }

  /** At start-up: files match the store (written when missing, removed when unmarked), links loaded, index refreshed if anything changed. */
  async sync(): Promise<void> {
    const all = await this.ctx.state.store.allLearned(MAX_LEARNED);
    const wanted = new Set(all.map((a) => `${a.id}.md`));
    let changed = false;
    let present: string[] = [];
    try {
      present = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    for (const file of present) {
      if (file.endsWith('.md') && !wanted.has(file)) {
        await rm(path.join(this.dir, file), { force: true });
        changed = true;
      }
    }
    const have = new Set(present);
    for (const a of all) {
      this.ctx.learnedLinks.set(LearnedAnswers.docId(a.id), a.link);
      if (!have.has(`${a.id}.md`)) {
        await this.write(a);
        changed = true;
      }
    }
    if (changed) await this.reindex();
  }

  /** Stores the answer, writes its file and indexes it; resolves once questions can be answered from it. */
  async add(input: Omit<LearnedAnswer, 'id' | 'createdAt'>): Promise<LearnedAnswer> {
    const answer: LearnedAnswer = { ...input, id: randomBytes(6).toString('hex'), createdAt: Date.now() };
    await this.ctx.state.store.addLearned(answer);
    await this.write(answer);
    this.ctx.learnedLinks.set(LearnedAnswers.docId(answer.id), answer.link);
    await this.reindex();
    return answer;
  }

  /** Removes it from the store, the corpus and the index; false when unknown. */
  async remove(id: string): Promise<boolean> {
    if (!ID.test(id)) return false;
    const existed = await this.ctx.state.store.removeLearned(id);
    await rm(path.join(this.dir, `${id}.md`), { force: true });
    this.ctx.learnedLinks.delete(LearnedAnswers.docId(id));
    if (existed) await this.reindex();
    return existed;
  }

  private async write(a: LearnedAnswer): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, `${a.id}.md`);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, renderLearned(a), 'utf8');
    await rename(tmp, file);
  }

  private reindex(): Promise<unknown> {
    const run = this.tail.then(async () => {
      // The incremental ingest embeds only the new or changed files.
      const report = await this.ctx.engine.reindex();
      this.ctx.indexChanged();
      this.ctx.logger.info({ documents: report.documents, chunks: report.chunks, ms: Math.round(report.ms) }, 'learned answers indexed');
    });
    this.tail = run.catch((err: unknown) => this.ctx.logger.error({ err }, 'could not index learned answers'));
    return run;
  }
}

/** The document text: the question as its title, the reply, and who gave it (a name, never a mention). */
export function renderLearned(a: LearnedAnswer): string {
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
  return `# ${oneLine(a.question)}\n\n${a.answer.trim()}\n\nAnswered by ${oneLine(a.authorName)} in Discord.\n`;
}
