// Shared setup for the bot's end-to-end tests: a temp corpus and index, the
// Discord emulator, and the real bot (discord.js Client) pointed at it.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Footnote } from '../../src/core/engine.ts';
import { createBot, type Bot } from '../../src/bot/client.ts';
import { parseBotConfig, type BotConfig } from '../../src/bot/config.ts';
import { deployCommands } from '../../src/bot/deploy-commands.ts';
import { createBotLogger } from '../../src/bot/logger.ts';
import { DiscordEmulator, type RecordedRequest } from '../discord-emulator/emulator.ts';

export const TOKEN = 'emulated-bot-token.SECRET-0123456789';
const REPO_CORPUS = path.resolve(import.meta.dirname, '../../corpus');

export interface HarnessOptions {
  /** Files to write into a fresh corpus; the repo's corpus/ is copied when omitted. */
  corpus?: Record<string, string>;
  env?: Record<string, string>;
  /** Set to the emulator's channel so every plain message there is a question. */
  answerChannel?: boolean;
}

export interface Harness {
  emu: DiscordEmulator;
  bot: Bot;
  engine: Footnote;
  config: BotConfig;
  dir: string;
  /** Every log line the bot wrote, as parsed JSON. */
  logs: Record<string, unknown>[];
  rawLogs: string[];
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = await mkdtemp(path.join(tmpdir(), 'footnote-bot-'));
  const corpusDir = path.join(dir, 'corpus');
  if (options.corpus) {
    for (const [name, text] of Object.entries(options.corpus)) {
      await mkdir(path.dirname(path.join(corpusDir, name)), { recursive: true });
      await writeFile(path.join(corpusDir, name), text);
    }
  } else await cp(REPO_CORPUS, corpusDir, { recursive: true });

  const emu = await DiscordEmulator.start({ token: TOKEN });
  const config = parseBotConfig(
    {
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: emu.ids.applicationId,
      DISCORD_GUILD_ID: emu.ids.guildId,
      CORPUS_DIR: corpusDir,
      INDEX_DIR: path.join(dir, 'embeddings/index'),
      EMBEDDINGS: 'lexical',
      FEEDBACK_FILE: path.join(dir, 'embeddings/feedback.jsonl'),
      LOG_LEVEL: 'debug',
      ...(options.answerChannel ? { ANSWER_CHANNEL_IDS: emu.ids.channelId } : {}),
      ...options.env,
    },
    dir,
  );
  const rawLogs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      rawLogs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createBotLogger('debug', [config.token], sink);
  const engine = await Footnote.open(config.core, { logger, buildIfMissing: true });
  await deployCommands({ token: config.token, clientId: config.clientId, guildId: config.guildId, api: emu.apiUrl });
  const bot = createBot({ config, engine, logger, clientOptions: { rest: { api: emu.apiUrl } } });
  await bot.start();
  return {
    emu,
    bot,
    engine,
    config,
    dir,
    rawLogs,
    get logs() {
      return rawLogs.map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    async close() {
      await bot.stop();
      await emu.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function body(request: RecordedRequest): Record<string, any> {
  if (typeof request.body !== 'object' || request.body === null) throw new Error(`no JSON body on ${request.method} ${request.path}`);
  return request.body as Record<string, any>;
}

/** Custom ids of every button in a message body. */
export function customIds(payload: Record<string, any>): string[] {
  return (payload['components'] ?? []).flatMap((row: any) => (row.components ?? []).map((c: any) => String(c.custom_id)));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
