import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { isUserError } from '../../core/errors.js';
import type { Turn } from '../../core/types.js';
import { loadConfig, openEngine } from '../context.js';
import { renderAnswer } from '../render.js';

const MAX_TURNS = 6;

export const chatCommand = () =>
  new Command('chat')
    .description('ask questions interactively; follow-ups use the previous turns (exit with Ctrl-D or "exit")')
    .action(async () => {
      const engine = await openEngine(loadConfig());
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
      const history: Turn[] = [];
      if (process.stdin.isTTY) console.log(`Footnote: ${engine.stats.documents} documents. Ask a question (Ctrl-D to quit).`);
      rl.setPrompt('? ');
      rl.prompt();
      for await (const line of rl) {
        const question = line.trim();
        if (question === 'exit' || question === 'quit') break;
        if (question) {
          try {
            const answer = await engine.ask(question, { history });
            console.log(`${renderAnswer(answer)}\n`);
            history.push({ question: answer.question, answer: answer.text });
            if (history.length > MAX_TURNS) history.shift();
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
