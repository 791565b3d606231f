import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createBotLogger, scrub } from '../../src/bot/logger.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.secret-part-of-the-token';

describe('bot logger', () => {
  it('never writes the bot token or interaction tokens', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) });
    const logger = createBotLogger('debug', [TOKEN], sink);
    logger.info({ token: 'abc-should-hide', config: { token: TOKEN } }, 'settings');
    logger.info(`logging in with ${TOKEN}`);
    const err = Object.assign(new Error(`request failed for Bot ${TOKEN}`), {
      url: 'https://discord.com/api/v10/webhooks/123/aW50ZXJhY3Rpb24tdG9rZW4/messages/@original',
    });
    logger.error({ err }, 'handler failed');
    logger.error(err);
    const out = lines.join('');
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain('abc-should-hide');
    expect(out).not.toContain('aW50ZXJhY3Rpb24tdG9rZW4');
    expect(out).toContain('/webhooks/123/[redacted]/messages');
    expect(out).toContain('request failed for Bot [redacted]');
    expect(out).toMatch(/"stack":/);
  });

  it('writes readable lines for a terminal and JSON otherwise, scrubbed either way', () => {
    const capture = () => {
      const lines: string[] = [];
      return { lines, sink: new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }) };
    };
    const json = capture();
    createBotLogger('info', [TOKEN], json.sink).info({ guilds: 2 }, `logged in with ${TOKEN}`);
    expect(JSON.parse(json.lines.join(''))).toMatchObject({ level: 30, msg: 'logged in with [redacted]', guilds: 2 });
    const tty = capture();
    createBotLogger('info', [TOKEN], tty.sink, true).info({ guilds: 2 }, `logged in with ${TOKEN}`);
    const line = tty.lines.join('');
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: logged in with \[redacted\]\n/);
    expect(line).toContain('guilds: 2');
    expect(line).not.toContain(TOKEN);
  });

  it('scrubs interaction callback urls', () => {
    expect(scrub('POST /interactions/99/tok-en_1/callback', [])).toBe('POST /interactions/99/[redacted]/callback');
  });
});
