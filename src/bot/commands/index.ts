import type { Command } from '../context.js';
import ask from './ask.js';
import docs from './docs.js';
import help from './help.js';
import reindex from './reindex.js';
import search from './search.js';
import source from './source.js';

/** Every slash command, by name. Registration and dispatch both read this list. */
export const commands: readonly Command[] = [ask, search, source, docs, help, reindex];

export const commandsByName = new Map(commands.map((c) => [c.data.name, c]));
