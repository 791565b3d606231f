import { describe, expect, it } from 'vitest';
import { hasNumberOfKind, numberMentions } from '../../../src/core/answer/number-mentions.js';
import { analyseQuestion } from '../../../src/core/answer/question-terms.js';

const none = new Set<string>();

describe('numberMentions', () => {
  it('tells counts, years, days, money and percentages apart, and skips digits glued to a name', () => {
    const text = 'At COP29 on 23 November 2024, 127 countries pledged $300 billion, up 6% on 2023.';
    expect(numberMentions(text).map((m) => [m.value, m.kind])).toEqual([
      ['23', 'day'],
      ['2024', 'year'],
      ['127', 'count'],
      ['300', 'money'],
      ['6', 'percent'],
      ['2023', 'year'],
    ]);
  });

  it('does not take a number that names a thing ("Article 6", "Interstate 15") for an amount', () => {
    const text = 'The presidency set out the New Collective Quantitative Goal for Climate Finance, Article 6 of the Paris Agreement and adaptation.';
    expect(numberMentions(text).map((m) => m.kind)).toEqual(['label']);
    expect(hasNumberOfKind(text, 'amount', none)).toBe(false);
    expect(hasNumberOfKind('Traffic runs along Interstate 15 and Interstate 215.', 'count', none)).toBe(false);
    // A capital that opens the sentence, or a possessive, does not name the number.
    expect(hasNumberOfKind('Nearly 60 documents were planned.', 'count', none)).toBe(true);
    expect(hasNumberOfKind("It links all of Germany's 15 largest cities.", 'count', none)).toBe(true);
  });
});

describe('hasNumberOfKind', () => {
  it('does not count a number the question already states', () => {
    expect(hasNumberOfKind('127 countries joined.', 'count', new Set(['127']))).toBe(false);
    // Written with a thousands separator in both: the question's words hold it as the sentence's number reads.
    const q = analyseQuestion('How many of the more than 1,000 supporters of the appeal are private sector entities?', () => 2);
    const text = 'The appeal has received support from more than 1,000 international institutions and private sector entities.';
    expect(hasNumberOfKind(text, 'count', q.words)).toBe(false);
    expect(hasNumberOfKind(`${text} Of them, 240 are companies.`, 'count', q.words)).toBe(true);
  });

  it('does not answer "how many" with a length of time or either end of a range of days', () => {
    const text = 'Azerbaijan chaired the NAM for the past 4 years and handed it over at the summit held in Kampala on 19-20 January.';
    expect(numberMentions(text).map((m) => [m.value, m.kind])).toEqual([
      ['4', 'count'],
      ['19', 'day'],
      ['20', 'day'],
    ]);
    expect(hasNumberOfKind(text, 'count', none)).toBe(false);
    // "How many years" asks how long.
    expect(hasNumberOfKind(text, 'duration', none)).toBe(true);
    expect(numberMentions('The conference was held on November 11-22.').map((m) => m.kind)).toEqual(['day', 'day']);
    expect(hasNumberOfKind('127 countries joined in 2 days.', 'count', none)).toBe(true);
  });
});
