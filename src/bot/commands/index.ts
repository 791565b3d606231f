import type { Command, MessageCommand } from '../context.js';
import ask from './ask.js';
import config from './config.js';
import learned from './learned.js';
import report from './report.js';
import useAsAnswer from './use-as-answer.js';
import docs from './docs.js';
import help from './help.js';
import reindex from './reindex.js';
import search from './search.js';
import source from './source.js';

/** Every slash command, by name. Registration and dispatch both read this list. */
export const commands: readonly Command[] = [ask, search, source, docs, help, reindex, config, report, learned];

/** Message context-menu commands (right-click a message → Apps). */
export const messageCommands: readonly MessageCommand[] = [useAsAnswer];

export const commandsByName = new Map(commands.map((c) => [c.data.name, c]));

export const messageCommandsByName = new Map(messageCommands.map((c) => [c.data.name, c]));
