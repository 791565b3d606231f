import { Events } from 'discord.js';
import type { BotEvent } from './types.js';

export default {
  name: Events.ClientReady,
  once: true,
  execute(ctx, client) {
    const { documents, chunks } = ctx.engine.stats;
    ctx.logger.info(
      { user: client.user.tag, guilds: client.guilds.cache.size, documents, chunks },
      `logged in as ${client.user.tag}; answering from ${documents} documents`,
    );
  },
} satisfies BotEvent<Events.ClientReady>;
