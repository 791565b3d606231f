import { describe, expect, it } from 'vitest';
import { questionClause, questionParts } from '../../../src/core/answer/question-parts.js';

describe('questionParts', () => {
  it.each([
    ['when was the informal summit in shusha, and on what day did activists protest at cop29', ['when was the informal summit in shusha', 'on what day did activists protest at cop29']],
    ['two dates pls: when did the talks in baku open, and when did the talks close in baku', ['when did the talks in baku open', 'when did the talks close in baku']],
    ['Who chairs the security council now? And when does the next summit open?', ['Who chairs the security council now', 'when does the next summit open?']],
    ['how many countries joined the call; which ministry announced the figure', ['how many countries joined the call', 'which ministry announced the figure']],
    ["who was the spokeswoman quoted by the paper, and whos the spokesman quoted after the calls", ['who was the spokeswoman quoted by the paper', 'whos the spokesman quoted after the calls']],
    ["which city hosts the summit, and where's the next one being held", ['which city hosts the summit', "where's the next one being held"]],
    // Chat joins a second question with "also", "plus", "+" or "&" as well as "and".
    ['who was his counterpart at the presser? also which paper broke the gold story', ['who was his counterpart at the presser', 'which paper broke the gold story']],
    ['whats the name of the pm w/ kobakhidze + which embassy told trend', ['whats the name of the pm w/ kobakhidze', 'which embassy told trend']],
    // Two words of its own are enough for the first part; a later one may lean on it ("and on what date").
    ['what were the cop29 dates and on what day did activists protest', ['what were the cop29 dates', 'on what day did activists protest']],
    ['where did the OTS adopt the garabagh declaration, and on what date', ['where did the OTS adopt the garabagh declaration', 'on what date']],
    // Context typed before the first question is read with it: it names the topic.
    ['much about karabakh, when did the conflict start and how much of azerbaijan was occupied', ['much about karabakh, when did the conflict start', 'how much of azerbaijan was occupied']],
    ['saw the story about the gold in istanbul - how much gold did they find and which paper reported it', ['saw the story about the gold in istanbul - how much gold did they find', 'which paper reported it']],
  ])('splits a message that asks two things: %s', (question, parts) => {
    expect(questionParts(question)).toEqual(parts);
  });

  it.each([
    'Along with electric motors, what power sources overtook steam engines in the 20th century?',
    'When B cells and T cells begin to replicate, what do some of their offspring cells become?',
    'Who agreed to sign the Social Charter and was exempt from the legislation covering Social Charter issues?',
    'who founded the company, and why',
    'where, and when?',
    'who and why?',
    'What concept, originally discovered by Black, was later discovered independently by Watt?',
    // A later part that asks only the point of what the first asks about asks it again.
    'why is azerbaijan even pushing a truce during the climate conference, whats the point of it',
    "why did they extend the talks, what's the reason",
  ])('keeps one question whole: %s', (question) => {
    expect(questionParts(question)).toEqual([question]);
  });

  it('stays linear on a long message with many commas', () => {
    const long = `${'what, '.repeat(20_000)}is this`;
    const t0 = performance.now();
    expect(questionParts(long)).toEqual([long]);
    // Generous bound for a slow shared machine: a quadratic scan of 120,000 characters takes far longer.
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('reads what a part asks without the context typed before it', () => {
    expect(questionClause('saw the story about the gold in istanbul - how much gold did they find')).toBe('how much gold did they find');
    expect(questionClause('how much gold did they find')).toBe('how much gold did they find');
    expect(questionClause('the gold story, no question here')).toBe('the gold story, no question here');
  });
});
