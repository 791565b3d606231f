import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { isUserError } from '../../core/errors.js';
import { HistoryWindow } from '../../core/conversation/history-window.js';
import { loadConfig, openEngine } from '../context.js';
import { renderAnswer, streamPrinter } from '../render.js';

export const chatCommand = () =>
  new Command('chat')
    .description('ask questions interactively; follow-ups use the previous turns (exit with Ctrl-D or "exit")')
    .action(async () => {
      const engine = await openEngine(loadConfig());
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
      const history = new HistoryWindow();
      if (process.stdin.isTTY) console.log(`Footnote: ${engine.stats.documents} documents. Ask a question (Ctrl-D to quit).`);
      rl.setPrompt('? ');
      rl.prompt();
      for await (const line of rl) {
        const question = line.trim();
        if (question === 'exit' || question === 'quit') break;
        if (question) {
          try {
            const stream = streamPrinter(process.stdout);
            const answer = await engine.ask(question, { history: history.turns(), onText: stream.onText });
            console.log(`${renderAnswer(answer)}\n`);
            history.record(answer);
          } catch (err) {
            // A bad question should not end the conversation.
            if (!isUserError(err)) throw err;
            console.log(`error: ${err.message}\n`);
          }
        }
        rl.prompt();
      }
      rl.close();
    });
