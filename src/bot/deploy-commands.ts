import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { commands, messageCommands } from './commands/index.js';

export interface DeployOptions {
  token: string;
  clientId: string;
  /** Guild-scoped (instant) when set; global (may take up to an hour to appear) otherwise. */
  guildId: string | null;
  /** REST base URL, for tests against the emulator. */
  api?: string;
}

/** Replaces the application's commands with this bot's commands in one bulk overwrite. */
export async function deployCommands(options: DeployOptions): Promise<{ scope: 'guild' | 'global'; names: string[] }> {
  const rest = new REST(options.api ? { api: options.api } : {}).setToken(options.token);
  const body = [...commands.map((c) => c.data.toJSON()), ...messageCommands.map((c) => c.data.toJSON())];
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.clientId, options.guildId)
    : Routes.applicationCommands(options.clientId);
  const result = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  return { scope: options.guildId ? 'guild' : 'global', names: result.map((c) => c.name) };
}
