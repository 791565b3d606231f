import { describe, expect, it } from 'vitest';
import { askedQuestion } from '../../../src/core/answer/question-terms.ts';
import { analyzeQuery } from '../../../src/core/query/analyze-query.ts';
import { terms } from '../../../src/core/text.ts';

const idf = () => 2;
const [karabakh, ceasefire, backed] = terms('Karabakh ceasefire backed');

describe('askedQuestion', () => {
  it('reads a follow-up with the previous question at half weight', () => {
    const history = [{ question: 'When was the Karabakh ceasefire introduced?', answer: 'On Nov. 10, 2020.' }];
    const q = askedQuestion('and who backed it?', history, idf);
    expect(q.own.has(backed!)).toBe(true);
    expect(q.own.has(karabakh!)).toBe(false);
    expect(q.weights.get(karabakh!)).toBe(1);
    expect(q.weights.get(backed!)).toBe(2);
  });

  it('does not borrow from the previous question when the new one names its own subject', () => {
    const history = [{ question: 'When was the Karabakh ceasefire introduced?', answer: 'On Nov. 10, 2020.' }];
    const q = askedQuestion('Who chairs the Non-Aligned Movement?', history, idf);
    expect(q.weights.has(ceasefire!)).toBe(false);
  });

  it('asks for no name when the question asks what kind of thing something is, though the chat forms drop "kind of"', () => {
    for (const question of ['what kind of company was van gend en loos', 'which sort of university is it', 'what type of team are the rams']) {
      const query = analyzeQuery(question);
      expect(askedQuestion(question, [], idf, query).type, question).toBeNull();
    }
    expect(askedQuestion('what company was van gend en loos', [], idf, analyzeQuery('what company was van gend en loos')).type).toBe('person');
    expect(askedQuestion('how many kinds of company made it', [], idf, analyzeQuery('how many kinds of company made it')).type).toBe('number');
  });

  it('reads a question about the point or purpose of something as asking why', () => {
    for (const question of ["what's the point of the ceasefire call", 'what is the purpose of the initiative', 'what was the goal behind the visit'])
      expect(askedQuestion(question, [], idf).asksWhy, question).toBe(true);
    expect(askedQuestion('what is the point of land designated for the embassy', [], idf).asksWhy).toBe(true);
    expect(askedQuestion('which point did the talks reach', [], idf).asksWhy).toBe(false);
  });
});
