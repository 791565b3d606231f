// End-to-end through the real entry points: `npm run register` and `npm start`
// (compiled: dist/register.js, dist/bot.js) run as child processes against the
// Discord emulator (DISCORD_API_URL), on a tiny temp corpus that holds a
// passage saying @everyone (plus markdown and a user mention), with an answer
// channel (Message Content intent), 13 documents (two /docs pages), a passage
// id too long for a custom id, /reindex by an admin, and SIGTERM at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MessageFlags, PermissionFlagsBits, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../discord-emulator/emulator.ts';
import { body, customIds } from './harness.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TOKEN = 'child-process-token.SECRET-987654321';
const WAIT = 30_000;
const USER = '1300000000000000004'; // the emulator's test user
const LONG_DIR = `archive/${'quarterly-orchard-inspection-records-'.repeat(2)}2024`;

const corpus: Record<string, string> = {
  'town-hall.txt':
    'Town hall notice\ndate 2024-05-01\n\n' +
    `The mayor shouted @everyone and @here in the square: the town hall will open on Monday at 9 am. ` +
    `Visitors must bring **printed** forms and ask <@${USER}> for a _visitor_ badge at the door.\n`,
  [`${LONG_DIR}/inspection.txt`]: 'Orchard inspection\n\nThe inspectors counted 412 pear trees with fire blight in the northern orchard.\n',
};
for (let i = 1; i <= 11; i++)
  corpus[`filler-${String(i).padStart(2, '0')}.txt`] = `Garden bulletin ${i}\n\nPlot ${i} grew ${i * 7} pumpkins and ${i * 3} marrows this season.\n`;

const RAW_PING = /@(everyone|here)\b|<@!?&?\d+>/;

interface Proc {
  child: ChildProcess;
  exited: Promise<number | null>;
  out(): string;
  err(): string;
}

let dir: string;
let emu: DiscordEmulator;
let bot: Proc;

