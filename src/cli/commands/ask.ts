import { Command } from 'commander';
import { passageCount } from '../options.js';
import { loadConfig, openEngine } from '../context.js';
import { answerJson, renderAnswer, streamPrinter } from '../render.js';

export const askCommand = () =>
  new Command('ask')
    .description('answer a question from the corpus, with numbered citations')
    .argument('<question...>', 'the question (quote it, or pass it as words)')
    .option('--json', 'print {answer, abstained, citations, timingsMs} (and answerer, fallback, unsupported) as JSON')
    .option('-k, --top <n>', 'passages to retrieve', passageCount)
    .action(async (question: string[], opts: { json?: boolean; top?: number }) => {
      const engine = await openEngine(loadConfig());
      // A chat model's answer streams to stderr as it arrives; stdout gets only the verified answer.
      const stream = opts.json ? null : streamPrinter(process.stderr);
      const answer = await engine.ask(question.join(' '), { k: opts.top, onText: stream?.onText });
      console.log(opts.json ? JSON.stringify(answerJson(answer), null, 2) : renderAnswer(answer));
    });
