import { describe, expect, it } from 'vitest';
import { isFollowUp } from '../../../src/core/conversation/follow-up.js';
import { HistoryWindow } from '../../../src/core/conversation/history-window.js';

describe('HistoryWindow', () => {
  it('keeps the newest turns, bounded in count and size', () => {
    const w = new HistoryWindow({ maxTurns: 2, maxAnswerChars: 10 });
    for (const q of ['one?', 'two?', 'three?']) w.add({ question: q, answer: 'x'.repeat(50) });
    expect(w.turns().map((t) => t.question)).toEqual(['two?', 'three?']);
    expect(w.turns()[0]!.answer).toHaveLength(10);
  });

  it('records the standalone question of a follow-up, and no answer text for an abstention', () => {
    const w = new HistoryWindow();
    w.record({ question: 'and who backed it?', standalone: 'Who backed the Karabakh ceasefire?', text: 'Russia [1].', abstained: false });
    w.record({ question: 'Why?', text: 'I could not find an answer to that in the corpus.', abstained: true });
    expect(w.turns()).toEqual([
      { question: 'Who backed the Karabakh ceasefire?', answer: 'Russia [1].' },
      { question: 'Why?', answer: '' },
    ]);
  });
});

describe('isFollowUp', () => {
  it('spots pronouns, continuing openers and questions too short to stand alone', () => {
    for (const q of ['and who backed it?', 'What about Armenia?', 'Why?', 'When did they join?']) expect(isFollowUp(q), q).toBe(true);
    for (const q of ['When was the Karabakh ceasefire introduced?', 'What is the capital of France?']) expect(isFollowUp(q), q).toBe(false);
  });
});
