import { describe, expect, it } from 'vitest';
import { askedSpeaker, sentenceSpeaker } from '../../../src/core/answer/speaker.js';

describe('who is asked about as speaking, and who speaks', () => {
  it('reads the speaker a "what did X say" question asks about', () => {
    expect(askedSpeaker('what did pashinyan say back to blinken on the call')).toEqual(['pashinyan']);
    expect(askedSpeaker('What has the ministry told reporters?')).toEqual(['ministri']);
    expect(askedSpeaker('who said every NAM member backs the call')).toBeNull();
  });

  it('names who speaks in a sentence from the words before its reporting verb, back to a comma', () => {
    expect([...sentenceSpeaker('During his calls with Prime Minister Pashinyan, Blinken once again reiterated that the U.S. welcomes the agreement.')!]).toContain('blinken');
    expect(sentenceSpeaker('During his calls with Prime Minister Pashinyan, Blinken once again reiterated that…')!.has('pashinyan')).toBe(false);
    expect([...sentenceSpeaker('In his speech, J. Bayramov emphasized that relations matter.')!]).toContain('bayramov');
  });

  it('knows no speaker when none is named: a pronoun, a passive, no reporting verb, "two states"', () => {
    expect(sentenceSpeaker('It was noted that attempts were made.')).toBeNull();
    expect(sentenceSpeaker('The importance of the UN Security Council and the principle of "two states" were noted.')).toBeNull();
    expect(sentenceSpeaker('He said the talks would go on.')).toBeNull();
    expect(sentenceSpeaker('Asadov and Kobakhidze inspected the plot of land.')).toBeNull();
  });
});
