import { describe, expect, it } from 'vitest';
import { analyseQuestion } from '../../../src/core/answer/question-terms.js';
import { engineOn } from '../../helpers/engine-on.js';

describe('a question built on a verb that denies ("refused to join", "rejected")', () => {
  it('is read from the question as typed, and not from a contrast or a decrease', () => {
    const refuses = (q: string) => analyseQuestion(q, () => 1).refuses;
    expect(refuses('How many countries rejected the call?')).toBe(true);
    expect(refuses('which countries refused to sign on')).toBe(true);
    expect(refuses('who turned the offer down')).toBe(true);
    expect(refuses('which member state declined to sign the charter')).toBe(true);
    // "as opposed to" contrasts, "declined after" is a decrease, "turned up" is arriving.
    expect(refuses('north as opposed to what point of view')).toBe(false);
    expect(refuses('the number of colonists declined after what year')).toBe(false);
    expect(refuses('how many delegates turned up')).toBe(false);
  });

  const engine = engineOn({
    'ceasefire.txt':
      'A total of 127 countries have joined the global ceasefire call so far. The call urges all parties to observe a ceasefire during November.',
    'charter.txt': 'The United Kingdom declined to sign the Social Charter in 1989, and the other member states signed it.',
  });

  it('is not answered by a sentence that reports the opposite, and is answered by one that reports the refusal', async () => {
    expect((await engine().ask('How many countries joined the global ceasefire call?')).text).toContain('127');
    // Every other word of these is in the sentence that says 127 joined.
    expect((await engine().ask('how many countries rejected the global ceasefire call')).abstained).toBe(true);
    expect((await engine().ask('How many countries refused to join the global ceasefire call?')).abstained).toBe(true);
    const declined = await engine().ask('Which member state declined to sign the Social Charter?');
    expect(declined.abstained).toBe(false);
    expect(declined.text).toContain('United Kingdom');
  });
});
