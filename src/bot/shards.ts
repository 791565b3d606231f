/**
 * `npm run start:sharded` (or `npm start` with SHARDS set): runs the bot
 * through discord.js's ShardingManager, one process per shard, each
 * answering the servers Discord routes to it. The index is shared: every
 * shard opens the same index folder or database and follows a re-index made
 * by any of them (the engine re-reads CURRENT / the database generation
 * before each question). Each shard's logs carry its shard id.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ShardingManager } from 'discord.js';
import { z } from 'zod';
import { isUserError, userError } from '../core/errors.js';
import { indexBackend } from '../core/storage/backend.js';
import { loadBotConfig } from './env.js';
import { createBotLogger } from './logger.js';

const SHARDS = z.union([z.literal('auto'), z.coerce.number().int().min(1).max(1000)]);

/** Set to true by the build (src/build/build.mjs); undefined under tsx or vitest. */
declare const FOOTNOTE_COMPILED: boolean | undefined;

/** The bot entry each shard runs: dist/bot.js when this is the compiled build, else the source through tsx (development). */
function botEntry(): { file: string; execArgv: string[] } {
  // The build keeps import.meta.url pointing at this source file.
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  if (typeof FOOTNOTE_COMPILED !== 'undefined' && FOOTNOTE_COMPILED) return { file: path.join(root, 'dist', 'bot.js'), execArgv: [] };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { file: path.join(root, 'src', 'bot', 'main.ts'), execArgv: ['--import', tsx] };
}

/** Shards the gateway recommends when an API URL is configured (the emulator, a proxy); else discord.js asks Discord. */
async function recommendedShards(apiUrl: string | null, token: string): Promise<number | 'auto'> {
  if (!apiUrl) return 'auto';
  const res = await fetch(`${apiUrl.replace(/\/$/, '')}/v10/gateway/bot`, { headers: { Authorization: `Bot ${token}` } });
  if (!res.ok) throw new Error(`GET /gateway/bot answered ${res.status}`);
  return ((await res.json()) as { shards: number }).shards;
}

export async function runShards(): Promise<void> {
  const config = loadBotConfig();
  const logger = createBotLogger(config.core.logLevel, [config.token]);
  const parsed = SHARDS.safeParse(process.env['SHARDS'] || 'auto');
  if (!parsed.success) throw userError('CONFIG_INVALID', 'SHARDS must be "auto" or a whole number of shards');
  const totalShards = parsed.data === 'auto' ? await recommendedShards(config.apiUrl, config.token) : parsed.data;
  const { file, execArgv } = botEntry();
  const manager = new ShardingManager(file, { token: config.token, totalShards, mode: 'process', respawn: true, execArgv });
  manager.on('shardCreate', (shard) => {
    logger.info({ shard: shard.id }, `shard ${shard.id} starting`);
    shard.on('death', () => logger.warn({ shard: shard.id }, `shard ${shard.id} exited; restarting it`));
  });
  const stop = (signal: string) => {
    logger.info(`${signal}: stopping ${manager.shards.size} shard(s)`);
    for (const shard of manager.shards.values()) shard.kill();
    process.exit(0);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // The first ingest happens here, once, not in every shard at the same time.
  const backend = indexBackend(config.core, logger);
  if (!(await backend.exists())) {
    logger.info(`No index yet; building one from ${config.core.corpusDir}.`);
    await backend.ingest();
  }
  await manager.spawn({ timeout: 120_000 });
  logger.info(`${manager.shards.size} shard(s) running`);
}

// Run directly (dist/shards.js), not when main.ts imports it.
if (process.argv[1] && /shards\.(js|ts)$/.test(process.argv[1])) {
  runShards().catch((err: unknown) => {
    console.error(isUserError(err) ? `error: ${err.message}` : err);
    process.exit(1);
  });
}
