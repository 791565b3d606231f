import { describe, expect, it } from 'vitest';
import { leaveOneSetOut, type CvRow } from '../../src/fit/cross-validate.js';

/** A question of set `set`; answerable ones are answered right when not declined. */
const row = (set: string, answerable: boolean, x: number[] | null): CvRow => ({
  outcome: { set, answerable, p: 0, byShare: [{ correct: answerable, chars: 100 }] },
  x,
});

describe('choosing the abstention penalty by leaving a set out', () => {
  it('scores each set with a model that never saw it', () => {
    // In every set the first feature tells answerable from unanswerable; a model fitted on the other sets carries over.
    const rows = ['a', 'b', 'c'].flatMap((set, s) => Array.from({ length: 30 }, (_, i) => row(set, i % 2 === 0, [i % 2 === 0 ? 1 : 0, ((i + s) * 7) % 5])));
    const { mean, perSet } = leaveOneSetOut(rows, 1e-3, 0);
    expect(perSet.map((p) => p.set)).toEqual(['a', 'b', 'c']);
    // Every answerable question answered, every unanswerable one declined: 1 + 0.5.
    expect(mean).toBeCloseTo(1.5);
    // A set whose signal is reversed cannot be learnt from the others: left out, it scores badly.
    const reversed = rows.map((r) => (r.outcome.set === 'c' ? { ...r, x: [1 - r.x![0]!, r.x![1]!] } : r));
    expect(leaveOneSetOut(reversed, 1e-3, 0).perSet.find((p) => p.set === 'c')!.objective).toBeLessThan(0.6);
  });

  it('keeps a question the answerer declines before the model declined in every fold', () => {
    const rows = ['a', 'b', 'c'].flatMap((set) => Array.from({ length: 20 }, (_, i) => row(set, i % 2 === 0, [i % 2 === 0 ? 1 : 0])));
    // In set a, the answerable questions are all declined by the floors: none of them counts as answered.
    const declined = rows.map((r) => (r.outcome.set === 'a' && r.outcome.answerable ? { ...r, x: null } : r));
    expect(leaveOneSetOut(declined, 1e-3, 0).perSet.find((p) => p.set === 'a')!.objective).toBeCloseTo(0.5);
  });
});
