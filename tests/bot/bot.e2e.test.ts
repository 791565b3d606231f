// End-to-end: the real bot (discord.js Client) against the Discord emulator,
// answering from a copy of the repo's corpus with the lexical embedder.
// Assertions are on what the emulator received.
import path from 'node:path';
import { MessageFlags, PermissionFlagsBits, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashUserId } from '../../src/bot/feedback.ts';
import { saltedHash } from '../../src/core/state/asker-hash.ts';
import { NOTICES } from '../../src/bot/render/notices.ts';
import { body, customIds, sleep, startHarness, TOKEN, type Harness } from './harness.ts';

const WAIT = 30_000;
let h: Harness;

const editOf = (token: string) => (r: { method: string; path: string }) =>
  r.method === 'PATCH' && r.path === Routes.webhookMessage(h.emu.ids.applicationId, token, '@original');

const body0 = (r: { body: unknown }) => (typeof r.body === 'object' && r.body !== null ? (r.body as Record<string, any>) : undefined);

/** A fresh user per test keeps the per-user cooldown out of the way. */
let nextUser = 1_400_000_000_000_000_000n;
const newUser = () => String(nextUser++);

beforeAll(async () => {
  h = await startHarness();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('Footnote bot against the Discord emulator', () => {
  it('registers its commands guild-scoped, the admin ones limited by default permissions', () => {
    const put = h.emu.requests.find((r) => r.method === 'PUT' && r.path === Routes.applicationGuildCommands(h.emu.ids.applicationId, h.emu.ids.guildId));
    expect(put).toBeDefined();
    expect(h.emu.guildCommands.map((c) => c.name).sort()).toEqual([
      'Use as answer', 'ask', 'config', 'docs', 'help', 'learned', 'reindex', 'report', 'search', 'source',
    ]);
    const permission = (name: string) => h.emu.guildCommands.find((c) => c.name === name)?.default_member_permissions;
    for (const name of ['reindex', 'config', 'report']) expect(permission(name)).toBe(String(PermissionFlagsBits.ManageGuild));
    for (const name of ['learned', 'Use as answer']) expect(permission(name)).toBe(String(PermissionFlagsBits.ManageMessages));
    expect(h.emu.guildCommands.find((c) => c.name === 'Use as answer')?.type).toBe(3);
    // Mentions need GuildMessages; Message Content is not requested without ANSWER_CHANNEL_IDS.
    expect(h.emu.identifies[0]?.intents).toBe((1 << 0) | (1 << 9));
  });

  it('/ask defers privately at once, then edits in the answer with [1], a sources embed and buttons', async () => {
    const t0 = performance.now();
    const handle = h.emu.slashCommand('ask', { question: 'How many countries have joined the global ceasefire call?' }, { userId: newUser() });
    const callback = await h.emu.waitForCallback(handle, WAIT);
    const tDefer = performance.now();
    expect(body(callback)).toMatchObject({ type: 5, data: { flags: MessageFlags.Ephemeral } });

    const edit = await h.emu.waitForRequest(editOf(handle.token), WAIT);
    const tEdit = performance.now();
    console.log(`/ask interaction → defer ${(tDefer - t0).toFixed(0)} ms, → final edit ${(tEdit - t0).toFixed(0)} ms`);

    const payload = body(edit);
    expect(payload['content']).toContain('127');
    expect(payload['content']).toMatch(/\[1\]/);
    expect(payload['content'].length).toBeLessThanOrEqual(2000);
    expect(payload['allowed_mentions']).toEqual({ parse: [], replied_user: false });
    const embed = payload['embeds'][0];
    expect(embed.title).toMatch(/^Sources?$/);
    expect(embed.fields[0].name).toMatch(/^\[1\] /);
    expect(embed.fields[0].value).toContain('`000_1f24b69473147b1b.txt#0`');
    expect(embed.fields[0].value).toMatch(/\n> /);
    const ids = customIds(payload);
    expect(ids).toContain('src:000_1f24b69473147b1b.txt#0');
    expect(ids.some((id) => id.startsWith('fb:up:'))).toBe(true);
    expect(ids.some((id) => id.startsWith('fb:down:'))).toBe(true);
    expect(h.emu.originalMessage(handle)?.content).toBe(payload['content']);
  }, WAIT);

  it('/ask public:true defers without the ephemeral flag', async () => {
    const handle = h.emu.slashCommand('ask', { question: 'Who chaired the Non-Aligned Movement?', public: true }, { userId: newUser() });
    const callback = await h.emu.waitForCallback(handle, WAIT);
    expect(body(callback)['type']).toBe(5);
    expect(body(callback)['data']?.['flags'] ?? 0).toBe(0);
    const edit = await h.emu.waitForRequest(editOf(handle.token), WAIT);
    expect(body(edit)['content']).toMatch(/\[\d+\]/);
  }, WAIT);

  it('/search lists ranked passages with scores and no answer', async () => {
    const t0 = performance.now();
    const handle = h.emu.slashCommand('search', { query: 'ceasefire', count: 3 }, { userId: newUser() });
    expect(body(await h.emu.waitForCallback(handle, WAIT))).toMatchObject({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    const edit = body(await h.emu.waitForRequest(editOf(handle.token), WAIT));
    console.log(`/search interaction → final edit ${(performance.now() - t0).toFixed(0)} ms`);
    const embed = edit['embeds'][0];
    expect(embed.title).toBe('Search: ceasefire');
    expect(embed.fields).toHaveLength(3);
    for (const field of embed.fields) expect(field.name).toMatch(/· score \d\.\d{4}$/);
    expect(edit['content'] ?? '').toBe('');
    expect(customIds(edit).every((id) => id.startsWith('src:'))).toBe(true);
  }, WAIT);

  it('/source autocompletes titles and recent citation ids, then shows the passage privately', async () => {
    const byTitle = h.emu.autocomplete('source', { ref: 'blinken' }, 'ref', { userId: newUser() });
    expect(body(await h.emu.waitForCallback(byTitle, WAIT))['type']).toBe(8);
    const titleChoices = h.emu.interaction(byTitle)?.autocompleteChoices as { name: string; value: string }[];
    expect(titleChoices.some((c) => c.value === '004_f3516acabab2e771.txt' && /Blinken/.test(c.name))).toBe(true);

    // The /ask above cited 000_…#0, so it is offered as a recent citation id.
    const byId = h.emu.autocomplete('source', { ref: '#0' }, 'ref');
    await h.emu.waitForCallback(byId, WAIT);
    const idChoices = h.emu.interaction(byId)?.autocompleteChoices as { name: string; value: string }[];
    expect(idChoices.map((c) => c.value)).toContain('000_1f24b69473147b1b.txt#0');
    expect(idChoices.length).toBeLessThanOrEqual(25);

    const all = h.emu.autocomplete('source', { ref: '' }, 'ref');
    await h.emu.waitForCallback(all, WAIT);
    const allChoices = h.emu.interaction(all)?.autocompleteChoices as { name: string; value: string }[];
    expect(allChoices.length).toBeLessThanOrEqual(25);
    for (const c of allChoices) expect(c.name.length).toBeLessThanOrEqual(100);

    const handle = h.emu.slashCommand('source', { ref: '000_1f24b69473147b1b.txt#0' });
    const reply = body(await h.emu.waitForCallback(handle, WAIT));
    expect(reply).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(reply['data'].embeds[0].description).toContain('127 countries');
    expect(reply['data'].embeds[0].fields.map((f: any) => f.name)).toEqual(['Document', 'Passage', 'Span']);

    const doc = body(await h.emu.waitForCallback(h.emu.slashCommand('source', { ref: '004_f3516acabab2e771.txt' }), WAIT));
    expect(doc['data'].embeds[0].title).toMatch(/Blinken/);
  }, WAIT);

  it('/source with an unknown ref answers with the one-line error, privately', async () => {
    const handle = h.emu.slashCommand('source', { ref: '../../etc/passwd' });
    const reply = body(await h.emu.waitForCallback(handle, WAIT));
    expect(reply).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(reply['data'].content).toMatch(/^No document or passage with id/);
  }, WAIT);

  it('/docs and /help answer privately', async () => {
    const docs = body(await h.emu.waitForCallback(h.emu.slashCommand('docs'), WAIT));
    expect(docs).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(docs['data'].embeds[0].title).toBe('Documents (5)');
    expect(docs['data'].components ?? []).toEqual([]); // one page: no pager
    const help = body(await h.emu.waitForCallback(h.emu.slashCommand('help'), WAIT));
    expect(help['data'].embeds[0].fields.map((f: any) => f.name)).toContain('/ask question [public]');
  }, WAIT);

  let threadId = '';

  it('answers a mention in a new thread named after the question', async () => {
    const question = 'How many countries have joined the ceasefire call?';
    const t0 = performance.now();
    const source = h.emu.sendMessage(question, { mentionsBot: true, authorId: newUser() });
    const created = await h.emu.waitForRequest(
      (r) => r.method === 'POST' && r.path === Routes.threads(h.emu.ids.channelId, source.id),
      WAIT,
    );
    expect(body(created)['name']).toBe(question);
    threadId = source.id; // a thread started from a message shares its id
    const post = await h.emu.waitForRequest((r) => r.method === 'POST' && r.path === Routes.channelMessages(threadId), WAIT);
    console.log(`mention → answer in thread ${(performance.now() - t0).toFixed(0)} ms`);
    const payload = body(post);
    expect(payload['content']).toContain('127');
    expect(payload['content']).toMatch(/\[1\]/);
    expect(payload['allowed_mentions']).toMatchObject({ parse: [] });
    expect(payload['embeds'][0].fields.length).toBeGreaterThan(0);
    expect(h.emu.channelMessages(threadId)).toHaveLength(1);
    // The turn is remembered once Discord has confirmed the message.
    await vi.waitFor(async () => expect(await h.bot.context.state.turns(threadId)).toHaveLength(1));
  }, WAIT);

  it('answers a follow-up in that thread using the earlier turn', async () => {
    const before = h.emu.channelMessages(threadId).length;
    const ask = vi.spyOn(h.engine, 'ask');
    h.emu.sendMessage('and which group backed it?', { channelId: threadId, mentionsBot: true });
    await h.emu.waitForRequest(
      (r) => r.method === 'POST' && r.path === Routes.channelMessages(threadId) && /backing|Non-Aligned/.test(String(body(r)['content'])),
      WAIT,
    );
    const answer = h.emu.channelMessages(threadId).at(-1)!;
    expect(h.emu.channelMessages(threadId)).toHaveLength(before + 2); // the user's follow-up and the answer
    expect(answer.content).toContain('Non-Aligned Movement');
    expect(ask).toHaveBeenCalledTimes(1);
    expect(ask.mock.calls[0]![1]?.history).toEqual([
      { question: 'How many countries have joined the ceasefire call?', answer: expect.stringContaining('127') },
    ]);
    ask.mockRestore();
    // The turn is remembered once Discord has confirmed the message.
    await vi.waitFor(async () =>
      expect((await h.bot.context.state.turns(threadId)).map((t) => t.question)).toEqual([
        'How many countries have joined the ceasefire call?',
        'Which group backed the ceasefire call?', // the standalone question, so a further follow-up resolves too
      ]),
    );
    // No new thread for a follow-up.
    expect(h.emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/threads'))).toHaveLength(1);
  }, WAIT);

  it('opens a source from its button, privately', async () => {
    const handle = h.emu.buttonClick('src:000_1f24b69473147b1b.txt#0');
    const reply = body(await h.emu.waitForCallback(handle, WAIT));
    expect(reply).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(reply['data'].embeds[0].description).toContain('127 countries');

    // A custom id naming anything that is not a chunk of the index is refused without a lookup.
    const forged = body(await h.emu.waitForCallback(h.emu.buttonClick('src:../../.env'), WAIT));
    expect(forged['data'].content).toBe(NOTICES.sourceGone);
  }, WAIT);

  it('records 👍 feedback in the state store under the salted voter hash, and 👎 on an answer it no longer remembers', async () => {
    const answerMessage = h.emu.channelMessages(threadId)[0]!;
    const up = JSON.stringify(answerMessage.components).match(/"fb:up:([0-9a-f]+)"/)![1]!;
    const cited = customIds(answerMessage as any).filter((id) => id.startsWith('src:')).map((id) => id.slice(4));
    expect(cited.length).toBeGreaterThan(0);
    const voter = newUser();
    const handle = h.emu.buttonClick(`fb:up:${up}`, answerMessage, { userId: voter });
    const reply = body(await h.emu.waitForCallback(handle, WAIT));
    expect(reply).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral, content: NOTICES.feedbackThanks('up') } });

    // As after a restart: the answer id is unknown, the message itself still says what was answered.
    const again = h.emu.buttonClick('fb:down:000000000000', answerMessage, { userId: voter });
    await h.emu.waitForCallback(again, WAIT);

    const store = h.bot.context.state.store;
    const [vote] = await store.feedbackFor(up, 10);
    const salt = await store.salt();
    expect(vote).toMatchObject({ vote: 'up', question: 'How many countries have joined the ceasefire call?', abstained: false, voter: saltedHash(salt, voter) });
    // Not the unsalted hash of earlier versions: a member list cannot be hashed to find the voter.
    expect(vote!.voter).not.toBe(hashUserId(voter));
    expect(vote!.answer).toContain('127');
    expect(vote!.chunkIds).toEqual(expect.arrayContaining(cited));
    expect(await store.feedbackFor('000000000000', 10)).toMatchObject([{ vote: 'down', question: null, chunkIds: cited }]);
    // The question log counts the vote on the logged question.
    expect(await store.getQuestion(up)).toMatchObject({ up: 1, down: 0, question: 'How many countries have joined the ceasefire call?' });
  }, WAIT);

  it('refuses the sixth question in a minute with a friendly private message', async () => {
    const user = newUser();
    for (let i = 0; i < 5; i++) {
      const ok = h.emu.slashCommand('ask', { question: `How many countries joined the ceasefire call? (${i})` }, { userId: user });
      expect(body(await h.emu.waitForCallback(ok, WAIT))['type']).toBe(5);
      await h.emu.waitForRequest(editOf(ok.token), WAIT);
    }
    const limited = h.emu.slashCommand('ask', { question: 'One more?' }, { userId: user });
    const reply = body(await h.emu.waitForCallback(limited, WAIT));
    expect(reply).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(reply['data'].content).toMatch(/^You are asking quickly: please wait \d+ s/);
    // Another member is not affected.
    const other = h.emu.slashCommand('ask', { question: 'One more?' }, { userId: newUser() });
    expect(body(await h.emu.waitForCallback(other, WAIT))['type']).toBe(5);
  }, WAIT);

  it('tells a member who mentions it too often to wait, once, in a short non-pinging reply', async () => {
    const user = newUser();
    for (let i = 0; i < 5; i++) {
      const m = h.emu.sendMessage(`How many countries joined the ceasefire call? (${i})`, { mentionsBot: true, authorId: user });
      await h.emu.waitForRequest((r) => r.method === 'POST' && r.path === Routes.channelMessages(m.id), WAIT);
    }
    const sixth = h.emu.sendMessage('One more?', { mentionsBot: true, authorId: user });
    const notice = await h.emu.waitForRequest(
      (r) => r.method === 'POST' && r.path === Routes.channelMessages(h.emu.ids.channelId) && body(r)['message_reference']?.message_id === sixth.id,
      WAIT,
    );
    expect(body(notice)['content']).toMatch(/^You are asking quickly: please wait \d+ s/);
    expect(body(notice)['allowed_mentions']).toEqual({ parse: [], replied_user: false });
    expect(h.emu.requests.some((r) => r.path === Routes.threads(h.emu.ids.channelId, sixth.id))).toBe(false);

    // Further attempts in the same streak get no more notices (no spam by proxy).
    const seventh = h.emu.sendMessage('And another?', { mentionsBot: true, authorId: user });
    const marker = h.emu.sendMessage('Who did Blinken speak with?', { mentionsBot: true, authorId: newUser() });
    await h.emu.waitForRequest((r) => r.method === 'POST' && r.path === Routes.channelMessages(marker.id), WAIT);
    expect(h.emu.requests.some((r) => body0(r)?.['message_reference']?.message_id === seventh.id)).toBe(false);
  }, WAIT);

  it('refuses a too-long question with the limit, before deferring', async () => {
    const handle = h.emu.slashCommand('ask', { question: 'why '.repeat(200) }, { userId: newUser() });
    const reply = body(await h.emu.waitForCallback(handle, WAIT));
    expect(reply).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(reply['data'].content).toBe('The question is too long (at most 500 characters). Shorten it.');
  }, WAIT);

  it('refuses /reindex from a member without Manage Server, and does not re-index', async () => {
    const spy = vi.spyOn(h.engine, 'reindex');
    const permissions = PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;
    const handle = h.emu.slashCommand('reindex', {}, { userId: newUser(), memberPermissions: permissions });
    const reply = body(await h.emu.waitForCallback(handle, WAIT));
    expect(reply).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral, content: NOTICES.notAllowed } });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  }, WAIT);

  it("ignores other bots' messages, @everyone messages and plain thread messages it cannot read", async () => {
    const threadsBefore = h.emu.requests.filter((r) => r.path.endsWith('/threads')).length;
    const inThreadBefore = h.emu.channelMessages(threadId).length;
    h.emu.sendMessage('How many countries joined?', { mentionsBot: true, bot: true });
    h.emu.sendMessage('@everyone How many countries joined?', { mentionsBot: true, authorId: newUser() });
    // No Message Content intent: a plain message in the thread arrives blank and is left alone.
    h.emu.sendMessage('what about Uganda?', { channelId: threadId, authorId: newUser() });
    // A real question afterwards proves the bot is alive and has handled the earlier events.
    const marker = h.emu.sendMessage('Who did Blinken speak with?', { mentionsBot: true, authorId: newUser() });
    await h.emu.waitForRequest((r) => r.method === 'POST' && r.path === Routes.channelMessages(marker.id), WAIT);
    await sleep(100);
    expect(h.emu.requests.filter((r) => r.path.endsWith('/threads')).length).toBe(threadsBefore + 1);
    expect(h.emu.channelMessages(threadId)).toHaveLength(inThreadBefore + 1); // only the user's own message
  }, WAIT);

  it('turns a handler exception into a short private message, logs it, and keeps answering', async () => {
    const spy = vi.spyOn(h.engine, 'ask').mockRejectedValueOnce(new Error('boom in the engine'));
    const handle = h.emu.slashCommand('ask', { question: 'How many countries joined?' }, { userId: newUser() });
    const edit = body(await h.emu.waitForRequest(editOf(handle.token), WAIT));
    expect(edit['content']).toBe(NOTICES.bug);
    const logged = h.logs.find((l) => l['msg'] === 'handler failed');
    expect((logged?.['err'] as { stack?: string })?.stack).toMatch(/boom in the engine/);
    spy.mockRestore();

    // A public deferred reply is removed and the error follows up privately.
    const spy2 = vi.spyOn(h.engine, 'ask').mockRejectedValueOnce(new Error('boom again'));
    const pub = h.emu.slashCommand('ask', { question: 'How many countries joined?', public: true }, { userId: newUser() });
    await h.emu.waitForRequest(
      (r) => r.method === 'DELETE' && r.path === Routes.webhookMessage(h.emu.ids.applicationId, pub.token, '@original'),
      WAIT,
    );
    const followUp = await h.emu.waitForRequest(
      (r) => r.method === 'POST' && r.path === Routes.webhook(h.emu.ids.applicationId, pub.token),
      WAIT,
    );
    expect(body(followUp)).toMatchObject({ content: NOTICES.bug, flags: MessageFlags.Ephemeral });
    spy2.mockRestore();

    const next = h.emu.slashCommand('ask', { question: 'How many countries joined?' }, { userId: newUser() });
    expect(body(await h.emu.waitForRequest(editOf(next.token), WAIT))['content']).toMatch(/\[1\]/);
  }, WAIT);

  it('never writes the token to its logs', () => {
    expect(h.rawLogs.length).toBeGreaterThan(0);
    for (const line of h.rawLogs) expect(line).not.toContain(TOKEN);
  });
});

describe('logging in', () => {
  it('fails start() with TokenInvalid instead of waiting forever when Discord rejects the token', async () => {
    const { createBot } = await import('../../src/bot/client.ts');
    const { openPgliteStateStore } = await import('../../src/core/state/pglite-state-store.ts');
    const other = createBot({
      config: { ...h.config, token: 'not-the-right-token-123' },
      engine: h.engine,
      logger: h.bot.context.logger,
      clientOptions: { rest: { api: h.emu.apiUrl } },
      // The harness' bot holds its store: this one gets a store of its own.
      openStore: () => openPgliteStateStore(path.join(h.dir, 'other-state')),
    });
    await expect(other.start()).rejects.toMatchObject({ code: 'TokenInvalid' });
    await other.stop();
  }, WAIT);
});
