/**
 * Discord's failure modes the bot meets in production, recognised by their
 * API error codes. 429s never reach here: discord.js' REST client waits
 * `retry_after` and retries on every route by itself.
 */
import { DiscordAPIError } from 'discord.js';
import type { BotLogger } from './logger.js';

export const DISCORD_CODES = {
  unknownInteraction: 10062,
  alreadyAcknowledged: 40060,
  missingPermissions: 50013,
  missingAccess: 50001,
} as const;

export function discordCode(err: unknown): number | null {
  return err instanceof DiscordAPIError && typeof err.code === 'number' ? err.code : null;
}

/** The interaction expired (3 s without an answer) or was answered elsewhere: nothing left to tell the user. */
export function isGoneInteraction(err: unknown): boolean {
  const code = discordCode(err);
  return code === DISCORD_CODES.unknownInteraction || code === DISCORD_CODES.alreadyAcknowledged;
}

export function isMissingPermission(err: unknown): boolean {
  const code = discordCode(err);
  return code === DISCORD_CODES.missingPermissions || code === DISCORD_CODES.missingAccess;
}

/** One warning per channel and permission, not one per message: a misconfigured channel must not flood the log. */
export class PermissionWarnings {
  private readonly seen = new Set<string>();

  constructor(private readonly logger: BotLogger) {}

  warn(channelId: string, permission: string, err: unknown): void {
    const key = `${channelId}:${permission}`;
    if (this.seen.has(key)) return;
    if (this.seen.size > 10_000) this.seen.clear();
    this.seen.add(key);
    this.logger.warn(
      { channelId, permission, code: discordCode(err) },
      `missing permission "${permission}" in channel ${channelId}; grant it to the bot's role`,
    );
  }
}
