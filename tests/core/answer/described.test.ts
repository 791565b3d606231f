import { describe, expect, it } from 'vitest';
import { titleBefore } from '../../../src/core/answer/described.js';
import { analyseQuestion } from '../../../src/core/answer/question-terms.js';

const idf = () => 2;

describe('titleBefore: the title a sentence puts before the name asked about', () => {
  const blinken = analyseQuestion("what is blinken's official job title", idf);

  it('counts the capitals of the title that leads up to the name', () => {
    expect(titleBefore('U.S. Secretary of State Antony Blinken on Sunday spoke with both leaders.', blinken)).toBe(4);
    expect(titleBefore('"Secretary Blinken again urged Azerbaijan to release those detained.', blinken)).toBe(1);
    expect(titleBefore('In his calls, Blinken commended the announcement.', blinken)).toBe(0);
  });

  it('reads a long title set off by a comma, not a short phrase that happens to end at one', () => {
    const hajiyev = analyseQuestion('who is hikmat hajiyev', idf);
    expect(titleBefore('Assistant to the President of the Republic of Azerbaijan, Hikmat Hajiyev, drew attention to it.', hajiyev)).toBe(5);
    expect(titleBefore("Speaking about his country's preparations for COP29, Hikmat Hajiyev said so.", hajiyev)).toBe(1);
  });

  it("takes the name from the question's words that are no English word, so a capitalised common noun is none", () => {
    const asadov = analyseQuestion('ali asadov, what is his position in the government', idf);
    expect(titleBefore('The summit of the NAM Heads of State and Government was held in Kampala.', asadov)).toBe(0);
    expect(titleBefore('Azerbaijan’s Prime Minister Ali Asadov inspected the plot.', asadov)).toBeGreaterThanOrEqual(2);
  });
});
