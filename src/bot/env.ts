import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseBotConfig, type BotConfig } from './config.js';

/** Bot settings from the environment, with a `.env` in the working folder filling the gaps. */
export function loadBotConfig(): BotConfig {
  const envFile = path.resolve('.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseBotConfig(process.env);
}
