/**
 * The report as one self-contained HTML page: inline CSS and inline SVG
 * charts, no script and no external resource, so it opens anywhere (and in
 * headless Chromium) as a file. Every text from the log is escaped. Votes are
 * named in words: headless Chromium has no emoji font and drew 👎 as a box.
 */
import type { QuestionReport } from './question-report.js';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Questions per day: answered and abstained stacked, 👎 as a dot per day. */
function dailyChart(r: QuestionReport): string {
  const W = 900;
  const H = 260;
  const pad = { l: 48, r: 12, t: 16, b: 44 };
  const days = r.days;
  if (days.length === 0) return '<p class="empty">No questions in this period.</p>';
  const max = Math.max(1, ...days.map((d) => d.questions));
  const slot = (W - pad.l - pad.r) / days.length;
  const bar = Math.max(1, Math.min(28, slot * 0.8));
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max);
  const parts: string[] = [];
  for (const tick of [0, 0.5, 1]) {
    const v = Math.round(max * tick);
    parts.push(`<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(v)}" y2="${y(v)}" class="grid"/><text x="${pad.l - 6}" y="${y(v) + 4}" class="axis" text-anchor="end">${v}</text>`);
  }
  const labelEvery = Math.ceil(days.length / 12);
  days.forEach((d, i) => {
    const x = pad.l + i * slot + (slot - bar) / 2;
    const answered = d.questions - d.abstained;
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${y(d.questions).toFixed(1)}" width="${bar.toFixed(1)}" height="${(y(answered) - y(d.questions)).toFixed(1)}" class="abstained"><title>${d.day}: ${d.abstained} abstained</title></rect>`,
      `<rect x="${x.toFixed(1)}" y="${y(answered).toFixed(1)}" width="${bar.toFixed(1)}" height="${(y(0) - y(answered)).toFixed(1)}" class="answered"><title>${d.day}: ${answered} answered</title></rect>`,
    );
    if (d.downVoted > 0) parts.push(`<circle cx="${(x + bar / 2).toFixed(1)}" cy="${y(d.downVoted).toFixed(1)}" r="4" class="down"><title>${d.day}: ${d.downVoted} down-voted</title></circle>`);
    if (i % labelEvery === 0) parts.push(`<text x="${(x + bar / 2).toFixed(1)}" y="${H - pad.b + 16}" class="axis" text-anchor="middle">${d.day.slice(5)}</text>`);
  });
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="Questions per day">${parts.join('')}</svg>
<p class="legend"><span class="sw answered"></span> answered <span class="sw abstained"></span> abstained <span class="sw down"></span> down-voted</p>`;
}

/** The groups as horizontal bars, biggest first. */
function groupsChart(r: QuestionReport): string {
  if (r.groups.length === 0) return '<p class="empty">Nothing to cover: every question was answered without a down-vote.</p>';
  const max = Math.max(...r.groups.map((g) => g.size));
  const rows = r.groups.map(
    (g, i) => `<li><div class="bar" style="width:${Math.max(2, (g.size / max) * 100).toFixed(1)}%"></div>
<div class="group"><span class="n">${i + 1}. ×${g.size}</span> <q>${esc(g.example)}</q>
<span class="meta">${g.abstained} abstained · ${g.downVoted} down-voted · last ${day(g.lastAt)}</span>
${g.questions.length > 1 ? `<ul class="also">${g.questions.filter((q) => q !== g.example).map((q) => `<li>${esc(q)}</li>`).join('')}</ul>` : ''}</div></li>`,
  );
  return `<ol class="groups">${rows.join('\n')}</ol>`;
}

export function reportHtml(r: QuestionReport): string {
  const t = r.totals;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Footnote report ${day(r.since)} – ${day(r.until)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:960px;color:#1d1f23;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem}
.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}.card{border:1px solid #d8dbe0;border-radius:8px;padding:.75rem 1rem;min-width:150px}
.card b{display:block;font-size:1.6rem}svg{width:100%;height:auto;border:1px solid #eceef1;border-radius:8px}
.grid{stroke:#eceef1}.axis{font-size:11px;fill:#6b7280}.answered{fill:#4f7cff}.abstained{fill:#f0a23a}.down{fill:#d64545}
.legend{color:#555}.sw{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin:0 .2em 0 .8em}.sw.answered{background:#4f7cff}.sw.abstained{background:#f0a23a}.sw.down{background:#d64545;border-radius:50%}
ol.groups{list-style:none;padding:0}ol.groups>li{position:relative;margin:.4rem 0;padding:.45rem .6rem;border:1px solid #eceef1;border-radius:6px;overflow:hidden}
.bar{position:absolute;left:0;top:0;bottom:0;background:#fdf0dc;z-index:0}.group{position:relative;z-index:1}.n{font-weight:600}.meta{color:#6b7280;font-size:.85em;margin-left:.5em}
.also{margin:.25rem 0 0 1rem;color:#444;font-size:.9em}.empty{color:#555}
</style></head><body>
<h1>What people asked Footnote</h1>
<p>${day(r.since)} to ${day(r.until)} · generated ${new Date(r.until).toISOString()}</p>
<div class="cards">
<div class="card"><b>${t.questions}</b>questions</div>
<div class="card"><b>${pct(t.abstentionRate)}</b>abstained</div>
<div class="card"><b>${pct(t.downVoteRate)}</b>down-voted</div>
<div class="card"><b>${t.upVoted}</b>up-voted</div>
</div>
<h2>Questions per day</h2>
${dailyChart(r)}
<h2>What the documents should cover next</h2>
<p>${r.grouped} unanswered or down-voted questions, grouped by similarity, biggest groups first.</p>
${groupsChart(r)}
</body></html>
`;
}
