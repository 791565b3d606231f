/** The report as terminal text, JSON or CSV. */
import type { QuestionReport } from './question-report.js';

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function reportText(r: QuestionReport): string {
  const t = r.totals;
  const lines = [
    `Questions from ${day(r.since)} to ${day(r.until)}: ${t.questions} (abstained ${pct(t.abstentionRate)}, 👎 ${pct(t.downVoteRate)}, 👍 on ${t.upVoted})`,
    '',
    'Per day:',
    ...r.days.map((d) => `  ${d.day}  ${String(d.questions).padStart(6)} asked  ${String(d.abstained).padStart(5)} abstained  ${String(d.downVoted).padStart(5)} 👎`),
    '',
    `What the documents should cover next (${r.grouped} unanswered or 👎 questions, grouped):`,
    ...(r.groups.length === 0 ? ['  nothing: every question was answered without a 👎.'] : []),
    ...r.groups.map((g, i) => `  ${i + 1}. ×${g.size}  "${g.example}"  (${g.abstained} abstained, ${g.downVoted} 👎, last ${day(g.lastAt)})`),
  ];
  return lines.join('\n');
}

export function reportJson(r: QuestionReport): string {
  return JSON.stringify(r, null, 2);
}

const cell = (v: string | number) => {
  const s = String(v);
  // Quote per RFC 4180; a leading = + - @ is prefixed so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** One table: a row per day, then a row per group (`kind` tells them apart). */
export function reportCsv(r: QuestionReport): string {
  const rows: Array<Array<string | number>> = [['kind', 'day', 'questions', 'abstained', 'down_voted', 'example', 'members']];
  for (const d of r.days) rows.push(['day', d.day, d.questions, d.abstained, d.downVoted, '', '']);
  for (const g of r.groups) rows.push(['group', day(g.lastAt), g.size, g.abstained, g.downVoted, g.example, g.questions.join(' | ')]);
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
