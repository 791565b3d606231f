// Two shards through discord.js's ShardingManager (`npm run start:sharded`, compiled
// dist/shards.js) against the Discord emulator: each shard IDENTIFYs with its
// [id, 2], the emulator routes each guild's events to its shard only, and a
// question in a guild of either shard gets exactly one answer, from that shard.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../discord-emulator/gateway.ts';
import { DiscordEmulator } from '../discord-emulator/emulator.ts';
import { body } from './harness.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TOKEN = 'sharded-token.SECRET-123456789';
const WAIT = 60_000;
// (id >> 22) % 2: the default guild is on shard 0, this one on shard 1.
const OTHER = { guildId: '1300000000004194304', channelId: '1300000000004194305' };

let dir: string;
let emu: DiscordEmulator;
let manager: { child: ChildProcess; exited: Promise<number | null>; out(): string; err(): string };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'footnote-shards-'));
  await mkdir(path.join(dir, 'corpus'));
  await writeFile(path.join(dir, 'corpus', 'bakery.txt'), 'Bakery report\n\nThe bakery on Mill Street baked 40 loaves of rye bread every morning in June.\n');
  await writeFile(path.join(dir, 'corpus', 'harbour.txt'), 'Harbour report\n\nThe harbour crane lifted 312 containers on the first Monday of May.\n');
  emu = await DiscordEmulator.start({ token: TOKEN, shards: 2, extraGuilds: [OTHER] });
  const inherited = Object.entries(process.env).filter(([k]) => !/^(DISCORD_|ANSWER_CHANNEL|CORPUS_DIR|INDEX_DIR|EMBEDDINGS|LOG_LEVEL|SHARD|DATABASE_|INDEX_BACKEND)/.test(k));
  const env = {
    ...Object.fromEntries(inherited),
    DISCORD_TOKEN: TOKEN,
    DISCORD_CLIENT_ID: emu.ids.applicationId,
    DISCORD_API_URL: emu.apiUrl,
    ANSWER_CHANNEL_IDS: `${emu.ids.channelId},${OTHER.channelId}`,
    EMBEDDINGS: 'lexical',
    LOG_LEVEL: 'info',
    SHARDS: 'auto',
  };
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/shards.js')], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += String(d)));
  child.stderr!.on('data', (d) => (stderr += String(d)));
  manager = { child, exited: new Promise((resolve) => child.on('exit', resolve)), out: () => stdout, err: () => stderr };
}, 120_000);

afterAll(async () => {
  if (manager && manager.child.exitCode === null) {
    manager.child.kill('SIGTERM');
    await manager.exited;
  }
  await emu?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('npm run start:sharded against the emulator', () => {
  it('starts the recommended two shards, each identifying with its own shard', async () => {
    const deadline = Date.now() + 120_000;
    while ((manager.out().match(/logged in as/g) ?? []).length < 2 && Date.now() < deadline) {
      if (manager.child.exitCode !== null) throw new Error(`the manager exited early:\n${manager.err()}${manager.out()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(emu.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(shardOf(emu.ids.guildId, 2)).toBe(0);
    expect(shardOf(OTHER.guildId, 2)).toBe(1);
    // Every shard's log lines name it.
    const shardsLogged = new Set(manager.out().split('\n').flatMap((l) => (/logged in as/.test(l) ? [JSON.parse(l).shard as number] : [])));
    expect([...shardsLogged].sort()).toEqual([0, 1]);
  }, 150_000);

  it('answers once in a guild of each shard, from the shard that owns it', async () => {
    for (const [channelId, question, expected] of [
      [emu.ids.channelId, 'How many loaves of rye did the bakery bake?', '40 loaves'],
      [OTHER.channelId, 'How many containers did the harbour crane lift?', '312 containers'],
    ] as const) {
      const source = emu.sendMessage(question, { channelId, authorId: '1400000000000000101' });
      await emu.waitForRequest((r) => r.method === 'POST' && r.path === Routes.threads(channelId, source.id), WAIT);
      const post = await emu.waitForRequest((r) => r.method === 'POST' && r.path === Routes.channelMessages(source.id), WAIT);
      expect(String(body(post)['content']).replace(/\*\*/g, '')).toContain(expected);
      // Only the owning shard saw the message: one thread, one answer.
      await new Promise((r) => setTimeout(r, 500));
      expect(emu.requestsMatching((r) => r.method === 'POST' && r.path === Routes.threads(channelId, source.id))).toHaveLength(1);
    }
  }, 150_000);
});
