import { Events } from 'discord.js';
import type { BotEvent } from './types.js';

/** Errors discord.js reports outside any handler (websocket, shards): logged, never fatal. */
export const clientError = {
  name: Events.Error,
  execute(ctx, error) {
    ctx.logger.error({ err: error }, 'discord.js client error');
  },
} satisfies BotEvent<Events.Error>;

export const clientWarn = {
  name: Events.Warn,
  execute(ctx, message) {
    ctx.logger.warn(message);
  },
} satisfies BotEvent<Events.Warn>;
