import { describe, expect, it } from 'vitest';
import { featureReport } from '../../src/fit/feature-report.js';

describe('featureReport', () => {
  const rows = [
    { set: 'chat', x: [1, 0.4], answerable: false },
    { set: 'chat', x: [0, 0.9], answerable: true },
    { set: 'chat', x: [0, 0.1], answerable: true },
    { set: 'squad', x: [1, 0.7], answerable: true },
    { set: 'squad', x: [1, 0.2], answerable: false },
  ];
  const lines = featureReport(rows, ['slotMissing', 'topScore']).split('\n');

  it('counts, per set, the questions a yes/no feature fires on and how many of them are answerable', () => {
    expect(lines[1]).toMatch(/^\(all questions\)\s+2\/3\s+1\/2\s*$/);
    expect(lines.find((l) => l.startsWith('slotMissing'))).toMatch(/^slotMissing\s+0\/1\s+1\/2\s*$/);
  });

  it('leaves out features with values other than 0 and 1', () => {
    expect(lines.some((l) => l.startsWith('topScore'))).toBe(false);
  });
});