/** The environment without Footnote/Discord settings inherited from the machine running the tests. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([k]) => !/^(DISCORD_|ANSWER_CHANNEL|COOLDOWN_|QUEUE_|FEEDBACK_|CORPUS_DIR|INDEX_DIR|EMBEDDINGS|LOG_LEVEL|MAX_QUESTION)/.test(k),
  );
  return { ...Object.fromEntries(inherited), ...extra };
}

function run(script: string, env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, [path.join(ROOT, script)], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += String(d)));
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

const botEnv = () =>
  cleanEnv({
    DISCORD_TOKEN: TOKEN,
    DISCORD_CLIENT_ID: emu.ids.applicationId,
    DISCORD_GUILD_ID: emu.ids.guildId,
    DISCORD_API_URL: emu.apiUrl,
    ANSWER_CHANNEL_IDS: emu.ids.channelId,
    EMBEDDINGS: 'lexical',
    LOG_LEVEL: 'debug',
  });

const editOf = (token: string) => (r: { method: string; path: string }) =>
  r.method === 'PATCH' && r.path === Routes.webhookMessage(emu.ids.applicationId, token, '@original');

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'footnote-start-'));
  for (const [name, text] of Object.entries(corpus)) {
    await mkdir(path.dirname(path.join(dir, 'corpus', name)), { recursive: true });
    await writeFile(path.join(dir, 'corpus', name), text);
  }
  emu = await DiscordEmulator.start({ token: TOKEN });
}, 120_000);

afterAll(async () => {
  if (bot && bot.child.exitCode === null) {
    bot.child.kill('SIGKILL');
    await bot.exited;
  }
  await emu?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('npm run register / npm start against the emulator', () => {
  it('npm start without a token prints one line pointing to .env.example and npm run ask, and exits 1', async () => {
    const p = run('dist/bot.js', cleanEnv({}));
    expect(await p.exited).toBe(1);
    const lines = p.err().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: DISCORD_TOKEN is not set\./);
    expect(lines[0]).toContain('.env.example');
    expect(lines[0]).toContain('npm run ask');
  }, 60_000);

  it('npm run register and npm start without a reachable Discord say so in one line; start retries with backoff', async () => {
    // Nothing listens on port 9 of loopback: every connection is refused, as with no network.
    const env = { ...botEnv(), DISCORD_API_URL: 'http://127.0.0.1:9', INDEX_DIR: path.join(dir, 'offline-index') };
    const register = run('dist/register.js', env);
    expect(await register.exited).toBe(1);
    expect(register.err().trim().split('\n')).toEqual([expect.stringMatching(/^error: Could not reach Discord \(ECONNREFUSED.*\)\..*npm run register/)]);
    const start = run('dist/bot.js', env);
    const deadline = Date.now() + 60_000;
    while (!/Retrying in 2 s/.test(start.out()) && Date.now() < deadline && start.child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    expect(start.out()).toMatch(/Could not reach Discord \(ECONNREFUSED.*Retrying in 1 s/);
    expect(start.out() + start.err()).not.toMatch(/a bug|\n\s+at /);
    start.child.kill('SIGTERM');
    expect(await start.exited).toBe(0);
  }, 120_000);

  it('npm run register registers the commands in the guild', async () => {
    const p = run('dist/register.js', botEnv());
    expect(await p.exited).toBe(0);
    expect(p.out()).toMatch(/^Registered 10 commands in server \d+: \/ask, \/search, \/source, \/docs, \/help, \/reindex, \/config, \/report, \/learned, \/Use as answer/);
    expect(emu.guildCommands.map((c) => c.name)).toEqual(['ask', 'search', 'source', 'docs', 'help', 'reindex', 'config', 'report', 'learned', 'Use as answer']);
    expect(emu.globalCommands).toEqual([]);
    const ask = emu.guildCommands.find((c) => c.name === 'ask')!;
    expect(ask.options?.map((o) => o.name)).toEqual(['question', 'collection', 'public']);
  }, 60_000);

  it('npm start builds the missing index, logs in with the Message Content intent (answer channel set)', async () => {
    bot = run('dist/bot.js', botEnv());
    const deadline = Date.now() + 90_000;
    while (!bot.out().includes('logged in as') && Date.now() < deadline) {
      if (bot.child.exitCode !== null) throw new Error(`the bot exited early:\n${bot.err()}${bot.out()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(bot.out()).toContain('No index yet; building one');
    expect(existsSync(path.join(dir, 'embeddings/index/CURRENT'))).toBe(true);
    expect(emu.identifies[0]?.intents).toBe((1 << 0) | (1 << 9) | (1 << 15));
  }, 120_000);

  let threadId = '';

  it('answers a plain message in the answer channel in a thread; the @everyone passage cannot ping', async () => {
    const source = emu.sendMessage('What did the mayor shout in the square?', { authorId: '1400000000000000101' });
    threadId = source.id;
    const created = await emu.waitForRequest((r) => r.method === 'POST' && r.path === Routes.threads(emu.ids.channelId, source.id), WAIT);
    expect(body(created)['name']).toBe('What did the mayor shout in the square?');
    const post = await emu.waitForRequest((r) => r.method === 'POST' && r.path === Routes.channelMessages(threadId), WAIT);
    const payload = body(post);
    expect(payload['allowed_mentions']).toEqual({ parse: [], replied_user: false });
    expect(payload['content']).toContain('Monday at 9 am');
    expect(payload['content']).toContain('[1]');
    // Readable, but not a mention: a zero-width space follows the @.
    expect(payload['content']).toContain('@\u200beveryone');
    expect(payload['content']).not.toMatch(RAW_PING);
    for (const field of payload['embeds'][0].fields) expect(`${field.name}${field.value}`).not.toMatch(RAW_PING);
    const stored = emu.channelMessages(threadId).at(-1)!;
    expect(stored.mention_everyone).toBe(false);
    expect(stored.mentions).toEqual([]);
  }, WAIT);

  it('escapes markdown and mentions in answers and quoted passages', async () => {
    const handle = emu.slashCommand('ask', { question: 'What must visitors bring to the town hall?' }, { userId: '1400000000000000102' });
    const edit = body(await emu.waitForRequest(editOf(handle.token), WAIT));
    expect(edit['allowed_mentions']).toMatchObject({ parse: [] });
    expect(edit['content']).toContain('\\*\\*printed\\*\\*');
    expect(edit['content']).toContain('\\_visitor\\_');
    expect(edit['content']).toContain(`<@\u200b${USER}>`);
    expect(`${edit['content']}\n${JSON.stringify(edit['embeds'])}`).not.toMatch(RAW_PING);
    const stored = emu.originalMessage(handle)!;
    expect(stored.mentions).toEqual([]);
    expect(stored.mention_everyone).toBe(false);

    const passage = body(await emu.waitForCallback(emu.slashCommand('source', { ref: 'town-hall.txt#0' }), WAIT));
    expect(passage['data'].allowed_mentions).toMatchObject({ parse: [] });
    expect(passage['data'].embeds[0].description).not.toMatch(RAW_PING);
  }, WAIT);

  it('answers a plain follow-up in its thread (Message Content on)', async () => {
    const before = emu.channelMessages(threadId).length;
    emu.sendMessage('and what must visitors bring?', { channelId: threadId, authorId: '1400000000000000101' });
    await emu.waitForRequest(
      (r) => r.method === 'POST' && r.path === Routes.channelMessages(threadId) && String(body(r)['content']).includes('printed'),
      WAIT,
    );
    expect(emu.channelMessages(threadId)).toHaveLength(before + 2);
    expect(emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/threads'))).toHaveLength(1);
  }, WAIT);

  it('pages /docs with buttons', async () => {
    const handle = emu.slashCommand('docs');
    const reply = body(await emu.waitForCallback(handle, WAIT));
    expect(reply['data'].embeds[0].title).toBe('Documents (13)');
    expect(reply['data'].embeds[0].footer.text).toMatch(/^Page 1 of 2/);
    expect(customIds(reply['data'])).toEqual(['docs:-1:p', 'docs:1:n']);

    const next = emu.buttonClick('docs:1:n', emu.originalMessage(handle));
    const update = body(await emu.waitForCallback(next, WAIT));
    expect(update['type']).toBe(7);
    expect(update['data'].embeds[0].footer.text).toMatch(/^Page 2 of 2/);
    expect(update['data'].embeds[0].description).toMatch(/\*\*11\.\*\*/);
  }, WAIT);

  it('opens a passage whose id is too long for a custom id through a hashed button', async () => {
    const handle = emu.slashCommand('search', { query: 'pear trees fire blight', count: 1 }, { userId: '1400000000000000103' });
    const edit = body(await emu.waitForRequest(editOf(handle.token), WAIT));
    const [id] = customIds(edit);
    expect(id).toMatch(/^srch:[0-9a-f]{24}$/);
    const reply = body(await emu.waitForCallback(emu.buttonClick(id!, emu.originalMessage(handle)), WAIT));
    expect(reply).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    expect(reply['data'].embeds[0].description).toContain('412 pear trees');
  }, WAIT);

  it('re-indexes for a member with Manage Server and reports the counts', async () => {
    await writeFile(path.join(dir, 'corpus/bakery.txt'), 'Bakery opening\n\nThe new bakery sells 40 loaves of rye bread every morning.\n');
    const handle = emu.slashCommand('reindex', {}, { userId: '1400000000000000104', memberPermissions: PermissionFlagsBits.ManageGuild });
    expect(body(await emu.waitForCallback(handle, WAIT))).toMatchObject({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    const edit = body(await emu.waitForRequest(editOf(handle.token), WAIT));
    expect(edit['content']).toMatch(/^Re-indexed 14 documents into \d+ passages/);
    expect(edit['content']).toMatch(/1 new, 0 changed, 0 removed/);

    const docs = body(await emu.waitForCallback(emu.slashCommand('docs'), WAIT));
    expect(docs['data'].embeds[0].title).toBe('Documents (14)');
    const ask = emu.slashCommand('ask', { question: 'How many loaves does the bakery sell?' }, { userId: '1400000000000000105' });
    expect(String(body(await emu.waitForRequest(editOf(ask.token), WAIT))['content']).replace(/\*\*/g, '')).toContain('40 loaves');
  }, WAIT);

  it('shuts down cleanly on SIGTERM and never logged the token', async () => {
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.out()).toContain('SIGTERM: shutting down');
    expect(bot.out()).not.toContain(TOKEN);
    expect(bot.err()).not.toContain(TOKEN);
    // Every stdout line is a JSON log record.
    for (const line of bot.out().trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  }, WAIT);
});
