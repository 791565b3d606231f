// End-to-end: the community features against the Discord emulator — forum
// posts, channel modes, /config, collections, restarts, learned answers,
// /report, the hand-off ping and Discord's failure modes.
import { PermissionFlagsBits, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBot } from '../../src/bot/client.ts';
import { addForumChannel, addTextChannel, Faults, forumPost, messageCommand } from '../discord-emulator/community.ts';
import type { RecordedRequest } from '../discord-emulator/emulator.ts';
import { body, sleep, startHarness, type Harness } from './harness.ts';

const WAIT = 30_000;
const HANDOFF_ROLE = '1300000000000000099';
const ADMIN = { memberPermissions: PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ManageMessages | PermissionFlagsBits.SendMessages };

const CORPUS = {
  'guides/install.md': '# Installing the lantern\n\nTo install the lantern, bolt the bracket to the north wall and connect the copper wire to terminal seven.\n',
  'guides/cleaning.md': '# Cleaning the lantern\n\nClean the lantern glass with vinegar once a month.\n',
  'faq/warranty.md': '# Lantern warranty\n\nThe lantern warranty lasts five years and covers the copper wire and the bracket.\n',
  'about.md': '# About the lantern company\n\nThe lantern company was founded in Bergen in 1911.\n',
};

let h: Harness;
let faults: Faults;
let nextUser = 1_500_000_000_000_000_000n;
const newUser = () => String(nextUser++);

const postTo = (channelId: string) => (r: RecordedRequest) => r.method === 'POST' && r.path === Routes.channelMessages(channelId);
const botPosts = (channelId: string) => h.emu.requestsMatching(postTo(channelId)).filter((r) => r.status === 200);

/** `/config channel` as Discord sends it: a channel option comes with its resolved channel. */
async function configure(channelId: string, mode: string, collection?: string): Promise<Record<string, any>> {
  const channel = h.emu.channels.get(channelId)!;
  const registered = h.emu.guildCommands.find((c) => c.name === 'config')!;
  const options = [
    { name: 'channel', type: 7, value: channelId },
    { name: 'mode', type: 3, value: mode },
    ...(collection ? [{ name: 'collection', type: 3, value: collection }] : []),
  ];
  const handle = h.emu.dispatchInteraction(
    {
      type: 2,
      data: {
        id: registered.id,
        name: 'config',
        type: 1,
        options: [{ name: 'channel', type: 1, options }],
        resolved: { channels: { [channelId]: { id: channelId, type: channel.type, name: channel.name, permissions: '0' } } },
      },
    },
    ADMIN,
  );
  return body(await h.emu.waitForCallback(handle, WAIT));
}

beforeAll(async () => {
  h = await startHarness({ corpus: CORPUS, env: { MESSAGE_CONTENT: 'true', HANDOFF_ROLE_ID: HANDOFF_ROLE, COOLDOWN_QUESTIONS: '50' } });
  faults = new Faults(h.emu);
}, 120_000);

afterAll(async () => {
  // The restart test replaced the harness' bot: stop that one too.
  await h?.bot.stop();
  await h?.close();
});

