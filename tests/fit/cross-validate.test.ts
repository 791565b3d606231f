import { describe, expect, it } from 'vitest';
import { cvObjective, leaveOneSetOut, type CvRow } from '../../src/fit/cross-validate.js';

describe('choosing the abstention penalty by leaving a set out', () => {
  it('scores answers right plus half the unanswerable questions declined, a floor failure counting as declined', () => {
    const rows: CvRow[] = [
      { set: 'a', answerable: true, correct: true, passes: true, x: [] },
      { set: 'a', answerable: true, correct: false, passes: true, x: [] },
      { set: 'a', answerable: false, correct: false, passes: false, x: [] },
      { set: 'a', answerable: false, correct: false, passes: true, x: [] },
    ];
    // Everything answered that can be: 1 of 2 right, 1 of 2 unanswerable declined (by the floors).
    const o = cvObjective(rows, [0.9, 0.9, 0.9, 0.9], 0.5);
    expect(o.objective).toBeCloseTo(0.5 + 0.25);
    expect(o.precision).toBe(1);
    // Declining the wrong answer too: precision drops to 1 of 2, the objective stays.
    expect(cvObjective(rows, [0.9, 0.1, 0.9, 0.1], 0.5)).toEqual({ objective: 1, precision: 2 / 3 });
  });

  it('scores each set with a model that never saw it', () => {
    // In every set the first feature tells answerable from unanswerable; a model fitted on the other sets carries over.
    const rows: CvRow[] = ['a', 'b', 'c'].flatMap((set, s) =>
      Array.from({ length: 30 }, (_, i) => ({ set, answerable: i % 2 === 0, correct: i % 2 === 0, passes: true, x: [i % 2 === 0 ? 1 : 0, ((i + s) * 7) % 5] })),
    );
    const { mean, perSet } = leaveOneSetOut(rows, 1e-3);
    expect(perSet.map((p) => p.set)).toEqual(['a', 'b', 'c']);
    expect(mean).toBeCloseTo(1.5);
    // A set whose signal is reversed cannot be learnt from the others: left out, it scores badly.
    const reversed = rows.map((r) => (r.set === 'c' ? { ...r, x: [1 - r.x[0]!, r.x[1]!] } : r));
    expect(leaveOneSetOut(reversed, 1e-3).perSet.find((p) => p.set === 'c')!.objective).toBeLessThan(0.6);
  });
});
