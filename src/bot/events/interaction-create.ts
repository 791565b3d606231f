import { Events, type Interaction, type RepliableInteraction } from 'discord.js';
import { buttonFor } from '../buttons/index.js';
import { commandsByName, messageCommandsByName } from '../commands/index.js';
import { isGoneInteraction } from '../discord-errors.js';
import { NOTICES } from '../render/notices.js';
import type { BotContext } from '../context.js';
import { failInteraction, replyPrivately } from '../respond.js';
import type { BotEvent } from './types.js';

async function handle(ctx: BotContext, interaction: Interaction): Promise<void> {
  const started = performance.now();
  if (interaction.isAutocomplete()) {
    const command = commandsByName.get(interaction.commandName);
    try {
      await (command?.autocomplete?.(interaction, ctx) ?? interaction.respond([]));
    } catch (err) {
      ctx.logger.error({ err, command: interaction.commandName }, 'autocomplete failed');
    }
    return;
  }
  if (!interaction.isRepliable()) return;
  const where = { kind: interaction.type, name: nameOf(interaction), userId: interaction.user.id };
  try {
    if (interaction.isChatInputCommand()) {
      const command = commandsByName.get(interaction.commandName);
      if (!command) await replyPrivately(interaction, 'That command is not available any more.');
      else if (command.guard && !command.guard(interaction, ctx)) await refuse(ctx, interaction, where);
      else await command.execute(interaction, ctx);
    } else if (interaction.isMessageContextMenuCommand()) {
      const command = messageCommandsByName.get(interaction.commandName);
      if (!command) await replyPrivately(interaction, 'That command is not available any more.');
      else if (command.guard && !command.guard(interaction, ctx)) await refuse(ctx, interaction, where);
      else await command.execute(interaction, ctx);
    } else if (interaction.isButton()) {
      const button = buttonFor(interaction.customId);
      if (!button) await replyPrivately(interaction, 'That button is not available any more.');
      else if (button.guard && !button.guard(interaction, ctx)) await refuse(ctx, interaction, where);
      else await button.execute(interaction, ctx);
    }
    ctx.logger.debug({ ...where, ms: Math.round(performance.now() - started) }, 'interaction handled');
  } catch (err) {
    // 10062: the 3-second window passed before the first response; 40060: answered already. Nothing to tell the user.
    if (isGoneInteraction(err)) ctx.logger.warn({ ...where, code: (err as { code: number }).code }, 'interaction expired or already acknowledged');
    else await failInteraction(interaction, err, ctx.logger, where);
  }
}

async function refuse(ctx: BotContext, interaction: RepliableInteraction, where: Record<string, unknown>): Promise<void> {
  ctx.logger.warn(where, 'refused a command the member may not use');
  await replyPrivately(interaction, NOTICES.forbidden);
}

function nameOf(interaction: Interaction): string {
  if (interaction.isChatInputCommand()) return `/${interaction.commandName}`;
  if (interaction.isButton()) return `button ${interaction.customId.slice(0, interaction.customId.indexOf(':'))}`;
  if (interaction.isMessageContextMenuCommand()) return interaction.commandName;
  return String(interaction.type);
}

export default {
  name: Events.InteractionCreate,
  execute: handle,
} satisfies BotEvent<Events.InteractionCreate>;
