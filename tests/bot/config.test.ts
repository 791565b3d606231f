import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/core/errors.ts';
import { MISSING_TOKEN_MESSAGE, parseBotConfig } from '../../src/bot/config.ts';
import { intentsFor } from '../../src/bot/client.ts';

const base = { DISCORD_TOKEN: 'a-secret-token-value', DISCORD_CLIENT_ID: '123456789012345678' };

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('parseBotConfig', () => {
  it('says in one line where to put the token and how to ask without Discord', () => {
    for (const env of [{}, { DISCORD_TOKEN: '' }, { DISCORD_TOKEN: '   ' }]) {
      const err = errorOf(() => parseBotConfig(env));
      expect(isUserError(err)).toBe(true);
      expect(err.message).toBe(MISSING_TOKEN_MESSAGE);
      expect(err.message).not.toContain('\n');
      expect(err.message).toContain('.env.example');
      expect(err.message).toContain('npm run ask');
    }
  });

  it('applies the defaults', () => {
    const c = parseBotConfig(base, '/srv/footnote');
    expect(c).toMatchObject({
      token: 'a-secret-token-value',
      clientId: '123456789012345678',
      guildId: null,
      answerChannelIds: [],
      cooldown: { questions: 5, windowMs: 60_000 },
      queue: { concurrency: 2, maxPending: 20 },
      maxQuestionChars: 500,
      feedbackFile: path.resolve('/srv/footnote', 'embeddings/feedback.jsonl'),
    });
    expect(c.core.indexDir).toBe(path.resolve('/srv/footnote', 'embeddings/index'));
  });

  it('parses every setting', () => {
    const c = parseBotConfig({
      ...base,
      DISCORD_GUILD_ID: '223456789012345678',
      ANSWER_CHANNEL_IDS: ' 323456789012345678, 423456789012345678 ,,323456789012345678',
      COOLDOWN_QUESTIONS: '3',
      COOLDOWN_SECONDS: '30',
      QUEUE_CONCURRENCY: '4',
      QUEUE_MAX_PENDING: '0',
      MAX_QUESTION_CHARS: '200',
    });
    expect(c.guildId).toBe('223456789012345678');
    expect(c.answerChannelIds).toEqual(['323456789012345678', '423456789012345678']);
    expect(c.cooldown).toEqual({ questions: 3, windowMs: 30_000 });
    expect(c.queue).toEqual({ concurrency: 4, maxPending: 0 });
    expect(c.maxQuestionChars).toBe(200);
  });

  it('names the bad setting and never echoes the token', () => {
    const err = errorOf(() => parseBotConfig({ ...base, ANSWER_CHANNEL_IDS: 'general', COOLDOWN_QUESTIONS: 'many' }));
    expect(err.message).toMatch(/ANSWER_CHANNEL_IDS/);
    expect(err.message).toMatch(/COOLDOWN_QUESTIONS/);
    expect(err.message).not.toContain(base.DISCORD_TOKEN);
    expect(errorOf(() => parseBotConfig({ ...base, DISCORD_CLIENT_ID: '' })).message).toMatch(/^DISCORD_CLIENT_ID is not set/);
    expect(errorOf(() => parseBotConfig({ ...base, DISCORD_GUILD_ID: 'my-server' })).message).toMatch(/DISCORD_GUILD_ID/);
  });

  it('asks for the Message Content intent only with answer channels', () => {
    expect(intentsFor({ answerChannelIds: [] })).toEqual([1, 512]);
    expect(intentsFor({ answerChannelIds: ['323456789012345678'] })).toEqual([1, 512, 32768]);
  });
});
