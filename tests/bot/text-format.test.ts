import { describe, expect, it } from 'vitest';
import { cutText, escapeText, neutralizeMentions } from '../../src/bot/text-format.ts';

describe('cutText', () => {
  it('keeps short text as it is', () => {
    expect(cutText('Short. Text.', 100)).toBe('Short. Text.');
  });

  it('cuts at the last sentence boundary that fits, keeping its citation markers', () => {
    const text = 'First sentence here [1] Second sentence is longer. [2] Third sentence never fits in the budget at all [3]';
    const cut = cutText(text, 60);
    expect(cut).toBe('First sentence here [1] Second sentence is longer. [2]');
    expect(cut.length).toBeLessThanOrEqual(60);
  });

  it('falls back to a word boundary with an ellipsis, never mid-word or mid-marker', () => {
    const text = `${'word '.repeat(30)}tail [12] more`;
    for (let max = 5; max < text.length; max += 3) {
      const cut = cutText(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      // Either between words, or right after the marker that ends a sentence.
      expect(cut).toMatch(/(^|word|tail)…$|tail \[12\]$/);
    }
  });

  it('does not split a surrogate pair or a markdown escape in one enormous word', () => {
    expect(cutText('😀'.repeat(10), 6)).toBe('😀😀…');
    const escaped = escapeText('*'.repeat(20));
    const cut = cutText(escaped, 8);
    expect(cut.length).toBeLessThanOrEqual(8);
    expect(cut.slice(0, -1)).toMatch(/^(\\\*)+$/);
  });
});

describe('escaping', () => {
  it('escapes markdown in corpus text', () => {
    expect(escapeText('**bold** _it_ `code` ~~s~~ ||spoiler||')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\|\\|spoiler\\|\\|');
    expect(escapeText('# heading\n> quote\n- item\n[x](https://evil.example)')).toBe('\\# heading\n\\> quote\n\\- item\n\\[x](https://evil.example)');
  });

  it('breaks masked links at the bracket that opens them, and stays linear on long runs of brackets', () => {
    expect(escapeText('see [a [b](https://x.test) and [1]')).toBe('see [a \\[b](https://x.test) and [1]');
    // 200,000 characters: the old pattern backtracked over the rest of the line at every `[` (40,000 took 1.9 s).
    const runs = '['.repeat(100_000) + 'x](y) ' + '[a'.repeat(50_000);
    const out = escapeText(runs);
    expect(out.length).toBe(runs.length + 1);
    expect(out.slice(99_998, 100_004)).toBe('[\\[x](');
  });

  it('keeps @everyone, @here and <@id> readable but unable to resolve', () => {
    const out = neutralizeMentions('hi @everyone and @here, <@123456789012345678> <@&123456789012345678>');
    expect(out).not.toMatch(/@(everyone|here)\b/);
    expect(out).not.toMatch(/<@!?&?\d+>/);
    expect(out.replace(/\u200b/g, '')).toBe('hi @everyone and @here, <@123456789012345678> <@&123456789012345678>');
  });
});
