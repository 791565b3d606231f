import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { userError } from '../../core/errors.js';
import { buildReport, parseSince } from '../../core/report/question-report.js';
import { reportHtml } from '../../core/report/report-html.js';
import { reportCsv, reportJson, reportText } from '../../core/report/report-text.js';
import { openStateStore } from '../../core/state/open-state-store.js';
import { loadConfig } from '../context.js';

interface ReportOptions {
  since: string;
  json?: string | true;
  csv?: string | true;
  html?: string;
}

/** `report`: the question log's summary; `--json`/`--csv` print (or write FILE), `--html FILE` writes a page with charts. */
export const reportCommand = () =>
  new Command('report')
    .description('what people asked the bot: questions per day, abstention and 👎 rates, unanswered questions grouped')
    .option('--since <when>', 'how far back: 7d, 24h, 90m or a date (YYYY-MM-DD)', '7d')
    .addOption(new Option('--json [file]', 'JSON (to FILE, or stdout)').conflicts(['csv', 'html']))
    .addOption(new Option('--csv [file]', 'CSV: a row per day and per group (to FILE, or stdout)').conflicts(['html']))
    .option('--html <file>', 'write a self-contained HTML page with charts')
    .action(async (opts: ReportOptions) => {
      const config = loadConfig();
      const since = parseSince(opts.since);
      if (since === null) throw userError('CONFIG_INVALID', `--since "${opts.since.slice(0, 40)}" is not like 7d, 24h, 90m or 2026-01-31`);
      const store = await openStateStore(config);
      try {
        const t0 = performance.now();
        const report = await buildReport(store, { since });
        const ms = Math.round(performance.now() - t0);
        const out = async (file: string | true | undefined, text: string) => {
          if (typeof file === 'string') await writeFile(file, text, 'utf8');
          else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
        };
        if (opts.html) await out(opts.html, reportHtml(report));
        else if (opts.json) await out(opts.json, reportJson(report));
        else if (opts.csv) await out(opts.csv, reportCsv(report));
        else await out(true, reportText(report));
        const wrote = opts.html ?? (typeof opts.json === 'string' ? opts.json : typeof opts.csv === 'string' ? opts.csv : null);
        console.error(`report: questions=${report.totals.questions} groups=${report.groups.length} ms=${ms}${wrote ? ` file=${wrote}` : ''}`);
      } finally {
        await store.close();
      }
    });
