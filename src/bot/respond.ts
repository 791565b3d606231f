import { MessageFlags, type RepliableInteraction } from 'discord.js';
import { isUserError } from '../core/errors.js';
import type { BotLogger } from './logger.js';
import { notice, type MessageParts } from './render/message.js';
import { NOTICES } from './render/notices.js';
import { QueueFullError } from './guards.js';

/**
 * Sends a short private message on any interaction state: a reply when
 * nothing was sent yet, an edit of a private deferred reply, or (for a
 * public deferred reply) removes the placeholder and follows up privately.
 */
export async function replyPrivately(interaction: RepliableInteraction, message: string | MessageParts): Promise<void> {
  const parts = typeof message === 'string' ? notice(message) : message;
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ ...parts, flags: MessageFlags.Ephemeral });
    return;
  }
  if (interaction.deferred && !interaction.replied && interaction.ephemeral) {
    await interaction.editReply(parts);
    return;
  }
  if (interaction.deferred && !interaction.replied) await interaction.deleteReply().catch(() => {});
  await interaction.followUp({ ...parts, flags: MessageFlags.Ephemeral });
}

/** What a user sees for an error: its own line for user errors, a generic line for bugs (logged with the stack). */
export function describeFailure(err: unknown, logger: BotLogger, where: Record<string, unknown>): string {
  if (isUserError(err)) return err.message;
  if (err instanceof QueueFullError) return NOTICES.busy;
  logger.error({ err, ...where }, 'handler failed');
  return NOTICES.bug;
}

/** The one catch around every interaction handler: nothing escapes to discord.js. */
export async function failInteraction(
  interaction: RepliableInteraction,
  err: unknown,
  logger: BotLogger,
  where: Record<string, unknown>,
): Promise<void> {
  const text = describeFailure(err, logger, where);
  try {
    await replyPrivately(interaction, text);
  } catch (replyErr) {
    // The interaction may have expired (3 s / 15 min: 10062) or the channel vanished.
    logger.warn({ err: replyErr, ...where }, 'could not tell the user about an error');
  }
}
