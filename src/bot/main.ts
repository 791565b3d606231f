/**
 * `npm start`: validate settings, build the index if it is missing, log in,
 * and shut down cleanly on SIGINT/SIGTERM.
 */
import { Events } from 'discord.js';
import { Footnote } from '../core/engine.js';
import { isUserError } from '../core/errors.js';
import { createBot, type Bot } from './client.js';
import { describeBotConfig, type BotConfig } from './config.js';
import { loadBotConfig } from './env.js';
import { createBotLogger, type BotLogger } from './logger.js';
import { networkFailure, unreachable } from './network-error.js';

let config: BotConfig;
try {
  config = loadBotConfig();
} catch (err) {
  // Settings problems are one line, no stack.
  console.error(`error: ${isUserError(err) ? err.message : String(err)}`);
  process.exit(1);
}

// `npm start` with SHARDS set (and not already a shard, which discord.js marks with SHARD_COUNT): run the shards instead.
if (process.env['SHARDS'] && process.env['SHARD_COUNT'] === undefined) {
  const { runShards } = await import('./shards.js');
  await runShards().catch((err: unknown) => {
    console.error(isUserError(err) ? `error: ${err.message}` : err);
    process.exit(1);
  });
  // The manager and its shard processes run until a signal stops them (shards.ts).
  await new Promise<never>(() => {});
}

// discord.js reads SHARDS as its own JSON shard list; outside a shard process ours ("auto", N, or empty) must not reach it.
if (process.env['SHARD_COUNT'] === undefined) delete process.env['SHARDS'];

const baseLogger: BotLogger = createBotLogger(config.core.logLevel, [config.token]);
// A shard started by ShardingManager names its shard in every log line.
// (discord.js sets SHARDS to the shard id, or a JSON list of ids, and SHARD_COUNT in each shard process.)
const shardIds = process.env['SHARD_COUNT'] ? ([] as unknown[]).concat(JSON.parse(process.env['SHARDS'] ?? '0')).map(Number) : null;
const logger: BotLogger = shardIds ? baseLogger.child({ shard: shardIds.length === 1 ? shardIds[0] : shardIds }) : baseLogger;
let bot: Bot | null = null;
let watcher: { close(): Promise<void> } | null = null;
let stopping = false;

async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    logger.warn(`${signal} again; exiting now`);
    process.exit(1);
  }
  stopping = true;
  logger.info(`${signal}: shutting down`);
  const force = setTimeout(() => process.exit(1), 10_000).unref();
  try {
    await watcher?.close();
    await bot?.stop();
  } catch (err) {
    logger.error({ err }, 'error while shutting down');
  }
  clearTimeout(force);
  logger.flush();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// A stray rejection in a library is logged; it must not take the bot down.
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

try {
  logger.info(describeBotConfig(config), 'starting Footnote bot');
  const engine = await Footnote.open(config.core, { logger, buildIfMissing: true, ingestInChild: true });
  if (stopping) process.exit(0);
  // Discord unreachable (no network, DNS down) is not a bug: one line, then retry with backoff (1 s, 2 s, … 60 s).
  for (let attempt = 0; ; attempt++) {
    bot = createBot({ config, engine, logger, clientOptions: config.apiUrl ? { rest: { api: config.apiUrl } } : {} });
    try {
      await bot.start();
      break;
    } catch (err) {
      const failure = networkFailure(err);
      if (!failure || stopping) throw err;
      await bot.stop().catch(() => {});
      bot = null;
      const delay = Math.min(60_000, 1000 * 2 ** attempt);
      logger.warn(`${unreachable(failure)} Retrying in ${delay / 1000} s.`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (stopping) process.exit(0);
    }
  }
  // With shards, one of them watches (shard 0): the others follow the index it writes.
  if (config.core.watchCorpus && (!shardIds || shardIds.includes(0))) {
    // Files added, changed or removed in the corpus folder are indexed without a /reindex.
    const { CorpusWatcher } = await import('../core/corpus-watcher.js');
    const started = new CorpusWatcher(config.core.corpusDir, () => engine.reindex(), {
      debounceMs: config.core.watchDebounceMs,
      logger,
      onUpdate: () => bot?.context.indexChanged(),
    });
    watcher = started;
    await started.start();
    logger.info(`watching ${config.core.corpusDir} for changes`);
  }
  // After login, discord.js reconnects by itself; a disconnect it reports here is final. Exit so a supervisor restarts it.
  bot.client.on(Events.ShardDisconnect, (event) => {
    if (stopping) return;
    stopping = true;
    logger.error({ code: event.code }, 'Discord closed the connection for good; exiting');
    void bot?.stop().finally(() => process.exit(1));
  });
} catch (err) {
  if (isUserError(err)) {
    console.error(`error: ${err.message}`);
  } else if (err instanceof Error && 'code' in err && (err.code === 'TokenInvalid' || err.code === 'DisallowedIntents')) {
    console.error(
      err.code === 'TokenInvalid'
        ? 'error: Discord rejected DISCORD_TOKEN. Copy the bot token again from the developer portal (Bot, Reset Token) into .env.'
        : 'error: Discord refused the Message Content intent. Enable it in the developer portal (Bot, Privileged Gateway Intents), or leave ANSWER_CHANNEL_IDS empty.',
    );
  } else {
    logger.error({ err }, 'could not start the bot');
  }
  await bot?.stop().catch(() => {});
  logger.flush();
  process.exit(1);
}
