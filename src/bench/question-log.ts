/**
 * Measures the embedded state store on a large question log: the latency of
 * one logged question (a write, awaited) and the time to build the report.
 * `npx tsx src/bench/question-log.ts [count] [dir]` — a temp folder by default.
 * Prints one line: `question-log: n=… write_p50_ms=… write_p95_ms=… report_ms=…`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildReport } from '../core/report/question-report.js';
import { reportHtml } from '../core/report/report-html.js';
import { openPgliteStateStore } from '../core/state/pglite-state-store.js';
import { utcDay } from '../core/state/state-store.js';
import { rng } from './random.js';

const DAY = 86_400_000;
const TOPICS = ['install', 'warranty', 'battery', 'refund', 'shipping', 'password', 'export', 'invoice', 'login', 'colour'];
const FORMS = ['How do I {t}?', 'Where is the {t} setting?', 'Why does {t} fail?', 'Can I change the {t}?', 'What is the {t} limit?'];

const n = Number(process.argv[2] ?? 100_000);
const given = process.argv[3];
const dir = given ?? (await mkdtemp(path.join(tmpdir(), 'footnote-qlog-')));
const store = await openPgliteStateStore(path.join(dir, 'state'));
const random = rng(12);
const now = Date.now();
const times: number[] = [];
try {
  for (let i = 0; i < n; i++) {
    const at = now - Math.floor(random() * 90 * DAY);
    const topic = TOPICS[Math.floor(random() * TOPICS.length)]!;
    const form = FORMS[Math.floor(random() * FORMS.length)]!;
    const t0 = performance.now();
    await store.logQuestion({
      answerId: `q${i}`,
      at,
      day: utcDay(at),
      guildId: 'g',
      channelId: `c${i % 7}`,
      asker: `h${i % 997}`,
      question: `${form.replace('{t}', topic)} (${i % 50})`,
      abstained: random() < 0.2,
      topScore: random(),
      chunkIds: [`doc${i % 40}.md#${i % 9}`],
    });
    times.push(performance.now() - t0);
    if (i % 10 === 0 && random() < 0.3)
      await store.recordFeedback({ answerId: `q${i}`, voter: 'v', vote: random() < 0.5 ? 'down' : 'up', at, question: null, answer: '', abstained: false, chunkIds: [] });
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(3);
  const r0 = performance.now();
  const report = await buildReport(store, { since: now - 90 * DAY, now });
  const html = reportHtml(report);
  const reportMs = performance.now() - r0;
  console.log(
    `question-log: n=${n} write_p50_ms=${q(0.5)} write_p95_ms=${q(0.95)} write_p99_ms=${q(0.99)} report_ms=${Math.round(reportMs)} groups=${report.groups.length} grouped=${report.grouped} html_bytes=${html.length}`,
  );
} finally {
  await store.close();
  if (!given) await rm(dir, { recursive: true, force: true });
}
