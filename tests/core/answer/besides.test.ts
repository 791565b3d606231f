import { describe, expect, it } from 'vitest';
import { besidesTerms, listsBeside } from '../../../src/core/answer/besides.js';
import { analyseQuestion } from '../../../src/core/answer/question-terms.js';
import { terms } from '../../../src/core/text.js';

const idf = () => 2;
const aside = (question: string) => {
  const found = besidesTerms(question, analyseQuestion(question, idf));
  return found && [...found];
};

describe('besides X: what the question sets aside', () => {
  it('reads X up to a comma, the question word after it, or the end', () => {
    expect(aside('besides uganda, who else sat in the NAM troika')).toEqual(terms('uganda'));
    expect(aside('which other organisations besides the OIC did the aide mention')).toEqual(terms('OIC'));
    expect(aside('which groups did hajiyev mention besides the OIC')).toEqual(terms('OIC'));
    expect(aside('Apart from New York, where were the talks held?')).toEqual(terms('New York'));
    expect(aside('who else sat in the NAM troika')).toBeNull();
  });
});

describe('listsBeside: the sentence names X as one item of a list', () => {
  const oic = new Set([...terms('OIC Organization Islamic')]);

  it('finds X followed by other items joined with "and"', () => {
    expect(listsBeside('…cooperation between the countries, including the Organization of Islamic Cooperation, the League of Arab States, and the Gulf Cooperation Council.', oic)).toBe(true);
    expect(listsBeside('Azerbaijan was a member of the Chairmanship Troika (alongside Uganda and Uzbekistan).', new Set(terms('Uganda')))).toBe(true);
  });

  it('does not read a mention of X followed by a comma as a list', () => {
    expect(listsBeside('…ambassadors of the member countries of the Organization of Islamic Cooperation, Azernews reports, citing the Foreign Ministry.', oic)).toBe(false);
    expect(listsBeside('Uganda took over the chairmanship in Kampala.', new Set(terms('Uganda')))).toBe(false);
  });
});
