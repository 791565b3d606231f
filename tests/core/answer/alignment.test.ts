import { describe, expect, it } from 'vitest';
import { align, alignedTokens } from '../../../src/core/answer/alignment.js';
import { terms } from '../../../src/core/text.js';

/** Lines a sentence up with a question, every question word weighing the same. */
function compare(question: string, sentence: string) {
  const own = new Set(terms(question));
  const held = new Set(terms(sentence));
  return align(alignedTokens(question), alignedTokens(sentence), (t) => held.has(t), (t) => (own.has(t) ? 1 : 0), (t) => own.has(t));
}

describe('alignment of a question with a sentence', () => {
  it('marks the words a negation governs, "didn’t" included', () => {
    const tokens = alignedTokens("The court didn't restrict trade, but it did restrict travel");
    expect(tokens.map((t) => `${t.term}${t.negated ? '-' : ''}`)).toEqual(['court', 'restrict-', 'trade', 'restrict', 'travel']);
  });

  it('sees a negation the sentence does not have, and one the question drops', () => {
    expect(compare('Who ruled that states could not restrict a company from moving?', 'The court ruled that states could restrict a company moving its seat.').negationFlip).toBe(true);
    expect(compare('What did the court justify about vegetable fat?', 'The court held that vegetable fat did not justify the label.').negationFlip).toBe(true);
    expect(compare('What did the court not justify about vegetable fat?', 'The court held that vegetable fat did not justify the label.').negationFlip).toBe(false);
  });

  it('keeps "won" a word, and reads "didn’t" as a negation, not as "did"', () => {
    expect(alignedTokens('Who won the war?').map((t) => t.term)).toEqual(['won', 'war']);
    expect(alignedTokens("Who didn't the Mongols send?").map((t) => `${t.term}${t.negated ? '-' : ''}`)).toEqual(['mongol-', 'send']);
  });

  it('reads a negation written into a word ("jawless", "unnecessary") as its base, negated; "union" and "unless" are no such word', () => {
    expect(alignedTokens('Primitive jawless vertebrates found it unnecessary').map((t) => `${t.term}${t.negated ? '-' : ''}`)).toEqual(['primit', 'jaw-', 'vertebr', 'found', 'necessari-']);
    expect(alignedTokens('The union met unless delayed').some((t) => t.negated)).toBe(false);
  });

  it('sees no flip where one mention agrees ("jawless" beside "jawed"), and one where none does', () => {
    const sentence = 'Primitive jawless vertebrates such as the lamprey differ from jawed vertebrates.';
    expect(compare('Which vertebrates are without jaws?', sentence).negationFlip).toBe(false);
    expect(compare('Which vertebrates have jaws?', 'Primitive jawless vertebrates such as the lamprey.').negationFlip).toBe(true);
  });

  it('reads "if not" and "or not" as a condition, not a negation', () => {
    expect(compare('If not at the summit, where did the minister talk about rights?', 'The minister said he would talk about rights on other platforms.').negationFlip).toBe(false);
    expect(compare('Where did the minister not talk about rights?', 'The minister said he would talk about rights on other platforms.').negationFlip).toBe(true);
  });

  it('sees a word swapped for another in the same place, and tells names and numbers apart', () => {
    const ship = compare('When did a spill from an American ship prompt new rules?', 'In 2006 a spill from a European ship prompted new rules.');
    expect(ship).toMatchObject({ substitution: 1, typedSubstitution: 1 });
    expect(compare('How many countries rejected the call?', 'So far 127 countries have joined the call.')).toMatchObject({ substitution: 1, typedSubstitution: 0 });
  });

  it('counts a name of the question put in place by a word that is no number: "the Karabakh ceasefire" is not "a global ceasefire"', () => {
    const other = compare('Who backed the Karabakh ceasefire?', 'The global ceasefire has gained the backing of all member states.');
    expect(other).toMatchObject({ substitution: 1, typedSubstitution: 1 });
    // A word that is no name, in the same place, is a looser swap.
    expect(compare('Who backed the regional ceasefire?', 'The global ceasefire has gained the backing of all member states.').typedSubstitution).toBe(0);
    // A number where the name stood is the answer the question asks for, not another thing of the name's kind.
    expect(compare('What is the water depth of Quarry Lake?', 'Water depth | 23 metres').typedSubstitution).toBe(0);
  });

  it('reads a number written as a word as a number: "three" for "two" is a swap of numbers, "3rd" for "third" no swap', () => {
    const words = compare('What is the set called where three integers are multiplied?', 'The set where two integers are multiplied is called a product.');
    expect(words.typedSubstitution).toBe(1);
    const ordinal = compare("What interfered with Kublai's fourth invasion?", "A typhoon interfered with Kublai's third invasion.");
    expect(ordinal.typedSubstitution).toBe(1);
    const same = compare("Who was Genghis's 3rd son?", "Genghis's third son was Ögedei.");
    expect(same.substitution).toBe(0);
  });

  it('counts a swap of numbers only within one kind: a rank for a rank, a year for a year, not a year in place of a rank', () => {
    const asked = compare('What year was the first ceasefire agreement?', 'The 1994 ceasefire agreement was followed by peace negotiations.');
    expect(asked).toMatchObject({ substitution: 1, typedSubstitution: 0 });
    const years = compare('What happened after the 1995 ceasefire agreement?', 'The 1994 ceasefire agreement was followed by peace negotiations.');
    expect(years.typedSubstitution).toBe(1);
  });

  it('marks a swap of two things of one kind as the vocabulary tells them ("silver" for "gold")', () => {
    const sisters = (a: string, b: string) => [a, b].sort().join() === 'gold,silver';
    const own = (q: string) => new Set(terms(q));
    const run = (question: string, sentence: string) =>
      align(alignedTokens(question), alignedTokens(sentence), (t) => new Set(terms(sentence)).has(t), (t) => (own(question).has(t) ? 1 : 0), (t) => own(question).has(t), sisters);
    expect(run('Where did police find silver bars?', 'Police found gold bars in the taxi.').sisterSubstitution).toBe(1);
    expect(run('Where did police find heavy bars?', 'Police found gold bars in the taxi.').sisterSubstitution).toBe(0);
  });

  it('does not count the asked-for kind, or another word of the same family, as a swap', () => {
    expect(compare('What treaty ended the wars?', 'The wars ended with the Edict of Nantes.').substitution).toBe(0);
    expect(compare('Which religion spread in the north?', 'A religious movement spread in the north.').substitution).toBe(0);
  });

  it('reads "not only … but also" as adding, not denying', () => {
    const tokens = alignedTokens('The appeal has not only received support from governments but also from institutions');
    expect(tokens.find((t) => t.term.startsWith('receiv'))!.negated).toBe(false);
    expect(compare('Which appeal received support from governments?', 'The appeal has not only received support from governments.').negationFlip).toBe(false);
    expect(compare('Which appeal received support from governments?', 'The appeal has not received support from governments.').negationFlip).toBe(true);
  });
});
