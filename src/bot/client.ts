import { Client, Events, GatewayIntentBits, type ClientEvents, type ClientOptions } from 'discord.js';
import type { BotConfig } from './config.js';
import { BotContext, type BotEngine } from './context.js';
import { clientError, clientWarn } from './events/client-errors.js';
import interactionCreate from './events/interaction-create.js';
import messageCreate from './events/message-create.js';
import ready from './events/ready.js';
import type { BotEvent } from './events/types.js';
import type { BotLogger } from './logger.js';
import { openStateStore } from '../core/state/open-state-store.js';
import type { StateStore } from '../core/state/state-store.js';
import { BotState } from './bot-state.js';

const events = [ready, interactionCreate, messageCreate, clientError, clientWarn] as BotEvent[];

/**
 * Only the intents the bot needs: guilds (commands, threads) and guild
 * messages (mentions). Message Content is privileged and only requested
 * when ANSWER_CHANNEL_IDS makes every plain message a question.
 */
export function intentsFor(config: Pick<BotConfig, 'answerChannelIds'> & Partial<Pick<BotConfig, 'messageContent'>>): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];
  if (config.answerChannelIds.length > 0 || config.messageContent) intents.push(GatewayIntentBits.MessageContent);
  return intents;
}

/** The discord.js client: nothing it sends can ping anyone, whatever a handler passes. */
export function createClient(config: Pick<BotConfig, 'answerChannelIds'> & Partial<Pick<BotConfig, 'messageContent'>>, overrides: Partial<ClientOptions> = {}): Client {
  return new Client({
    ...overrides,
    intents: intentsFor(config),
    allowedMentions: { parse: [], repliedUser: false },
  });
}

export interface BotOptions {
  config: BotConfig;
  engine: BotEngine;
  logger: BotLogger;
  /** Extra client options, e.g. `{ rest: { api: emulator.apiUrl } }` in tests. */
  clientOptions?: Partial<ClientOptions>;
  /** The state store; default: the embedded database in STATE_DIR, opened by `start()`. */
  openStore?: () => Promise<StateStore>;
}

export interface Bot {
  client: Client;
  context: BotContext;
  /** Logs in and resolves once the client is ready. */
  start(): Promise<void>;
  /** Disconnects and closes the state store. */
  stop(): Promise<void>;
}

/** An error for a gateway close that discord.js will not retry, with the discord.js error code when there is one. */
export function gatewayRefusal(closeCode: number): Error & { code: string } {
  const known: Record<number, [string, string]> = {
    4004: ['TokenInvalid', 'Discord rejected the token'],
    4013: ['InvalidIntents', 'Discord rejected the requested intents'],
    4014: ['DisallowedIntents', 'Discord refused a privileged intent (Message Content) that is not enabled for this bot'],
  };
  const [code, message] = known[closeCode] ?? ['GatewayClosed', `Discord closed the gateway connection (code ${closeCode})`];
  return Object.assign(new Error(message), { code });
}

/** The whole bot around an engine; `main.ts` runs it against Discord, tests against the emulator. */
export function createBot({ config, engine, logger, clientOptions, openStore }: BotOptions): Bot {
  const client = createClient(config, clientOptions);
  const context = new BotContext(config, engine, logger);
  for (const event of events) {
    const listener = (...args: ClientEvents[keyof ClientEvents]) => {
      // A handler that throws (or rejects) is logged; the bot keeps running.
      Promise.resolve()
        .then(() => (event.execute as (ctx: BotContext, ...a: unknown[]) => unknown)(context, ...args))
        .catch((err: unknown) => logger.error({ err, event: event.name }, 'event handler failed'));
    };
    if (event.once) client.once(event.name, listener);
    else client.on(event.name, listener);
  }
  let stopped = false;
  return {
    client,
    context,
    async start() {
      // With DATABASE_URL every process and shard shares the Postgres store. The embedded store is
      // single-process, so there each shard process keeps its own (a guild always lives on one shard).
      const shardIds = client.shard?.ids ?? [];
      const stateDir = shardIds.length ? `${config.core.stateDir}-shard-${shardIds.join('-')}` : config.core.stateDir;
      const store = await (openStore ?? (() => openStateStore({ ...config.core, stateDir })))();
      context.state = new BotState(store, config, logger);
      await context.state.init();
      logger.info({ store: store.describe }, 'state store open');
      await context.learned.sync();
      const ready = new Promise<void>((resolve, reject) => {
        client.once(Events.ClientReady, () => resolve());
        // discord.js gives up on these close codes without rejecting login(): fail instead of waiting forever.
        client.once(Events.ShardDisconnect, (event) => reject(gatewayRefusal(event.code)));
      });
      await client.login(config.token);
      await ready;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await client.destroy();
      if (context.state) {
        context.state.stop();
        await context.state.store.close();
      }
    },
  };
}
