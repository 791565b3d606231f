import { describe, expect, it } from 'vitest';
import { cleanSpan, isRepeatedHeadline, passageSentences, startsWithReference } from '../../../src/core/answer/sentence-spans.js';
import { terms } from '../../../src/core/text.js';
import type { Passage } from '../../../src/core/types.js';

function passage(doc: string, start: number, end: number): Passage {
  return {
    chunk: { id: 'd#0', docId: 'd', text: doc.slice(start, end), start, end, hash: '' },
    doc: { id: 'd', title: 't', date: null, hash: '', chunks: 1, chars: doc.length },
    score: 1,
    denseRank: null,
    keywordRank: 1,
    similarity: null,
  };
}

/** The sentences of a whole document read as one passage. */
const sentencesOf = (doc: string) => passageSentences(passage(doc, 0, doc.length), doc).map((s) => s.text);

const DOC = 'Intro line here.\nThe plot of land was inspected on Monday by both ministers. The site, in the Yasamal district, covers two hectares. Later text follows.';

describe('passageSentences', () => {
  it('follows a sentence cut by the passage boundary into the document, both ways', () => {
    const start = DOC.indexOf('land was');
    const end = DOC.indexOf('Yasamal') + 3;
    const spans = passageSentences(passage(DOC, start, end), DOC);
    expect(spans.map((s) => s.text)).toEqual([
      'The plot of land was inspected on Monday by both ministers.',
      'The site, in the Yasamal district, covers two hectares.',
    ]);
    for (const s of spans) expect(DOC.slice(s.start, s.end)).toBe(s.text);
  });

  it('does not end a sentence at an initial, a title, or an abbreviation standing alone', () => {
    const doc = 'In his speech, J. Bayramov named the priorities. He met Dr. Aliyev later.\nU.S. Secretary of State Antony Blinken spoke on Sunday. It was Monday.';
    expect(sentencesOf(doc)).toEqual([
      'In his speech, J. Bayramov named the priorities.',
      'He met Dr. Aliyev later.',
      'U.S. Secretary of State Antony Blinken spoke on Sunday.',
      'It was Monday.',
    ]);
  });

  it('does not end a sentence at a bracketed or quoted question mark the sentence carries on after', () => {
    const doc = 'There also exist Chinese people[who?] who did not consider the Yuan a legitimate dynasty. “Why?” she asked. Was it? Nobody knows.';
    expect(sentencesOf(doc)).toEqual([
      'There also exist Chinese people[who?] who did not consider the Yuan a legitimate dynasty.',
      '“Why?” she asked.',
      'Was it?',
      'Nobody knows.',
    ]);
  });

  it('does not end a sentence inside parentheses that the next segment closes', () => {
    const doc = 'It is used with the "Yeke Mongghul Ulus" (lit. "Great Mongol State"), resulting in a longer name. (It was adapted later.) The end.';
    expect(sentencesOf(doc)).toEqual([
      'It is used with the "Yeke Mongghul Ulus" (lit. "Great Mongol State"), resulting in a longer name.',
      '(It was adapted later.)',
      'The end.',
    ]);
  });

  it('does not open or close the window at an abbreviation, so no quote starts or ends inside a sentence', () => {
    const doc = 'Intro. The war ran from late Sept. to early Nov. 2020, and Armenia signed the surrender document. Blinken spoke on Sunday.';
    const start = doc.indexOf('2020, and');
    const spans = passageSentences(passage(doc, start, start + 20), doc, 5);
    expect(spans.map((s) => s.text)).toEqual(['The war ran from late Sept. to early Nov. 2020, and Armenia signed the surrender document.']);
    const end = doc.indexOf('early Nov.') + 'early Nov.'.length;
    expect(passageSentences(passage(doc, start - 30, end), doc).map((s) => s.text)).toEqual([
      'The war ran from late Sept. to early Nov. 2020, and Armenia signed the surrender document.',
    ]);
  });

  it('keeps to the passage text when the document is not at hand', () => {
    const start = DOC.indexOf('land was');
    const spans = passageSentences(passage(DOC, start, start + 30));
    expect(spans[0]!.text.startsWith('land was')).toBe(true);
  });
});

