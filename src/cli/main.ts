import { Command, CommanderError } from 'commander';
import { isUserError } from '../core/errors.js';
import { askCommand } from './commands/ask.js';
import { benchCommand } from './commands/bench.js';
import { chatCommand } from './commands/chat.js';
import { docsCommand } from './commands/docs.js';
import { evalCommand } from './commands/eval.js';
import { ingestCommand } from './commands/ingest.js';
import { reportCommand } from './commands/report.js';
import { searchCommand } from './commands/search.js';
import { sourceCommand } from './commands/source.js';

const program = new Command('footnote')
  .description('Answers questions about the documents in corpus/, with citations.')
  .showHelpAfterError()
  .exitOverride();

for (const command of [ingestCommand(), askCommand(), searchCommand(), sourceCommand(), docsCommand(), chatCommand(), evalCommand(), benchCommand(), reportCommand()])
  program.addCommand(command.exitOverride());

// The one catch at the CLI boundary: user errors are one line, bugs keep their stack.
try {
  await program.parseAsync(process.argv);
  process.exitCode ??= 0;
} catch (err) {
  if (err instanceof CommanderError) process.exitCode = err.exitCode;
  else if (isUserError(err)) {
    console.error(`error: ${err.message}`);
    process.exitCode = 1;
  } else {
    console.error('Unexpected error (a bug; please report it):', err);
    process.exitCode = 2;
  }
}
// A model download still hanging after a fallback must not keep the process alive.
process.exit();
