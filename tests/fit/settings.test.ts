import { describe, expect, it } from 'vitest';
import { abstainAuc, chooseSettings, FIT_SETS, HELD_OUT_ARTICLES, HELD_SETS, SHARES, type Outcome } from '../../src/fit/settings.js';

describe('abstainAuc', () => {
  it('is 1 when every question answered right outranks every unanswerable one, 0 when the order is reversed', () => {
    expect(abstainAuc([0.9, 0.8], [0.1, 0.2])).toBe(1);
    expect(abstainAuc([0.1, 0.2], [0.9, 0.8])).toBe(0);
  });

  it('counts ties half and reports nothing when a side is empty', () => {
    expect(abstainAuc([0.5], [0.5])).toBe(0.5);
    // Pairs: (0.9 > 0.5) 1, (0.9 > 0.7) 1, (0.6 > 0.5) 1, (0.6 < 0.7) 0 → 3 of 4.
    expect(abstainAuc([0.9, 0.6], [0.5, 0.7])).toBe(0.75);
    expect(abstainAuc([], [0.3])).toBeNull();
  });
});

describe('chooseSettings', () => {
  // 2,000 answerable questions; settings that quote sentences whole up to 350 characters get `lost` fewer of them
  // right but give 270-character answers, every other setting 200.
  const outcomes = (lost: number): Outcome[] =>
    Array.from({ length: 2000 }, (_, i) => ({
      set: 'chat',
      answerable: true,
      p: 0.9,
      byShare: SHARES.map((s) => (s.maxSentenceChars === 350 ? { correct: true, chars: 270 } : { correct: i >= lost, chars: 200 })),
    }));

  it('takes the shorter answers when they cost less than the tie margin (one question in 2,000)', () => {
    expect(chooseSettings(outcomes(1)).maxSentenceChars).not.toBe(350);
  });

  it('keeps the more accurate setting when the shorter one loses more', () => {
    expect(chooseSettings(outcomes(20)).maxSentenceChars).toBe(350);
  });

  it('between settings that score alike, takes the threshold whose abstentions are more often right', () => {
    // 1,000 answerable questions (one at p 0.54) and 1,000 unanswerable (three at p 0.54, half the rest at 0.1). Moving
    // the threshold past 0.54 loses that one answer (-0.001) and abstains on three more (+0.0015 at half weight): within
    // the tie margin, and the abstentions grow less precise (500 of 500 right against 503 of 504).
    const row = (answerable: boolean, p: number): Outcome => ({ set: 'chat', answerable, p, byShare: SHARES.map(() => ({ correct: answerable, chars: 200 })) });
    const os = [
      ...Array.from({ length: 1000 }, (_, i) => row(true, i === 0 ? 0.54 : 0.9)),
      ...Array.from({ length: 1000 }, (_, i) => row(false, i < 3 ? 0.54 : i % 2 ? 0.1 : 0.9)),
    ];
    expect(chooseSettings(os).threshold).toBeLessThan(0.54);
  });
});

describe('FIT_SETS and HELD_SETS', () => {
  const articlesOf = (spec: { subset?: { articles?: string[]; excludeArticles?: string[] } }) => spec.subset?.articles ?? spec.subset?.excludeArticles;

  it('fit without the held-out SQuAD articles and report on them, Steam_engine and Immune_system unless told otherwise', () => {
    const fit = FIT_SETS('/eval');
    expect(articlesOf(fit.find((s) => s.name === 'more')!.spec)).toEqual(HELD_OUT_ARTICLES);
    expect(articlesOf(HELD_SETS('/eval').find((s) => s.name === 'more-held')!.spec)).toEqual(HELD_OUT_ARTICLES);
  });

  it('hold out another split when given one, on both sides and in what the model records', () => {
    const fit = FIT_SETS('/eval', ['Huguenot']);
    for (const name of ['more', 'informal']) expect(fit.find((s) => s.name === name)!.spec.subset?.excludeArticles).toEqual(['Huguenot']);
    expect(fit.map((s) => s.describe)).toContain('squad2-dev-more.json --exclude-articles Huguenot');
    for (const name of ['more-held', 'informal-held']) expect(HELD_SETS('/eval', ['Huguenot']).find((s) => s.name === name)!.spec.subset?.articles).toEqual(['Huguenot']);
  });
});
