import { describe, expect, it } from 'vitest';
import { fitBinary, fitListwise } from '../../src/fit/logistic.js';

describe('fitting', () => {
  it('learns a ranker that puts the right candidate first', () => {
    // The right candidate has the larger first feature; the second feature is noise.
    const groups = Array.from({ length: 40 }, (_, g) => {
      const x = [0, 1, 2, 3].map((i) => [i === g % 4 ? 1 : 0.2 * ((g + i) % 3), ((g * 7 + i) % 5) / 5]);
      return { x, positive: x.map((_, i) => i === g % 4) };
    });
    const m = fitListwise(groups, { iterations: 200 });
    expect(m.weights[0]!).toBeGreaterThan(Math.abs(m.weights[1]!));
  });

  it('learns a classifier that separates the classes', () => {
    const x = Array.from({ length: 100 }, (_, i) => [i / 100, (i * 37) % 11]);
    const y = x.map((r) => r[0]! > 0.5);
    const m = fitBinary(x, y, { iterations: 300 });
    const p = (r: number[]) => 1 / (1 + Math.exp(-(m.bias + m.weights.reduce((a, w, i) => a + (w * (r[i]! - m.mean[i]!)) / m.scale[i]!, 0))));
    expect(p([0.9, 3])).toBeGreaterThan(0.5);
    expect(p([0.1, 3])).toBeLessThan(0.5);
  });
});
