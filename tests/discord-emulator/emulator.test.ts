// Proves the emulator is good enough for the real discord.js Client: login,
// interactions (defer/edit, ephemeral reply, autocomplete), message → thread.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Routes,
  type ClientEvents,
  type Interaction,
  type Message,
} from 'discord.js';
import { DiscordEmulator, type RecordedRequest } from './emulator.ts';

const TOKEN = 'test-token';
const TIMEOUT = 20_000;

let emu: DiscordEmulator;
let client: Client;

/** Runs `handler` on the next `event` and settles with its result, so listener errors fail the test. */
function onNext<E extends keyof ClientEvents, T>(event: E, handler: (...args: ClientEvents[E]) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    client.once(event, (...args: ClientEvents[E]) => {
      handler(...args).then(resolve, reject);
    });
  });
}

function bodyOf(request: RecordedRequest): Record<string, unknown> {
  expect(request.body).toBeTypeOf('object');
  return request.body as Record<string, unknown>;
}

beforeAll(async () => {
  emu = await DiscordEmulator.start({ token: TOKEN });
  client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
    rest: { api: emu.apiUrl },
    allowedMentions: { parse: [] },
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(TOKEN);
  await ready;
}, TIMEOUT);

afterEach(() => {
  client.removeAllListeners(Events.InteractionCreate);
  client.removeAllListeners(Events.MessageCreate);
});

afterAll(async () => {
  await client?.destroy();
  await emu?.close();
});

describe('DiscordEmulator with the real discord.js Client', () => {
  it('logs in over REST + gateway and caches the guild', () => {
    expect(client.user?.id).toBe(emu.ids.botUserId);
    const guild = client.guilds.cache.get(emu.ids.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(emu.ids.channelId)?.isTextBased()).toBe(true);
    expect(guild?.members.me?.roles.cache.has(emu.ids.botRoleId)).toBe(true);

    const gatewayBot = emu.requests.find((r) => r.path === Routes.gatewayBot());
    expect(gatewayBot?.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(emu.gatewayConnections[0]?.query).toMatchObject({ v: '10', encoding: 'json' });
    expect(emu.identifies[0]?.token).toBe(TOKEN);
  }, TIMEOUT);

  it('records deferReply + editReply for a slash command', async () => {
    const handled = onNext(Events.InteractionCreate, async (interaction: Interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error(`unexpected interaction type ${interaction.type}`);
      expect(interaction.options.getString('question')).toBe('what is a footnote?');
      await interaction.deferReply();
      await interaction.editReply('hi');
    });
    const handle = emu.slashCommand('ask', { question: 'what is a footnote?' });
    await handled;

    const callback = await emu.waitForCallback(handle);
    expect(bodyOf(callback)).toMatchObject({ type: 5 });
    // Interaction callbacks and webhooks authenticate by URL token, not the bot token.
    expect(callback.headers.authorization).toBeUndefined();

    const edit = await emu.waitForRequest(
      (r) => r.method === 'PATCH' && r.path === Routes.webhookMessage(emu.ids.applicationId, handle.token, '@original'),
    );
    expect(bodyOf(edit)).toMatchObject({ content: 'hi', allowed_mentions: { parse: [] } });
    expect(emu.originalMessage(handle)?.content).toBe('hi');
  }, TIMEOUT);

  it('records an ephemeral reply to a button click', async () => {
    const handled = onNext(Events.InteractionCreate, async (interaction: Interaction) => {
      if (!interaction.isButton()) throw new Error(`unexpected interaction type ${interaction.type}`);
      expect(interaction.customId).toBe('sources:1');
      await interaction.reply({ content: 'x', flags: MessageFlags.Ephemeral });
    });
    const handle = emu.buttonClick('sources:1');
    await handled;

    const callback = await emu.waitForCallback(handle);
    expect(bodyOf(callback)).toMatchObject({ type: 4, data: { content: 'x', flags: MessageFlags.Ephemeral } });
    expect(emu.interaction(handle)?.acknowledged).toBe(true);
  }, TIMEOUT);

  it('records autocomplete choices', async () => {
    const handled = onNext(Events.InteractionCreate, async (interaction: Interaction) => {
      if (!interaction.isAutocomplete()) throw new Error(`unexpected interaction type ${interaction.type}`);
      expect(interaction.options.getFocused()).toBe('foo');
      await interaction.respond([{ name: 'footnotes', value: 'footnotes' }]);
    });
    const handle = emu.autocomplete('ask', { question: 'foo' });
    await handled;

    expect(bodyOf(await emu.waitForCallback(handle))).toMatchObject({ type: 8 });
    expect(emu.interaction(handle)?.autocompleteChoices).toEqual([{ name: 'footnotes', value: 'footnotes' }]);
  }, TIMEOUT);

  it('returns a callback response for withResponse and parses multipart follow-ups', async () => {
    const handled = onNext(Events.InteractionCreate, async (interaction: Interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error(`unexpected interaction type ${interaction.type}`);
      const response = await interaction.reply({ content: 'answer', withResponse: true });
      await interaction.followUp({ content: 'sources', files: [{ attachment: Buffer.from('cite'), name: 'sources.txt' }] });
      return response.resource?.message?.content;
    });
    const handle = emu.slashCommand('ask', { question: 'q' });
    expect(await handled).toBe('answer');

    const callback = await emu.waitForCallback(handle);
    expect(callback.query['with_response']).toBe('true');
    const followUp = await emu.waitForRequest((r) => r.method === 'POST' && r.path === Routes.webhook(emu.ids.applicationId, handle.token));
    expect(followUp.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(bodyOf(followUp)).toMatchObject({ content: 'sources' });
    expect(followUp.files.map((f) => [f.filename, f.data.toString()])).toEqual([['sources.txt', 'cite']]);
  }, TIMEOUT);

  it('starts a thread from a mention and posts into it', async () => {
    const handled = onNext(Events.MessageCreate, async (message: Message) => {
      expect(message.mentions.has(emu.ids.botUserId)).toBe(true);
      const thread = await message.startThread({ name: 't' });
      await thread.send('a');
      return thread.id;
    });
    const source = emu.sendMessage('where is chapter 2?', { mentionsBot: true });
    const threadId = await handled;

    const created = await emu.waitForRequest(
      (r) => r.method === 'POST' && r.path === Routes.threads(emu.ids.channelId, source.id),
    );
    expect(bodyOf(created)).toMatchObject({ name: 't' });
    expect(threadId).toBe(source.id);

    const post = await emu.waitForRequest((r) => r.method === 'POST' && r.path === Routes.channelMessages(threadId));
    expect(post.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(bodyOf(post)).toMatchObject({ content: 'a', allowed_mentions: { parse: [] } });
    expect(emu.channelMessages(threadId).map((m) => m.content)).toEqual(['a']);
  }, TIMEOUT);

  it('answers unknown routes with a recorded 404', async () => {
    await expect(client.rest.get('/definitely/not/a/route')).rejects.toThrow(/Unknown route/);
    const miss = await emu.waitForRequest((r) => r.path === '/definitely/not/a/route');
    expect(miss.status).toBe(404);
  }, TIMEOUT);
});
