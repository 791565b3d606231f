import { describe, expect, it } from 'vitest';
import { askedQuestion } from '../../../src/core/answer/question-terms.ts';
import { withheldIn } from '../../../src/core/answer/withheld.ts';

const idf = () => 2;
const withheld = (question: string, sentence: string) => {
  const at = withheldIn(sentence, askedQuestion(question, [], idf));
  return at && sentence.slice(at.start, at.end);
};
const INITIALS = 'The media outlet does not disclose the name of the "diplomat," only his initials – M.G.Ş.';

describe('a sentence that says what is asked is not given', () => {
  it('finds the name a source does not disclose, for a question that asks a name or who', () => {
    expect(withheld("whats the full name of the so called diplomat caught with the gold in istanbul", INITIALS)).toBe('not disclose');
    expect(withheld('Who is the diplomat caught with the gold?', INITIALS)).toBe('not disclose');
    expect(withheld('What is the suspect called?', 'Police did not name the suspect.')).toBe('not name');
    expect(withheld('What is the suspect called?', 'An unnamed suspect was held.')).toBe('unnamed');
  });

  it('finds a number, a date or a reason said to be unknown, before a copula or right after the adjective', () => {
    expect(withheld('How many people died in the massacre?', 'The exact number of fatalities throughout the country is not known.')).toBe('not known');
    expect(withheld('How much was the deal worth?', 'The firm bought it for an undisclosed sum.')).toBe('undisclosed');
    expect(withheld('Why was he arrested?', 'Officials declined to give a reason for the arrest.')).toBe('declined to give');
    expect(withheld("Who was Shi Tianze's mother?", "It is unknown which of them was Shi Tianze's mother.")).toBe('unknown');
  });

  it('leaves a sentence that withholds something else, or gives what is asked', () => {
    // The initials are what is asked, and given; "so called" asks no name.
    expect(withheld('what initials did the paper give for the so called diplomat', INITIALS)).toBeNull();
    // "took place" is no place, and "unnamed steam locomotive" withholds a locomotive's name, not a country.
    expect(withheld('In what country was the first steam locomotive built?', "The first journey took place as Trevithick's unnamed steam locomotive hauled a train in the United Kingdom.")).toBeNull();
    // A time withheld for a later step, not the year asked.
    expect(withheld('What year did BSkyB and Microsoft announce their settlement?', 'On 31 July 2013 they announced their settlement, and Microsoft will rename the service after an unspecified "reasonable period of time".')).toBeNull();
    expect(withheld("whats baku's MFA saying about the gold bust in istanbul", 'The Azerbaijani Ministry of Foreign Affairs has declined to comment on the situation.')).toBeNull();
  });

  it('leaves a question about what is unknown', () => {
    expect(withheld('What is not known about the number of victims?', 'The exact number of fatalities throughout the country is not known.')).toBeNull();
  });
});
