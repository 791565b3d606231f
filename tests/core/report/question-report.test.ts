import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupQuestions } from '../../../src/core/report/group-questions.js';
import { buildReport, parseSince, type QuestionReport } from '../../../src/core/report/question-report.js';
import { reportHtml } from '../../../src/core/report/report-html.js';
import { reportCsv, reportText } from '../../../src/core/report/report-text.js';
import { openPgliteStateStore } from '../../../src/core/state/pglite-state-store.js';
import { utcDay, type StateStore } from '../../../src/core/state/state-store.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 10, 12);

describe('grouping unanswered questions', () => {
  it('puts reworded questions together, biggest group first, with a central example', () => {
    const q = (question: string, at = NOW) => ({ question, abstained: true, down: 0, at });
    const groups = groupQuestions([
      q('How do I reset my password?'),
      q('how can I reset the password'),
      q('Password reset does not work'),
      q('What is the refund policy?'),
      q('refund policy for annual plans?'),
      q('Is there a dark mode?'),
    ]);
    expect(groups.map((g) => g.size)).toEqual([3, 2, 1]);
    expect(groups[0]!.example.toLowerCase()).toContain('password');
    expect(groups[1]!.example.toLowerCase()).toContain('refund');
  });
});

describe('the report over the question log', () => {
  let dir = '';
  let store: StateStore;
  let report: QuestionReport;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'footnote-report-'));
    store = await openPgliteStateStore(path.join(dir, 'state'));
    const log = (id: string, question: string, at: number, abstained: boolean) =>
      store.logQuestion({ answerId: id, at, day: utcDay(at), guildId: 'g', channelId: 'c', asker: 'h', question, abstained, topScore: 0.3, chunkIds: [] });
    await log('a1', 'How do I reset my password?', NOW - DAY, true);
    await log('a2', 'how can I reset the password', NOW - DAY, true);
    await log('a3', 'When was the company founded?', NOW - 2 * DAY, false);
    await log('a4', 'What is the refund <b>policy</b>, "really"?', NOW, false);
    await log('old', 'Ancient question', NOW - 30 * DAY, true);
    await store.recordFeedback({ answerId: 'a4', voter: 'v', vote: 'down', at: NOW, question: null, answer: '', abstained: false, chunkIds: [] });
    report = await buildReport(store, { since: NOW - 7 * DAY, now: NOW });
  }, 60_000);
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('counts questions per day and the abstention and 👎 rates within the period', () => {
    expect(report.days.map((d) => [d.day, d.questions])).toEqual([['2026-03-08', 1], ['2026-03-09', 2], ['2026-03-10', 1]]);
    expect(report.totals).toMatchObject({ questions: 4, abstained: 2, downVoted: 1, abstentionRate: 0.5, downVoteRate: 0.25 });
    expect(report.groups.map((g) => g.size)).toEqual([2, 1]);
    expect(reportText(report)).toContain('×2  "');
  });

  it('writes CSV that quotes commas and quotes', () => {
    const csv = reportCsv(report);
    expect(csv.split('\r\n')[0]).toBe('kind,day,questions,abstained,down_voted,example,members');
    expect(csv).toContain('"What is the refund <b>policy</b>, ""really""?"');
  });

  it('writes one self-contained page: charts as inline SVG, text escaped, nothing loaded from elsewhere', () => {
    const html = reportHtml(report);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).toContain('refund &lt;b&gt;policy&lt;/b&gt;');
    expect(html).not.toContain('<b>policy');
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html).toContain('×2');
  });

  it('reads --since as a duration or a date', () => {
    expect(parseSince('7d', NOW)).toBe(NOW - 7 * DAY);
    expect(parseSince('12h', NOW)).toBe(NOW - DAY / 2);
    expect(parseSince('2026-03-01')).toBe(Date.UTC(2026, 2, 1));
    expect(parseSince('soon')).toBeNull();
  });
});
