import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import pretty from 'pino-pretty';
import type { CoreConfig } from '../core/config.js';

export type BotLogger = PinoLogger;

const CENSOR = '[redacted]';

/** Keys that hold secrets wherever they appear (one level deep, and at the top). */
const REDACT_PATHS = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'config.token',
];

/** Interaction and webhook tokens travel in URLs (`/webhooks/<app>/<token>`, `/interactions/<id>/<token>`). */
const URL_TOKENS = /\/(webhooks|interactions)\/(\d+)\/[^/\s?"']+/g;

/** Removes the bot token and URL-borne interaction tokens from a string. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text.replace(URL_TOKENS, `/$1/$2/${CENSOR}`);
  for (const secret of secrets) if (secret.length >= 8) out = out.replaceAll(secret, CENSOR);
  return out;
}

function scrubDeep(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return scrub(value, secrets);
  if (depth > 4 || value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, secrets, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, secrets, depth + 1)]));
}

/**
 * The bot's pino logger. Tokens never reach the output: secret keys are
 * redacted by path, and the token's text (and interaction tokens in request
 * URLs, e.g. inside a DiscordAPIError) is scrubbed from messages and errors.
 */
export function createBotLogger(
  level: CoreConfig['logLevel'],
  secrets: readonly string[] = [],
  destination?: DestinationStream,
  // Readable lines for a person at a terminal; JSON (one object a line) for log collectors.
  readable = destination === undefined && process.stdout.isTTY === true,
): BotLogger {
  const errSerializer = (err: unknown) => scrubDeep(pino.stdSerializers.err(err as Error), secrets);
  return pino(
    {
      name: 'footnote-bot',
      level,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      serializers: { err: errSerializer, error: errSerializer },
      hooks: {
        logMethod(args, method) {
          const cleaned: unknown[] = args.map((a) => (a instanceof Error ? { err: a } : scrubDeep(a, secrets)));
          // pino would take the message of a bare error as the log line's msg, unscrubbed.
          const first = args[0];
          if (first instanceof Error && typeof args[1] !== 'string') cleaned.splice(1, 0, scrub(first.message, secrets));
          method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
    },
    readable
      ? pretty({ sync: true, colorize: destination === undefined, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,name', destination: destination ?? 1 })
      : (destination ?? pino.destination({ dest: 1, sync: true })),
  );
}