describe('cleanSpan', () => {
  it('keeps a sentence of three words of two letters or more, an abbreviation counting as one word', () => {
    expect(cleanSpan({ text: 'U.S. backs it.', start: 0, end: 14 })?.text).toBe('U.S. backs it.');
    expect(cleanSpan({ text: 'A. B. C. D. 4 5', start: 0, end: 15 })).toBeNull();
    expect(cleanSpan({ text: 'Go to it', start: 0, end: 8 })?.text).toBe('Go to it');
    expect(cleanSpan({ text: 'Go to 2024', start: 0, end: 10 })).toBeNull();
  });

  it('drops page furniture and trims a syndication stamp and stray quote marks, keeping offsets exact', () => {
    for (const t of ['Read next', 'Tags:', 'Latest', 'Leave a review', '18:12', '"']) expect(cleanSpan({ text: t, start: 0, end: t.length }), t).toBeNull();
    const meta = ' date 2024-10-23 (MENAFN- AzerNews) The minister met the ambassadors.';
    const m = cleanSpan({ text: meta, start: 10, end: 10 + meta.length })!;
    expect(m.text).toBe('The minister met the ambassadors.');
    expect(m.start).toBe(10 + meta.indexOf('The minister'));
    const q = '"The Secretary urged the President to keep up the momentum.';
    expect(cleanSpan({ text: q, start: 0, end: q.length })).toEqual({ text: q.slice(1), start: 1, end: q.length });
  });

  it('gives an opening quote mark at the end of a sentence to the next one', () => {
    // As the segmenter cuts "…in 2024.”“During the year…": both marks stay with the first sentence.
    const s = '“In July, Lankaran was declared the Youth Capital of the Turkic World in 2024.”“';
    expect(cleanSpan({ text: s, start: 5, end: 5 + s.length })).toEqual({ text: s.slice(0, -1), start: 5, end: 5 + s.length - 1 });
    const t = 'In July, Lankaran was declared the Youth Capital of the Turkic World in 2024.”“';
    expect(cleanSpan({ text: t, start: 0, end: t.length })!.text).toBe('In July, Lankaran was declared the Youth Capital of the Turkic World in 2024.');
    const u = '” The ministry did not comment.';
    expect(cleanSpan({ text: u, start: 0, end: u.length })).toEqual({ text: 'The ministry did not comment.', start: 2, end: u.length });
  });
});

describe('headlines and references', () => {
  it('spots a headline line that the body repeats', () => {
    const doc = 'A total of 127 countries have joined\nBody. A total of 127 countries have joined the call.';
    expect(isRepeatedHeadline({ text: 'A total of 127 countries have joined', start: 0, end: 36 }, doc)).toBe(true);
    expect(isRepeatedHeadline({ text: 'Body.', start: 37, end: 42 }, doc)).toBe(false);
    const titled = 'Blinken Speaks With Aliyev, Discusses Peace\nBAKU, Azerbaijan, Oct.8\nHe spoke on Sunday.';
    expect(isRepeatedHeadline({ text: 'Blinken Speaks With Aliyev, Discusses Peace', start: 0, end: 43 }, titled)).toBe(true);
    expect(isRepeatedHeadline({ text: 'BAKU, Azerbaijan, Oct.8', start: 44, end: 67 }, titled)).toBe(false);
  });

  it('knows a sentence that leans on the one before', () => {
    expect(startsWithReference('The site, in the Yasamal district, covers two hectares.')).toBe(true);
    expect(startsWithReference('It was opened in 2020.')).toBe(true);
    expect(startsWithReference('Azerbaijan opened it in 2020.')).toBe(false);
  });

  it('reads "The <noun> …" as leaning on the sentence before only when that sentence holds the noun', () => {
    const before = new Set(terms('A ceasefire in the zone of the Karabakh conflict was introduced in 2020.'));
    expect(startsWithReference('The conflict between the two countries began in 1988.', before)).toBe(true);
    expect(startsWithReference('The conflicts between the two countries began in 1988.', before)).toBe(true);
    expect(startsWithReference('The war between the two countries began in 1988.', before)).toBe(false);
    expect(startsWithReference('The conflict between the two countries began in 1988.')).toBe(false);
  });
});

describe('glued sentences', () => {
  it('splits sentences scraped without a space after the full stop, but not "News.Az"', () => {
    const doc = 'Summary of 2024, News.Az reports.According to the document, relations grew. Visits followed within COP29.The ministry said more.';
    expect(sentencesOf(doc)).toEqual([
      'Summary of 2024, News.Az reports.',
      'According to the document, relations grew.',
      'Visits followed within COP29.',
      'The ministry said more.',
    ]);
  });
});
