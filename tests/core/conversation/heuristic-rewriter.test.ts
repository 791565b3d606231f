import { describe, expect, it } from 'vitest';
import { HeuristicRewriter, withEarlierTopic } from '../../../src/core/conversation/heuristic-rewriter.js';
import type { Turn } from '../../../src/core/types.js';

const rewriter = new HeuristicRewriter();
const after = (question: string, answer = ''): Turn[] => [{ question, answer }];

describe('HeuristicRewriter', () => {
  it('resolves "it" to the subject of the previous question', async () => {
    const r = await rewriter.rewrite('and who backed it?', after('When was the Karabakh ceasefire introduced?', 'It was introduced on Nov. 10, 2020 [1].'));
    expect(r).toEqual({ question: 'Who backed the Karabakh ceasefire?', by: 'heuristic' });
  });

  it('resolves a demonstrative standing alone, but leaves "that year" alone', async () => {
    const history = after('When was the Karabakh ceasefire introduced?');
    expect((await rewriter.rewrite('Was that before the election?', history)).question).toBe('Was the Karabakh ceasefire before the election?');
    const year = await rewriter.rewrite('What happened that year?', history);
    expect(year.question).toContain('that year');
    expect(year.question).toContain('the Karabakh ceasefire');
  });

  it('resolves "he" to a person named in the previous answer and "there" to a place', async () => {
    const who = await rewriter.rewrite('When did he take office?', after('Who is the Secretary-General of the United Nations?', 'António Guterres is the Secretary-General [1].'));
    expect(who.question).toBe('When did António Guterres take office?');
    const where = await rewriter.rewrite('How many people live there?', after('Where did Joe Biden meet Angela Merkel?', 'They met in Berlin [1].'));
    expect(where.question).toBe('How many people live in Berlin?');
  });

  it('swaps the subject for "what about X?" and adds the topic to a bare follow-up', async () => {
    expect((await rewriter.rewrite('what about Armenia?', after('When did Azerbaijan sign the ceasefire?'))).question).toBe('When did Armenia sign the ceasefire?');
    const bare = await rewriter.rewrite('and in 2021?', after('How many vaccines did the WHO deliver?'));
    expect(bare.question).toMatch(/^In 2021 \(about .+\)\?$/);
  });

  it('never takes the kind of answer the previous question asked for ("what year", "which newspaper") as its topic', async () => {
    expect((await rewriter.rewrite('and who started it?', after('What year did the Karabakh conflict begin?'))).question).toBe('Who started the Karabakh conflict?');
    expect((await rewriter.rewrite('when did it happen?', after('Which newspaper reported the gold seizure?'))).question).toBe('When did the gold seizure happen?');
  });

  it('adds the earlier part\'s topic to a later part of one message that leans on it, keeping the part\'s own words', async () => {
    expect(await withEarlierTopic('which paper reported it', 'how much gold was found in the taxi')).toBe('which paper reported it (about gold)?');
    expect(await withEarlierTopic('on what date', 'where did the summit adopt the declaration')).toBe('on what date (about the summit)?');
    // A part that stands alone is asked as it is.
    expect(await withEarlierTopic('when did the Lisbon summit close', 'how many countries joined the call')).toBe('when did the Lisbon summit close');
  });

  it('leaves standalone questions and first questions as they are', async () => {
    const history = after('When was the Karabakh ceasefire introduced?');
    expect(await rewriter.rewrite('What is the capital of France?', history)).toEqual({ question: 'What is the capital of France?', by: 'none' });
    expect(await rewriter.rewrite('and who backed it?', [])).toEqual({ question: 'and who backed it?', by: 'none' });
  });
});
