import { describe, expect, it } from 'vitest';
import type { Passage } from '../../../src/core/types.js';
import { Verifier, type VerifyRequest } from '../../../src/core/verify/verifier.js';

const DOC = 'Intro line.\nThe summit opened in Lisbon on 3 May 2021. Delegates from 40 nations attended the opening. Talks ran for a week.';
function passage(text: string, start: number, n = 0): Passage {
  return {
    chunk: { id: `doc.txt#${n}`, docId: 'doc.txt', text, start, end: start + text.length, hash: '' },
    doc: { id: 'doc.txt', title: 'Summit', date: '2021-05-03', hash: '', chunks: 1, chars: DOC.length },
    score: 1,
    denseRank: 1,
    keywordRank: 1,
    similarity: null,
  };
}
const passages = [passage(DOC, 0)];
const verify = (text: string, analyze?: VerifyRequest['analyze']) =>
  new Verifier().verify({ text, passages, question: 'When did the summit open?', idf: () => 1, analyze });

describe('Verifier', () => {
  it('reads an abbreviation with full stops ("U.S.") as the same name in the answer and in the passage', () => {
    const text = 'The U.S. delegation pledged 48 million dollars to the fund.';
    const p = { ...passage(text, 0), doc: { ...passage(text, 0).doc, chars: text.length } };
    const v = new Verifier().verify({ text: 'The U.S. delegation pledged 48 million dollars [1].', passages: [p], question: 'How much did the US pledge?', idf: () => 1 });
    expect(v.unsupported).toEqual([]);
    expect(v.citations[0]!.quote).toBe(text);
  });

  it('keeps a supported sentence and quotes exactly the passage sentence that supports it', () => {
    const v = verify('The summit opened in Lisbon on May 3, 2021 [1].');
    expect(v.unsupported).toEqual([]);
    expect(v.text).toBe('The summit opened in Lisbon on May 3, 2021. [1]');
    const c = v.citations[0]!;
    expect(c.quote).toBe('The summit opened in Lisbon on 3 May 2021.');
    expect(DOC.slice(c.start, c.end)).toBe(c.quote);
  });

  it('removes invented numbers and names, missing passages, missing markers and unrelated claims', () => {
    const v = verify(
      [
        'Delegates from 45 nations attended [1].',
        'The summit opened in Porto [1].',
        'The summit opened in Lisbon [2].',
        'The summit opened in Lisbon.',
        'Fireworks and concerts entertained visitors nightly [1].',
      ].join(' '),
    );
    expect(v.generated).toBe(5);
    expect(v.unsupported.map((u) => u.reason)).toEqual([
      'the number 45 is not in [1]',
      'the name "porto" is not in [1]',
      'cites [2], but only 1 passages were given',
      'no citation',
      expect.stringMatching(/^only 0% of its content words are in \[1\]$/),
    ]);
    expect(v.text).toBe('');
  });

  it('widens the quote to a neighbouring sentence holding a number the claim needs', () => {
    const v = verify('The summit opened in Lisbon with delegates from 40 nations [1].');
    expect(v.unsupported).toEqual([]);
    expect(v.citations[0]!.quote).toBe('The summit opened in Lisbon on 3 May 2021. Delegates from 40 nations attended the opening.');
  });

  it('counts a synonym from the query analysis as the passage word', () => {
    const text = 'The meeting lasted a week [1].';
    expect(verify(text).unsupported).toHaveLength(1);
    const analyze: VerifyRequest['analyze'] = () => ({
      terms: [
        { term: 'meet', word: 'meeting', weight: 1, source: 'original' },
        { term: 'summit', word: 'summit', weight: 0.4, source: 'synonym', from: 'meeting' },
        { term: 'last', word: 'lasted', weight: 1, source: 'original' },
        { term: 'ran', word: 'ran', weight: 0.4, source: 'synonym', from: 'lasted' },
      ],
    });
    expect(verify(text, analyze).unsupported).toEqual([]);
  });
});
