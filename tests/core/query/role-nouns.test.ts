import { describe, expect, it } from 'vitest';
import { roleForms } from '../../../src/core/query/role-nouns.js';

describe('role nouns', () => {
  it('gives the other forms of a role, in the same number', () => {
    expect(roleForms('spokesman')).toEqual(['spokeswoman', 'spokesperson']);
    expect(roleForms('chairwoman')).toEqual(['chairman', 'chairperson']);
    expect(roleForms('spokespeople')).toEqual(['spokesmen', 'spokeswomen', 'spokespersons']);
  });

  it('leaves words that are no compound alone', () => {
    for (const w of ['man', 'woman', 'human', 'people', 'roman', 'ceasefire']) expect(roleForms(w)).toEqual([]);
  });
});
