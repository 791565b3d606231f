import { describe, expect, it } from 'vitest';
import { numeralStated } from '../../../src/core/answer/abstain-features.js';
import { analyseQuestion } from '../../../src/core/answer/question-terms.js';
import { engineOn } from '../../helpers/engine-on.js';

describe('numbers and negations a question states', () => {
  it('finds a decade in a year of it, and an ordinal in its number', () => {
    const text = new Set(['conflict', 'began', 'in', '1988', 'the', '29', 'session']);
    expect(numeralStated('80s', text)).toBe(true);
    expect(numeralStated('1980s', text)).toBe(true);
    expect(numeralStated('1970s', text)).toBe(false);
    expect(numeralStated('90s', text)).toBe(false);
    expect(numeralStated('29th', text)).toBe(true);
    expect(numeralStated('28th', text)).toBe(false);
  });

  it('finds a century ("the 1500s") in a year of it or in its ordinal, not a decade of it only', () => {
    expect(numeralStated('1500s', new Set(['settled', 'in', '1564']))).toBe(true);
    expect(numeralStated('1700s', new Set(['the', '18th', 'century']))).toBe(true);
    expect(numeralStated('1700s', new Set(['in', '1685']))).toBe(false);
    // The 21st century, not the "21th".
    expect(numeralStated('2000s', new Set(['the', '21st', 'century']))).toBe(true);
  });

  it('finds a small number typed as digits ("4 expansion stages") where the text spells it ("four")', () => {
    const text = new Set(['four', 'expansion', 'stages', 'the', 'third', 'engine']);
    expect(numeralStated('4', text)).toBe(true);
    expect(numeralStated('3rd', text)).toBe(true);
    expect(numeralStated('3', text)).toBe(false);
    expect(numeralStated('4th', text)).toBe(false);
    expect(numeralStated('4', new Set(['quadruple', 'expansion']))).toBe(true);
  });

  it('finds a round year in the century it ends or opens ("around 1900": "the end of the 19th century")', () => {
    expect(numeralStated('1900', new Set(['end', 'of', 'the', '19th', 'century']))).toBe(true);
    expect(numeralStated('1900', new Set(['the', '20th', 'century']))).toBe(true);
    expect(numeralStated('1900', new Set(['the', '18th', 'century']))).toBe(false);
    expect(numeralStated('1950', new Set(['the', '20th', 'century']))).toBe(false);
  });

  it('does not take a number of answers asked for ("which 2 states") for a number the text must state', () => {
    expect(analyseQuestion('which 2 states took in refugees', () => 1).numerals).toEqual([]);
    expect(analyseQuestion('how many refugees came in 1685', () => 1).numerals).toEqual(['1685']);
  });

  it('does not read a condition ("if not at the summit") as a negative question', () => {
    expect(analyseQuestion('if not at the summit, where did they talk about it', () => 1).negated).toBe(false);
    expect(analyseQuestion('where did they not talk about it', () => 1).negated).toBe(true);
  });
});

describe('a code the corpus never mentions', () => {
  const engine = engineOn({
    'summit.txt': 'The COP29 climate summit was held in Baku in November. Delegates from nearly two hundred countries attended.',
    'port.txt': 'The new port opened in May and handled forty ships in its first week.',
  });

  it('is read as a name the corpus does not cover, however it is written', async () => {
    const asked = await engine().ask('how many countries sent delegates to the cop29 climate summit in baku');
    expect(asked.abstained).toBe(false);
    expect(asked.text).toContain('two hundred');
    // Every other word is in those sentences; "cop28" is in no document.
    expect((await engine().ask('how many countries sent delegates to the cop28 climate summit in baku')).abstained).toBe(true);
  });
});

describe('a name typed with a slip', () => {
  const engine = engineOn({
    'yuan.txt': 'Emperor Gegeen Khan, the son of Ayurbarwada, ruled for only two years, from 1321 to 1323. He was killed in a coup.',
    'port.txt': 'The new port opened in May and handled forty ships in its first week.',
  });

  it('is the corpus’s name the speller corrects it to, not a name the corpus never mentions', async () => {
    // "Geegen" is "Gegeen" with two letters swapped: read as an unknown name, the question used to be declined.
    const asked = await engine().ask('When was Geegen the emperor?');
    expect(asked.abstained).toBe(false);
    expect(asked.text).toContain('1321');
    // A name nothing in the corpus is near is still one it does not cover.
    expect((await engine().ask('When was Temujin the emperor?')).abstained).toBe(true);
  });
});

describe('a decimal or a grouped number in the question', () => {
  it('is one numeral, not the digits either side of its point', () => {
    expect(analyseQuestion('What fault can produce a magnitude 8.7 event?', () => 1).numerals).toContain('8.7');
    expect(analyseQuestion('What area has a population of 5,105,786?', () => 1).numerals).toContain('5105786');
  });

  const engine = engineOn({
    'faults.txt': 'Many faults can produce a magnitude 6.7 earthquake, such as the San Andreas Fault, which can produce a magnitude 8.0 event.',
    'ports.txt': 'The harbour handled 1,250,000 containers in its busiest year, after the new cranes were installed.',
  });

  it('must be stated as written: "8.7" is not found in a text that says 6.7 and 8.0', async () => {
    const stated = await engine().ask('What fault can produce a magnitude 8.0 event?');
    expect(stated.abstained).toBe(false);
    expect(stated.text).toContain('San Andreas');
    expect((await engine().ask('What fault can produce a magnitude 8.7 event?')).abstained).toBe(true);
    expect((await engine().ask('When did the harbour handle 1,250,000 containers?')).abstained).toBe(false);
  });
});

describe('"not only … but also"', () => {
  it('is no negation: the question it appears in is not negative', () => {
    expect(analyseQuestion('what has not only received support from governments', () => 1).negated).toBe(false);
    expect(analyseQuestion('what has not received support from governments', () => 1).negated).toBe(true);
  });
});