describe('forum posts and channel modes', () => {
  it('/config is refused without Manage Server, and sets a mode with it', async () => {
    const forumId = addForumChannel(h.emu, 'help-forum');
    const refused = h.emu.slashCommand('config', [{ name: 'show', type: 1, options: [] }], { userId: newUser(), memberPermissions: PermissionFlagsBits.SendMessages });
    expect(body(await h.emu.waitForCallback(refused, WAIT))['data'].content).toMatch(/permission/);
    const set = await configure(forumId, 'auto');
    expect(set['data'].content).toContain(`<#${forumId}> is now **auto**`);
    const show = h.emu.slashCommand('config', [{ name: 'show', type: 1, options: [] }], ADMIN);
    expect(body(await h.emu.waitForCallback(show, WAIT))['data'].content).toContain(`<#${forumId}>: **auto**`);
  }, WAIT);

  it('answers a new forum post inside the post, and a follow-up there without a mention', async () => {
    const forumId = [...h.emu.channels.values()].find((c) => (c.type as number) === 15)!.id;
    const { threadId } = forumPost(h.emu, forumId, 'Installing the lantern', 'Where do I connect the copper wire?', newUser());
    const answer = await h.emu.waitForRequest(postTo(threadId), WAIT);
    expect(body(answer)['content']).toContain('terminal seven');
    // Answered in place: no thread started anywhere.
    expect(h.emu.requestsMatching((r) => r.path.endsWith('/threads'))).toHaveLength(0);

    h.emu.sendMessage('How long does the warranty on the lantern last?', { channelId: threadId });
    await vi.waitFor(() => expect(botPosts(threadId)).toHaveLength(2), { timeout: WAIT });
    expect(body(botPosts(threadId)[1]!)['content']).toContain('five years');
  }, WAIT);

  it('off ignores even mentions, mention ignores plain questions, auto answers questions only', async () => {
    const off = addTextChannel(h.emu, 'off');
    const mention = addTextChannel(h.emu, 'mention');
    const auto = addTextChannel(h.emu, 'auto');
    await configure(off, 'off');
    await configure(mention, 'mention');
    await configure(auto, 'auto');
    h.emu.sendMessage('Where do I connect the copper wire of the lantern?', { channelId: off, mentionsBot: true });
    h.emu.sendMessage('Where do I connect the copper wire of the lantern?', { channelId: mention });
    h.emu.sendMessage('thanks everyone, great lantern', { channelId: auto });
    h.emu.sendMessage('Where do I connect the copper wire of the lantern?', { channelId: auto, authorId: newUser() });
    h.emu.sendMessage('Where do I connect the copper wire of the lantern?', { channelId: mention, mentionsBot: true, authorId: newUser() });
    const threads = await vi.waitFor(
      () => {
        const started = h.emu.requestsMatching((r) => r.method === 'POST' && r.path.endsWith('/threads') && r.status === 201);
        expect(started.length).toBeGreaterThanOrEqual(2);
        return started;
      },
      { timeout: WAIT },
    );
    await sleep(300);
    const channelsAnswered = h.emu.requestsMatching((r) => r.method === 'POST' && r.path.endsWith('/threads')).map((r) => r.path.split('/')[2]);
    expect(channelsAnswered.sort()).toEqual([auto, mention].sort());
    expect(threads).toHaveLength(2);
  }, WAIT);

  it('confident stays silent when it would abstain, and answers when it can', async () => {
    const confident = addTextChannel(h.emu, 'confident');
    await configure(confident, 'confident');
    h.emu.sendMessage('What is the capital of Peru?', { channelId: confident, authorId: newUser() });
    h.emu.sendMessage('How long does the lantern warranty last?', { channelId: confident, authorId: newUser() });
    const thread = await h.emu.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${confident}/messages/${h.emu.channelMessages(confident)[1]!.id}/threads`, WAIT);
    const threadId = (thread.response as { id: string }).id;
    await vi.waitFor(() => expect(botPosts(threadId)).toHaveLength(1), { timeout: WAIT });
    expect(body(botPosts(threadId)[0]!)['content']).toContain('five years');
    await sleep(300);
    expect(h.emu.requestsMatching((r) => r.path === `/channels/${confident}/messages/${h.emu.channelMessages(confident)[0]!.id}/threads`)).toHaveLength(0);
  }, WAIT);

  it('a channel scoped to a collection answers only from that folder (and top-level files)', async () => {
    const scoped = addTextChannel(h.emu, 'faq-only');
    const set = await configure(scoped, 'auto', 'faq');
    expect(set['data'].content).toContain('answering from faq');
    const ask = vi.spyOn(h.engine, 'ask');
    h.emu.sendMessage('How do I install the lantern bracket and the copper wire?', { channelId: scoped, authorId: newUser() });
    await vi.waitFor(() => expect(ask).toHaveBeenCalled(), { timeout: WAIT });
    const answer = await ask.mock.results[0]!.value;
    const options = ask.mock.calls[0]![1];
    ask.mockRestore();
    expect(options?.collections).toEqual(['faq']);
    expect(answer.passages.every((p: { doc: { id: string } }) => !p.doc.id.startsWith('guides/'))).toBe(true);
    expect(answer.passages.some((p: { doc: { id: string } }) => p.doc.id === 'faq/warranty.md')).toBe(true);
  }, WAIT);
});

describe('state across a restart, learned answers, /report', () => {
  let threadId = '';
  const question = 'How long does the lantern warranty last?';

  it('answers a follow-up after the bot restarts, from the turns in the store', async () => {
    const asker = newUser();
    const message = h.emu.sendMessage(question, { mentionsBot: true, authorId: asker });
    const start = await h.emu.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${h.emu.ids.channelId}/messages/${message.id}/threads`, WAIT);
    threadId = (start.response as { id: string }).id;
    await vi.waitFor(() => expect(botPosts(threadId)).toHaveLength(1), { timeout: WAIT });
    await vi.waitFor(async () => expect(await h.bot.context.state.turns(threadId)).toHaveLength(1), { timeout: WAIT });

    // A new bot (new client, new store handle) on the same STATE_DIR.
    await h.bot.stop();
    h.bot = createBot({ config: h.config, engine: h.engine, logger: h.bot.context.logger, clientOptions: { rest: { api: h.emu.apiUrl } } });
    await h.bot.start();
    const ask = vi.spyOn(h.engine, 'ask');
    h.emu.sendMessage('and what does it cover?', { channelId: threadId, authorId: asker });
    await vi.waitFor(() => expect(botPosts(threadId)).toHaveLength(2), { timeout: WAIT });
    expect(ask.mock.calls[0]![1]?.history?.[0]).toMatchObject({ question });
    ask.mockRestore();
    expect(body(botPosts(threadId)[1]!)['content']).toMatch(/copper wire|bracket/);
  }, WAIT);

  it('"Use as answer" teaches it a moderator’s reply, cited with its link; /learned lists and removes it', async () => {
    const reply = h.emu.sendMessage('If the lantern glows green, the battery is low: charge it overnight with the grey cable.', {
      channelId: threadId,
      authorId: newUser(),
    });
    const refused = messageCommand(h.emu, 'Use as answer', reply, { userId: newUser(), memberPermissions: PermissionFlagsBits.SendMessages });
    expect(body(await h.emu.waitForCallback(refused, WAIT))['data'].content).toMatch(/permission/);

    const handle = messageCommand(h.emu, 'Use as answer', reply, ADMIN);
    expect(body(await h.emu.waitForCallback(handle, WAIT))['type']).toBe(5);
    const edit = await h.emu.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(handle.token), WAIT);
    expect(body(edit)['content']).toMatch(/^Learned/);

    const ask = h.emu.slashCommand('ask', { question: 'Why does my lantern glow green?' }, { userId: newUser() });
    await h.emu.waitForCallback(ask, WAIT);
    const answer = body(await h.emu.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(ask.token), WAIT));
    expect(answer['content']).toContain('grey cable');
    const sources = JSON.stringify(answer['embeds']);
    expect(sources).toMatch(/learned\/[0-9a-f]{12}\.md/);
    expect(sources).toContain(`/channels/${h.emu.ids.guildId}/${threadId}/${reply.id}`);

    const list = h.emu.slashCommand('learned', {}, ADMIN);
    const listed = body(await h.emu.waitForCallback(list, WAIT));
    expect(listed['data'].content).toContain('How long does the lantern warranty last?');
    const remove = listed['data'].components[0].components[0].custom_id as string;
    const click = h.emu.buttonClick(remove, undefined, ADMIN);
    await h.emu.waitForCallback(click, WAIT);
    const removed = await h.emu.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(click.token), WAIT);
    expect(body(removed)['content']).toMatch(/^Removed/);
    expect(await h.bot.context.state.store.listLearned(null, 10)).toEqual([]);
  }, WAIT);

  it('/report privately shows counts, rates and groups, with the HTML page attached', async () => {
    const handle = h.emu.slashCommand('report', { days: 7 }, ADMIN);
    const deferred = body(await h.emu.waitForCallback(handle, WAIT));
    expect(deferred['data'].flags & 64).toBe(64);
    const edit = await h.emu.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(handle.token), WAIT);
    expect(body(edit)['content']).toMatch(/\*\*Last 7 days:\*\* \d+ questions/);
    expect(edit.files.map((f) => f.filename)).toEqual(['footnote-report.html']);
    const refused = h.emu.slashCommand('report', {}, { userId: newUser(), memberPermissions: PermissionFlagsBits.SendMessages });
    expect(body(await h.emu.waitForCallback(refused, WAIT))['data'].content).toMatch(/permission/);
  }, WAIT);
});

