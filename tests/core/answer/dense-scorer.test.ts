import { describe, expect, it } from 'vitest';
import type { AnswerRequest } from '../../../src/core/answerer.ts';
import { cosine, denseScorer } from '../../../src/core/answer/dense-scorer.ts';

/** A request with only what the scorer reads; the vectors say which text is which. */
const request = (extra: Partial<AnswerRequest>): AnswerRequest => ({ question: 'how many countries joined?', passages: [], history: [], ...extra }) as AnswerRequest;
const VECTORS: Record<string, number[]> = {
  'how many countries joined?': [1, 0],
  'A total of 127 countries have joined.': [1, 0],
  'The talks were extended.': [0, 1],
  'Half way.': [1, 1],
};

describe('denseScorer', () => {
  it('scores every sentence with the neural embedder in one batch, the question first', async () => {
    const calls: string[][] = [];
    const score = denseScorer(
      request({
        embedBatch: async (texts) => {
          calls.push(texts);
          return texts.map((t) => VECTORS[t]!);
        },
      }),
    )!;
    const scores = await score(['A total of 127 countries have joined.', 'The talks were extended.', 'Half way.']);
    expect(calls).toEqual([['how many countries joined?', 'A total of 127 countries have joined.', 'The talks were extended.', 'Half way.']]);
    expect(scores[0]).toBeCloseTo(1);
    expect(scores[1]).toBeCloseTo(0);
    expect(scores[2]).toBeCloseTo(Math.SQRT1_2);
  });

  it('embeds the corrected question, not the typo', async () => {
    const seen: string[] = [];
    const score = denseScorer(
      request({
        question: 'how many contries joined?',
        query: { corrected: 'how many countries joined?' } as AnswerRequest['query'],
        embed: (t) => {
          seen.push(t);
          return VECTORS[t] ?? [0, 0];
        },
      }),
    )!;
    expect(await score(['A total of 127 countries have joined.'])).toEqual([expect.closeTo(1)]);
    expect(seen[0]).toBe('how many countries joined?');
  });

  it('offers no dense score without an embedder', () => {
    expect(denseScorer(request({}))).toBeUndefined();
  });
});

describe('cosine', () => {
  it('is 0 for a zero vector instead of NaN', () => {
    expect(cosine([0, 0], [1, 0])).toBe(0);
    expect(cosine([2, 0], [3, 0])).toBeCloseTo(1);
  });
});
