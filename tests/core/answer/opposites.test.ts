import { describe, expect, it } from 'vitest';
import { engineOn } from '../../helpers/engine-on.js';

describe('a question that swaps a word of the text for its opposite', () => {
  const engine = engineOn({
    'court.txt': 'The court accepted the argument of the government in 2019. Exports increased by twelve percent after the port opened.',
    'ceasefire.txt': 'Both armies agreed to a ceasefire in March after long talks in the capital.',
    'trade.txt': 'Forty countries signed the trade agreement in Geneva on Friday.',
  });

  it('is not answered, while the question the text does answer is', async () => {
    const said = await engine().ask('In what year did the court accept the argument of the government?');
    expect(said.abstained).toBe(false);
    expect(said.text).toContain('**2019**');
    // Every other word is in that sentence; WordNet gives "reject" as the opposite of "accept".
    expect((await engine().ask('In what year did the court reject the argument of the government?')).abstained).toBe(true);
  });
});

describe('a question whose word is the opposite of a verb the text puts in the passive', () => {
  const engine = engineOn({
    'karabakh.txt': 'The conflict began in 1988. The 1994 ceasefire agreement was followed by peace negotiations.',
    'summit.txt': 'The 2003 summit followed long peace negotiations in the capital.',
    'trade.txt': 'Forty countries signed the trade agreement in Geneva on Friday.',
  });

  it('is answered: "was followed by" says what "led to" does', async () => {
    const a = await engine().ask('which year was the ceasefire agreement that led to peace talks');
    expect(a.abstained).toBe(false);
    expect(a.text).toContain('**1994**');
  });
});
