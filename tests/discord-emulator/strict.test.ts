// The emulator rejects what real Discord rejects, so the bot cannot pass a
// test with a payload production would refuse.
import { Client, DiscordAPIError, Events, GatewayIntentBits, REST, Routes, type Interaction } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordEmulator } from './emulator.ts';

const TOKEN = 'strict-token';
let emu: DiscordEmulator;
let rest: REST;

beforeAll(async () => {
  emu = await DiscordEmulator.start({ token: TOKEN });
  rest = new REST({ api: emu.apiUrl, retries: 0 }).setToken(TOKEN);
});
afterAll(() => emu.close());

const button = (id: string) => ({ type: 2, style: 1, label: id, custom_id: id });
const row = (...ids: string[]) => ({ type: 1, components: ids.map(button) });

async function post(body: Record<string, unknown>): Promise<unknown> {
  return rest.post(Routes.channelMessages(emu.ids.channelId), { body }).catch((e: unknown) => e);
}

describe('Discord emulator: rejected payloads', () => {
  it('accepts a valid message', async () => {
    const ok = await post({ content: 'hi', components: [row('a', 'b')] });
    expect(ok).toMatchObject({ content: 'hi' });
  });

  it('rejects more than 5 action rows, more than 5 buttons a row, and duplicate custom ids', async () => {
    for (const components of [
      [row('a'), row('b'), row('c'), row('d'), row('e'), row('f')],
      [row('a', 'b', 'c', 'd', 'e', 'f')],
      [row('a', 'b'), row('a')],
    ]) {
      const err = await post({ content: 'x', components });
      expect(err).toBeInstanceOf(DiscordAPIError);
      expect((err as DiscordAPIError).code).toBe(50035);
    }
  });

  it('rejects an embed field with an empty value', async () => {
    const err = await post({ embeds: [{ title: 't', fields: [{ name: 'n', value: '' }] }] });
    expect((err as DiscordAPIError).code).toBe(50035);
    expect(JSON.stringify((err as DiscordAPIError).rawError)).toContain('BASE_TYPE_REQUIRED');
  });

  it('rejects allowed_mentions combining parse:["users"] with a users list', async () => {
    const err = await post({ content: 'x', allowed_mentions: { parse: ['users'], users: ['1300000000000000004'] } });
    expect((err as DiscordAPIError).code).toBe(50035);
    const fine = await post({ content: 'x', allowed_mentions: { parse: [], roles: ['1300000000000000005'] } });
    expect(fine).toMatchObject({ content: 'x' });
  });
});

describe('Discord emulator: the 3-second interaction window', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiUrl } });
    const ready = new Promise((r) => client.once(Events.ClientReady, r));
    await client.login(TOKEN);
    await ready;
  }, 20_000);
  afterAll(() => client.destroy());

  it('answers a callback sent more than 3 s after the interaction was created with 10062', async () => {
    // An interaction id minted 4 s ago: its first response is late.
    const old = (((BigInt(Date.now() - 4000) - 1_420_070_400_000n) << 22n) | 1n).toString();
    const got = new Promise<Interaction>((r) => client.once(Events.InteractionCreate, r));
    emu.dispatchInteraction({ type: 2, id: old, data: { id: '1', name: 'help', type: 1 } });
    const interaction = await got;
    const err = await (interaction.isRepliable() ? interaction.reply('late') : Promise.resolve(null)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscordAPIError);
    expect((err as DiscordAPIError).code).toBe(10062);
  });
});
