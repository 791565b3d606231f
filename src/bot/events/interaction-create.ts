import { Events, type Interaction } from 'discord.js';
import { buttonFor } from '../buttons/index.js';
import { commandsByName } from '../commands/index.js';
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
      else await command.execute(interaction, ctx);
    } else if (interaction.isButton()) {
      const button = buttonFor(interaction.customId);
      if (!button) await replyPrivately(interaction, 'That button is not available any more.');
      else await button.execute(interaction, ctx);
    }
    ctx.logger.debug({ ...where, ms: Math.round(performance.now() - started) }, 'interaction handled');
  } catch (err) {
    await failInteraction(interaction, err, ctx.logger, where);
  }
}

function nameOf(interaction: Interaction): string {
  if (interaction.isChatInputCommand()) return `/${interaction.commandName}`;
  if (interaction.isButton()) return `button ${interaction.customId.slice(0, interaction.customId.indexOf(':'))}`;
  return String(interaction.type);
}

export default {
  name: Events.InteractionCreate,
  execute: handle,
} satisfies BotEvent<Events.InteractionCreate>;
