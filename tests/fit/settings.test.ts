import { describe, expect, it } from 'vitest';
import { abstainAuc } from '../../src/fit/settings.js';

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
