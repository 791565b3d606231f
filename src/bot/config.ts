import path from 'node:path';
import { z } from 'zod';
import { describeIssues, parseCoreConfig, type CoreConfig } from '../core/config.js';
import { FootnoteError } from '../core/errors.js';

const SNOWFLAKE = /^\d{17,20}$/;
const int = (min: number, max: number, dflt: number) => z.coerce.number().int().min(min).max(max).default(dflt);
const snowflake = (name: string) => z.string().trim().regex(SNOWFLAKE, `${name} must be a Discord id (17 to 20 digits)`);

/** The bot's own settings; the engine's settings are parsed by the core. */
export const botEnvSchema = z.object({
  DISCORD_TOKEN: z.string().trim().min(1),
  DISCORD_CLIENT_ID: snowflake('DISCORD_CLIENT_ID'),
  DISCORD_GUILD_ID: snowflake('DISCORD_GUILD_ID').optional(),
  ANSWER_CHANNEL_IDS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((id) => id.trim()).filter(Boolean))
    .pipe(z.array(snowflake('ANSWER_CHANNEL_IDS entries'))),
  COOLDOWN_QUESTIONS: int(1, 1000, 5),
  COOLDOWN_SECONDS: int(1, 86_400, 60),
  QUEUE_CONCURRENCY: int(1, 16, 2),
  QUEUE_MAX_PENDING: int(0, 1000, 20),
  FEEDBACK_FILE: z.string().min(1).default('embeddings/feedback.jsonl'),
  MESSAGE_CONTENT: z.enum(['true', 'false']).default('false'),
  HANDOFF_ROLE_ID: snowflake('HANDOFF_ROLE_ID').optional(),
  TRUSTED_ROLE_IDS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((id) => id.trim()).filter(Boolean))
    .pipe(z.array(snowflake('TRUSTED_ROLE_IDS entries'))),
  DISCORD_API_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export interface BotConfig {
  core: CoreConfig;
  /** Never logged: the logger redacts it, and it is kept out of every other object. */
  token: string;
  clientId: string;
  guildId: string | null;
  /** Channels where every plain message is a question (needs the Message Content intent). */
  answerChannelIds: string[];
  cooldown: { questions: number; windowMs: number };
  queue: { concurrency: number; maxPending: number };
  /** The old feedback file, imported into the state store once. */
  feedbackFile: string;
  /** Request the Message Content intent (needed by `auto`/`confident` channels and plain follow-ups). */
  messageContent: boolean;
  /** The one role the bot may ever ping: on an abstention in a public thread or forum post. */
  handoffRoleId: string | null;
  /** Roles allowed to "Use as answer" besides members with Manage Messages. */
  trustedRoleIds: string[];
  /** From the core's MAX_QUESTION_CHARS. */
  maxQuestionChars: number;
  /** REST base URL when not Discord's own (a REST proxy, or a local emulator). */
  apiUrl: string | null;
}

export const MISSING_TOKEN_MESSAGE =
  'DISCORD_TOKEN is not set. Copy .env.example to .env and fill in DISCORD_TOKEN and DISCORD_CLIENT_ID ' +
  '(see the README, "Discord bot"), or ask from the terminal without Discord: npm run ask -- "your question"';

export const MISSING_CLIENT_ID_MESSAGE =
  'DISCORD_CLIENT_ID is not set. Copy it from the Discord developer portal (your application, "General Information", ' +
  'Application ID) into .env; see .env.example.';

/** Reads every bot setting at the edge; a problem is one FootnoteError line naming the setting. */
export function parseBotConfig(env: Record<string, string | undefined>, cwd = process.cwd()): BotConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  if (!cleaned['DISCORD_TOKEN']) throw new FootnoteError('CONFIG_INVALID', MISSING_TOKEN_MESSAGE);
  if (!cleaned['DISCORD_CLIENT_ID']) throw new FootnoteError('CONFIG_INVALID', MISSING_CLIENT_ID_MESSAGE);
  const core = parseCoreConfig(env, cwd);
  const parsed = botEnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    // zod may echo the rejected value; the token must never appear in a message.
    const detail = describeIssues(parsed.error).replaceAll(cleaned['DISCORD_TOKEN'], '[redacted]');
    throw new FootnoteError('CONFIG_INVALID', `Invalid setting: ${detail}. See .env.example for every setting and its default.`);
  }
  const e = parsed.data;
  return {
    core,
    token: e.DISCORD_TOKEN,
    clientId: e.DISCORD_CLIENT_ID,
    guildId: e.DISCORD_GUILD_ID ?? null,
    answerChannelIds: [...new Set(e.ANSWER_CHANNEL_IDS)],
    cooldown: { questions: e.COOLDOWN_QUESTIONS, windowMs: e.COOLDOWN_SECONDS * 1000 },
    queue: { concurrency: e.QUEUE_CONCURRENCY, maxPending: e.QUEUE_MAX_PENDING },
    feedbackFile: path.resolve(cwd, e.FEEDBACK_FILE),
    messageContent: e.MESSAGE_CONTENT === 'true' || e.ANSWER_CHANNEL_IDS.length > 0,
    handoffRoleId: e.HANDOFF_ROLE_ID ?? null,
    trustedRoleIds: [...new Set(e.TRUSTED_ROLE_IDS)],
    maxQuestionChars: core.maxQuestionChars,
    apiUrl: e.DISCORD_API_URL ?? null,
  };
}

/** The settings as they may appear in a log line. */
export function describeBotConfig(config: BotConfig): Record<string, unknown> {
  return {
    clientId: config.clientId,
    guildId: config.guildId,
    answerChannels: config.answerChannelIds.length,
    cooldown: `${config.cooldown.questions} per ${config.cooldown.windowMs / 1000} s`,
    queue: config.queue,
    maxQuestionChars: config.maxQuestionChars,
    feedbackFile: config.feedbackFile,
    corpusDir: config.core.corpusDir,
    indexDir: config.core.indexDir,
    embeddings: config.core.embeddings,
    ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}),
  };
}
