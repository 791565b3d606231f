import { fnv1a } from '../text.js';
import type { EvalQuestion } from './question-set.js';

/** Which part of a question set a run scores, so fitted and held-out figures are reproducible commands. */
export interface SubsetOptions {
  /** Keep only questions of these SQuAD article titles (case-insensitive). */
  articles?: string[];
  /** Drop questions of these SQuAD article titles. */
  excludeArticles?: string[];
  /** `fit`: questions whose id hashes outside the held-out third; `held-out`: the other third. */
  part?: 'fit' | 'held-out';
}

export const PARTS = ['fit', 'held-out'] as const;

/** A stable third of any question set, by id (FNV-1a), independent of order and of the other questions. */
export const isHeldOut = (id: string): boolean => fnv1a(id.replace(/-inf$/, '')) % 3 === 0;

/**
 * The questions a run keeps. `articles[i]` is the article of `questions[i]`
 * (SQuAD only). Throws on a title no question has, so a typo never silently
 * scores an empty or whole set.
 */
export function selectQuestions(questions: EvalQuestion[], articles: string[] | null, options: SubsetOptions): EvalQuestion[] {
  const norm = (s: string) => s.trim().toLowerCase();
  const known = new Set((articles ?? []).map(norm));
  for (const t of [...(options.articles ?? []), ...(options.excludeArticles ?? [])]) {
    if (!articles) throw new SubsetError('--articles and --exclude-articles need a SQuAD file (--squad)');
    if (!known.has(norm(t))) throw new SubsetError(`no article titled "${t}" (titles: ${[...new Set(articles)].join(', ')})`);
  }
  const keep = options.articles?.length ? new Set(options.articles.map(norm)) : null;
  const drop = new Set((options.excludeArticles ?? []).map(norm));
  return questions.filter((q, i) => {
    const title = articles ? norm(articles[i]!) : '';
    if (keep && !keep.has(title)) return false;
    if (drop.has(title)) return false;
    if (options.part) return isHeldOut(q.id) === (options.part === 'held-out');
    return true;
  });
}

/** A subset option that cannot be applied; the message is one line. */
export class SubsetError extends Error {
  override readonly name = 'SubsetError';
}