describe('hand-off and Discord failure modes', () => {
  it('pings only the hand-off role, only in the hand-off message, when it abstains in a thread', async () => {
    const message = h.emu.sendMessage('What is the capital of Peru?', { mentionsBot: true, authorId: newUser() });
    const start = await h.emu.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${h.emu.ids.channelId}/messages/${message.id}/threads`, WAIT);
    const thread = (start.response as { id: string }).id;
    await vi.waitFor(() => expect(botPosts(thread)).toHaveLength(2), { timeout: WAIT });
    const [abstain, handoff] = botPosts(thread).map(body);
    expect(abstain!['content']).toMatch(/Not in the corpus/);
    expect(abstain!['allowed_mentions']).toMatchObject({ parse: [] });
    expect(abstain!['allowed_mentions'].roles).toBeUndefined();
    expect(handoff!['content']).toContain(`<@&${HANDOFF_ROLE}>`);
    expect(handoff!['allowed_mentions']).toEqual({ parse: [], roles: [HANDOFF_ROLE] });
    // Nothing else the bot ever sent allowed a mention.
    const others = h.emu.requestsMatching((r) => r.method === 'POST' && r.path.startsWith('/channels/') && body0(r)?.['allowed_mentions']?.roles);
    expect(others.map((r) => body(r)['content'])).toEqual(others.map(() => expect.stringContaining(HANDOFF_ROLE)));
  }, WAIT);

  it('waits out a 429 (retry_after) and still posts the answer', async () => {
    const channel = addTextChannel(h.emu, 'rate-limited');
    const message = h.emu.sendMessage('How long does the lantern warranty last?', { channelId: channel, mentionsBot: true, authorId: newUser() });
    const start = await h.emu.waitForRequest((r) => r.path === `/channels/${channel}/messages/${message.id}/threads` && r.status === 201, WAIT);
    const thread = (start.response as { id: string }).id;
    // Armed once the thread exists: the answer's POST into it is the request that is rate limited.
    faults.rateLimit(postTo(thread), 0.4);
    await vi.waitFor(() => expect(botPosts(thread)).toHaveLength(1), { timeout: WAIT });
    expect(body(botPosts(thread)[0]!)['content']).toContain('five years');
    expect(h.emu.requestsMatching((r) => r.status === 429 && r.path === Routes.channelMessages(thread))).toHaveLength(1);
  }, WAIT);

  it('on 50013 when starting a thread, warns once naming the permission and answers in the channel', async () => {
    const channel = addTextChannel(h.emu, 'no-threads');
    faults.missingPermissions((r) => r.method === 'POST' && r.path.startsWith(`/channels/${channel}/`) && r.path.endsWith('/threads'), 2);
    h.emu.sendMessage('How long does the lantern warranty last?', { channelId: channel, mentionsBot: true, authorId: newUser() });
    h.emu.sendMessage('Where do I connect the copper wire of the lantern?', { channelId: channel, mentionsBot: true, authorId: newUser() });
    await vi.waitFor(() => expect(botPosts(channel)).toHaveLength(2), { timeout: WAIT });
    expect(body(botPosts(channel)[0]!)['message_reference']).toBeDefined();
    const warnings = h.logs.filter((l) => l['permission'] === 'Create Public Threads' && l['channelId'] === channel);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!['msg']).toContain('missing permission "Create Public Threads"');
  }, WAIT);

  it('logs an interaction whose 3-second window passed (10062) as a warning, never as a failure', async () => {
    const before = h.logs.length;
    const handle = h.emu.slashCommand('help', {}, { userId: newUser() });
    faults.expire(handle);
    await h.emu.waitForCallback(handle, WAIT);
    await vi.waitFor(() => expect(h.logs.slice(before).some((l) => l['msg'] === 'interaction expired or already acknowledged' && l['code'] === 10062)).toBe(true), { timeout: WAIT });
    expect(h.logs.slice(before).filter((l) => Number(l['level']) >= 50)).toEqual([]);
  }, WAIT);
});

const body0 = (r: { body: unknown }) => (typeof r.body === 'object' && r.body !== null ? (r.body as Record<string, any>) : undefined);
