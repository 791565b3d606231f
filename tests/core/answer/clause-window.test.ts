import { describe, expect, it } from 'vitest';
import { clauseWindow } from '../../../src/core/answer/clause-window.js';

const LONG =
  'Following a long meeting of the council in the capital, which had been postponed twice because of the weather, ' +
  'the ministers agreed on a new budget of 40 million euros for the northern railway, ' +
  'a decision that the opposition, the unions and several regional governments had called for since the spring of the previous year.';

describe('clauseWindow', () => {
  it('keeps a sentence within the limit whole', () => {
    expect(clauseWindow('A short sentence, with a comma.', 100, [], null)).toEqual({ start: 0, end: 31 });
  });

  it('quotes the clauses of a long sentence that hold the short answer and the question words', () => {
    const at = LONG.indexOf('40 million euros');
    const budget = LONG.indexOf('budget') + 'budget'.length;
    const w = clauseWindow(LONG, 150, [budget], { start: at, end: at + '40 million euros'.length });
    const text = LONG.slice(w.start, w.end);
    expect(text.length).toBeLessThanOrEqual(150);
    expect(text).toContain('a new budget of 40 million euros');
    expect(text).not.toMatch(/[,;\s]$/);
  });

  it('with a short answer, quotes the shortest run of clauses holding it and the question words', () => {
    const at = LONG.indexOf('40 million euros');
    const budget = LONG.indexOf('budget') + 'budget'.length;
    // 250 characters would also take the meeting and the weather; they answer nothing that was asked.
    const w = clauseWindow(LONG, 250, [budget], { start: at, end: at + '40 million euros'.length });
    expect(LONG.slice(w.start, w.end)).toBe('the ministers agreed on a new budget of 40 million euros for the northern railway');
  });

  it('without one, keeps the longest run (the answer may be in the clauses around the question words)', () => {
    const budget = LONG.indexOf('budget') + 'budget'.length;
    const w = clauseWindow(LONG, 200, [budget], null);
    expect(LONG.slice(w.start, w.end)).toMatch(/^Following a long meeting.*for the northern railway$/);
  });

  it('never cuts the short answer, even when the question words sit elsewhere', () => {
    const at = LONG.indexOf('the spring');
    const w = clauseWindow(LONG, 120, [LONG.indexOf('council') + 7], { start: at, end: at + 'the spring'.length });
    expect(LONG.slice(w.start, w.end)).toContain('the spring');
  });

  it('never cuts a bracket off the words it glosses', () => {
    const s = 'It affects compression; if the exhaust event is too brief, the steam cannot leave the cylinder, choking it and giving excessive compression ("kick back").';
    // Cut before the bracket, the first 140 characters would hold both mentions of "compression".
    const w = clauseWindow(s, s.indexOf('("kick'), [s.indexOf('compression') + 11, s.indexOf('compression ("') + 11], null);
    expect(s.slice(w.start, w.end)).toMatch(/excessive compression \("kick back"\)\.$/);
  });

  it('may cut a sentence quoted with the one it refers back to at the sentence boundary', () => {
    const first = 'The principle behind vaccination is to introduce an antigen from a pathogen in order to stimulate the immune system and develop immunity.';
    const second = 'This deliberate induction of an immune response is successful because it exploits the natural specificity of the immune system.';
    const s = `${first} ${second}`;
    const w = clauseWindow(s, 150, [s.indexOf('exploits') + 8, s.lastIndexOf('immune') + 6], null);
    expect(s.slice(w.start, w.end)).toBe(second);
  });

  it('never cuts a date at the comma between its day and year', () => {
    const s =
      'The article also emphasized the country\'s work in the context of the trilateral statement of November 10, 2020 on Karabakh, ' +
      'which envisages the withdrawal of troops from the region, the return of displaced persons and the opening of communication lines.';
    // Cut after "November 10,", the first 150 characters from "2020" would hold all three question words.
    const w = clauseWindow(s, 150, ['Karabakh', 'withdrawal', 'troops'].map((t) => s.indexOf(t) + t.length), null);
    const text = s.slice(w.start, w.end);
    expect(text).toMatch(/^which envisages the withdrawal of troops/);
  });

  it('never cuts inside brackets', () => {
    const s =
      'The article stressed the trilateral statement [between Azerbaijani, Russian and Armenian leaders to end the war], ' +
      'which envisages the withdrawal of troops from the region and the return of displaced persons.';
    // Cut after "Azerbaijani,", the 150 characters from "Russian" would hold all three question words.
    const w = clauseWindow(s, 150, ['leaders', 'withdrawal', 'troops'].map((t) => s.indexOf(t) + t.length), null);
    expect(s.slice(w.start, w.end)).toMatch(/^which envisages the withdrawal of troops/);
  });

  it('keeps the whole sentence when no run of clauses fits', () => {
    const w = clauseWindow('x'.repeat(500), 100, [], null);
    expect(w).toEqual({ start: 0, end: 500 });
  });

  it('keeps the clauses with the most of the question, each word counted once by its weight, not the most repeats', () => {
    const s =
      'During his calls with Armenia, Blinken again welcomed the agreement between Armenia and its neighbour on Armenia, ' +
      'and he noted support for the prime minister’s vision of a prosperous and independent future for Armenia.';
    const anchor = (word: string, key: string, weight: number, from = 0) => ({ at: s.indexOf(word, from) + word.length, key, weight });
    const anchors = [
      anchor('Armenia', 'armenia', 1),
      anchor('Armenia and', 'armenia', 1),
      anchor('on Armenia', 'armenia', 1),
      anchor('vision', 'vision', 3),
      anchor('future', 'futur', 3),
      anchor('for Armenia', 'armenia', 1),
    ];
    const w = clauseWindow(s, 130, anchors, null);
    expect(s.slice(w.start, w.end)).toMatch(/^and he noted support .*future for Armenia\.$/);
    // Offsets alone still count each word where it occurs: the three "Armenia"s of the first clauses win.
    const counted = clauseWindow(s, 130, anchors.map((a) => a.at), null);
    expect(s.slice(counted.start, counted.end)).toMatch(/^During his calls/);
  });
});
