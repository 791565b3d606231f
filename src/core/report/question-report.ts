/** The report of what people asked: per-day counts, rates, and the unanswered or down-voted questions grouped. */
import type { DailyQuestionStats, StateStore } from '../state/state-store.js';
import { groupQuestions, type QuestionGroup } from './group-questions.js';

export interface QuestionReport {
  since: number;
  until: number;
  days: DailyQuestionStats[];
  totals: { questions: number; abstained: number; downVoted: number; upVoted: number; abstentionRate: number; downVoteRate: number };
  /** Unanswered (abstained) or 👎 questions, grouped by similarity, biggest first. */
  groups: QuestionGroup[];
  /** Unanswered or down-voted questions considered for grouping (the newest `maxGrouped`). */
  grouped: number;
}

export interface ReportOptions {
  since: number;
  now?: number;
  /** Newest unanswered questions grouped: bounds memory and time whatever the log holds. */
  maxGrouped?: number;
  maxGroups?: number;
}

export async function buildReport(store: StateStore, options: ReportOptions): Promise<QuestionReport> {
  const days = await store.dailyStats(options.since);
  const sum = (f: (d: DailyQuestionStats) => number) => days.reduce((n, d) => n + f(d), 0);
  const questions = sum((d) => d.questions);
  const abstained = sum((d) => d.abstained);
  const downVoted = sum((d) => d.downVoted);
  const upVoted = sum((d) => d.upVoted);
  const unanswered = await store.listQuestions({ since: options.since, onlyUnanswered: true, limit: options.maxGrouped ?? 5000 });
  return {
    since: options.since,
    until: options.now ?? Date.now(),
    days,
    totals: {
      questions,
      abstained,
      downVoted,
      upVoted,
      abstentionRate: questions ? abstained / questions : 0,
      downVoteRate: questions ? downVoted / questions : 0,
    },
    groups: groupQuestions(unanswered, 0.5, options.maxGroups ?? 25),
    grouped: unanswered.length,
  };
}

/** `7d`, `12h`, `30m` or an ISO date → epoch ms. */
export function parseSince(value: string, now = Date.now()): number | null {
  const rel = /^(\d{1,5})\s*([dhm])$/i.exec(value.trim());
  if (rel) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[rel[2]!.toLowerCase() as 'd' | 'h' | 'm'];
    return now - Number(rel[1]) * unit;
  }
  const abs = Date.parse(value);
  return Number.isNaN(abs) ? null : abs;
}
