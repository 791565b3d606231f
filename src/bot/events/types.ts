import type { ClientEvents } from 'discord.js';
import type { BotContext } from '../context.js';

/** A client event handler; `client.ts` wraps each so a throw is logged and never stops the bot. */
export interface BotEvent<E extends keyof ClientEvents = keyof ClientEvents> {
  name: E;
  once?: boolean;
  execute(ctx: BotContext, ...args: ClientEvents[E]): Promise<void> | void;
}
