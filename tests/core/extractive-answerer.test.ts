import { describe, expect, it } from 'vitest';
import { ABSTAIN_TEXT, type AnswerRequest } from '../../src/core/answerer.js';
import { LexicalEmbeddings } from '../../src/core/embeddings/lexical-embeddings.js';
import { stripMarkup } from '../../src/core/eval/scoring.js';
import { loadAnswerModel } from '../../src/core/answer/answer-model.js';
import { SENTENCE_FEATURES } from '../../src/core/answer/features.js';
import { ExtractiveAnswerer, answerType } from '../../src/core/extractive-answerer.js';
import { terms } from '../../src/core/text.js';
import type { Passage, Turn } from '../../src/core/types.js';
import { analyzeQuery, type QueryAnalysis } from '../../src/core/query/analyze-query.js';
import { engineOn } from '../helpers/engine-on.js';

const DOCS: Record<string, string> = {
  'ceasefire.txt': [
    'Ceasefire call gains support',
    'The initiative for a global ceasefire was launched on September 21 in observance of the International Day of Peace.',
    'A total of 127 countries have joined the ceasefire call thus far.',
    'The call urges all parties to observe a ceasefire during November.',
  ].join('\n'),
  'summit.txt': [
    'Lisbon summit',
    'The Lisbon summit opened on 3 May 2021 with forty delegations.',
    'After long talks the Lisbon summit closed on 9 May 2021.',
    'A complete ceasefire in the border zone was introduced on Nov. 10, 2020, the minister recalled.',
  ].join('\n'),
  'fair.txt': 'Oslo book fair\nThe Oslo book fair closed on 12 June 2021 after a week of readings.',
  'library.txt': 'Library notice\nThe new reading room of the library opens on Monday at 9 am for all members.',
  'bloc.txt': 'Bloc summit\nLast January the bloc summit was hosted under President Museveni in the capital, Kampala.',
};

/** Each document as passages of at most three lines, so chunks start at non-zero offsets. */
function passagesFor(ids: string[], docs = DOCS): Passage[] {
  const out: Passage[] = [];
  for (const id of ids) {
    const text = docs[id]!;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i += 3) {
      const start = lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0);
      const chunkText = lines.slice(i, i + 3).join('\n');
      out.push({
        chunk: { id: `${id}#${i / 3}`, docId: id, text: chunkText, start, end: start + chunkText.length, hash: '' },
        doc: { id, title: lines[0]!, date: null, hash: '', chunks: 2, chars: text.length },
        score: 1,
        denseRank: null,
        keywordRank: null,
        similarity: null,
      });
    }
  }
  return out;
}

const all = passagesFor(Object.keys(DOCS));
const featureIndex = (name: string) => (SENTENCE_FEATURES as readonly string[]).indexOf(name);
const df = new Map<string, number>();
for (const p of all) for (const t of new Set(terms(p.chunk.text))) df.set(t, (df.get(t) ?? 0) + 1);
const embedder = new LexicalEmbeddings();

function request(question: string, history: Turn[] = [], passages = all): AnswerRequest {
  return {
    question,
    history,
    passages,
    idf: (t) => Math.log(1 + (all.length - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5)),
    embed: (t) => embedder.embed(t),
    documentFrequency: (t) => df.get(t) ?? 0,
    documentText: async (id) => DOCS[id],
  };
}

const answerer = new ExtractiveAnswerer();
const committedModel = loadAnswerModel();
const neverDeclines = new ExtractiveAnswerer({ model: { ...committedModel, abstain: { ...committedModel.abstain, threshold: 0 } } });

describe('ExtractiveAnswerer', () => {
  it('answers with the sentence that holds the answer and cites it', async () => {
    const a = await answerer.answer(request('How many countries have joined the ceasefire call?'));
    expect(a.abstained).toBe(false);
    expect(stripMarkup(a.text)).toContain('127 countries');
    expect(a.text).toContain('**127**');
    expect(a.text).toMatch(/\[1\]/);
    expect(a.citations[0]).toMatchObject({ n: 1, docId: 'ceasefire.txt', title: 'Ceasefire call gains support', quote: 'A total of 127 countries have joined the ceasefire call thus far.' });
  });

  it('quotes exactly the cited span of the document', async () => {
    for (const q of ['When was the ceasefire initiative launched?', 'When did the Lisbon summit close?', 'How many delegations came to Lisbon?']) {
      const a = await answerer.answer(request(q));
      expect(a.citations.length, q).toBeGreaterThan(0);
      for (const c of a.citations) expect(DOCS[c.docId]!.slice(c.start, c.end)).toBe(c.quote);
    }
  });

  it('keeps a date written with an abbreviation in one sentence', async () => {
    const a = await answerer.answer(request('When was the complete ceasefire in the border zone introduced?'));
    expect(a.text).toContain('Nov. 10, 2020');
  });

  it('abstains when nothing covers the question', async () => {
    for (const q of ['What is the recipe for plov?', 'Who won the football world cup?']) {
      const a = await answerer.answer(request(q));
      expect(a, q).toEqual({ text: ABSTAIN_TEXT, abstained: true, citations: [] });
    }
  });

  it('abstains when the question names a year the source never states', async () => {
    const a = await answerer.answer(request('How many countries had joined the ceasefire call by 2019?'));
    expect(a.abstained).toBe(true);
  });

  it('answers a yes/no question with the sentence about what it asks about', async () => {
    const a = await answerer.answer(request('Did the Lisbon summit close in May?'));
    expect(a.abstained).toBe(false);
    expect(stripMarkup(a.text)).toContain('the Lisbon summit closed on 9 May 2021');
  });

  it('abstains when there are no passages', async () => {
    expect((await answerer.answer(request('How many countries joined?', [], []))).abstained).toBe(true);
  });

  it('answers a follow-up about the subject of the previous question', async () => {
    // The fair is retrieved first, so only the previous question points at the summit.
    const passages = passagesFor(['fair.txt', 'summit.txt']);
    const history: Turn[] = [{ question: 'When did the Lisbon summit open?', answer: 'The Lisbon summit opened on 3 May 2021 [1]' }];
    // Which sentence answers is what is tested: on these seven toy documents the abstention model's probability is
    // no guide (0.51 against the threshold's 0.525 after the session-41 refit), so it is set aside. Answering a
    // follow-up at all is tested on the real corpus (tests/core/engine.test.ts).
    const a = await neverDeclines.answer(request('And when did it close?', history, passages));
    expect(a.abstained).toBe(false);
    expect(a.citations[0]!.docId).toBe('summit.txt');
    expect(stripMarkup(a.text.split('[1]')[0]!)).toContain('9 May 2021');
  });

  /**
   * Retrieval that finds only what a query's own words point at (as one search for both parts of a question would
   * not), best first; each query searched is recorded in `searched`.
   */
  function ownWordsSearch(searched: string[] = []): Pick<AnswerRequest, 'retrieve' | 'analyze'> {
    return {
      retrieve: async (query: QueryAnalysis) => {
        searched.push(query.question);
        const own = new Set(terms(query.question));
        const scored = all.map((p) => ({ p, n: terms(p.chunk.text).filter((t) => own.has(t)).length })).filter((x) => x.n > 0);
        return scored.sort((a, b) => b.n - a.n).map((x) => x.p);
      },
      analyze: (text: string) => analyzeQuery(text, { documentFrequency: (t) => df.get(t) ?? 0 }),
    };
  }

  it('answers each part of a question in parts from passages retrieved for that part, as a question of its own, with a citation each', async () => {
    const searched: string[] = [];
    const question = 'How many countries have joined the ceasefire call, and when did the Lisbon summit close?';
    const a = await answerer.answer({ ...request(question, [], passagesFor(['fair.txt'])), ...ownWordsSearch(searched) });
    expect(searched).toEqual(['How many countries have joined the ceasefire call', 'when did the Lisbon summit close?']);
    expect(a.abstained).toBe(false);
    expect(a.text).toContain('**127**');
    expect(stripMarkup(a.text)).toContain('closed on 9 May 2021');
    // Each part's best sentence, in the order asked; a part quotes what it would as a question of its own (its best
    // sentence, and a runner-up that scores close to it).
    expect(a.citations[0]!.docId).toBe('ceasefire.txt');
    const search = ownWordsSearch();
    const part = 'when did the Lisbon summit close?';
    const alone = await answerer.answer(request(part, [], await search.retrieve!(search.analyze!(part))));
    expect(alone.citations[0]!.quote).toBe('After long talks the Lisbon summit closed on 9 May 2021.');
    expect(a.citations.slice(1).map((c) => c.quote)).toEqual(alone.citations.slice(0, 2).map((c) => c.quote));
  });

  it('asks a later part that leans on the one before ("…, and when was it launched") about that part\'s topic', async () => {
    const searched: string[] = [];
    const a = await answerer.answer({ ...request('How many countries have joined the ceasefire call, and when was it launched?', [], passagesFor(['fair.txt'])), ...ownWordsSearch(searched) });
    expect(searched).toEqual(['How many countries have joined the ceasefire call', 'when was it launched (about the ceasefire call)?']);
    expect(a.text).toContain('**127**');
    expect(a.text).toContain('**September 21**');
  });

  it('takes that topic from what the part before asks, not from the context typed ahead of it', async () => {
    const searched: string[] = [];
    await answerer.answer({ ...request('saw the news story from the summit - how many countries have joined the ceasefire call, and when was it launched', [], passagesFor(['fair.txt'])), ...ownWordsSearch(searched) });
    expect(searched[1]).toBe('when was it launched (about the ceasefire call)?');
  });

  it('bolds the answer to each part that one quoted sentence answers', async () => {
    const a = await new ExtractiveAnswerer({ abstainThreshold: 0 }).answer({ ...request('Which city hosted the bloc summit, and in what month was it hosted?'), ...ownWordsSearch() });
    expect(a.text).toMatch(/^Last \*\*January\*\* the bloc summit was hosted under President Museveni in the capital, \*\*Kampala\*\*\. \[1\]/);
  });

  it('bolds the city a "which city" question asks for, not a person or the country', async () => {
    // Abstention off: the test is about which name is bolded (this tiny corpus makes "city" a rare, unmatched word).
    const a = await new ExtractiveAnswerer({ abstainThreshold: 0 }).answer(request('Which city hosted the bloc summit?'));
    expect(a.text).toContain('capital, **Kampala**');
  });

  it('marks a quote whose source starts mid-sentence with "…", and a sentence opening on a name as written', async () => {
    // A syndicated copy that lost its first words ("Minister"), as document 002 of corpus/ did.
    const cut = 'of Foreign Affairs Jeyhun Bayramov held a meeting with the ambassadors of the member countries in Baku.';
    const named = 'eBay opened its first office in Baku in 2019.';
    const texts: Record<string, string> = { 'cut.txt': cut, 'named.txt': named };
    const passages = Object.entries(texts).map(([id, text]): Passage => ({
      chunk: { id: `${id}#0`, docId: id, text, start: 0, end: text.length, hash: '' },
      doc: { id, title: id, date: null, hash: '', chunks: 1, chars: text.length },
      score: 1,
      denseRank: null,
      keywordRank: null,
      similarity: null,
    }));
    const ask = (q: string) => new ExtractiveAnswerer({ abstainThreshold: 0 }).answer({ ...request(q, [], passages), documentText: async (id) => texts[id] });
    const meeting = await ask('Who held a meeting with the ambassadors of the member countries?');
    expect(meeting.text.replaceAll('**', '')).toMatch(/^…of Foreign Affairs/);
    expect(meeting.citations[0]!.quote).toBe(cut);
    const office = await ask('When did eBay open its first office in Baku?');
    expect(office.text).toMatch(/^eBay opened/);
  });

  it('keeps answers short', async () => {
    const a = await answerer.answer(request('When did the Lisbon summit close?'));
    expect(a.text.length).toBeLessThanOrEqual(520);
  });
});

describe('answerType', () => {
  it.each([
    ['How many countries joined?', 'number'],
    ['By how much did production grow?', 'number'],
    ['When was it launched?', 'date'],
    ['In what year did it open?', 'date'],
    ['Who wrote the article?', 'person'],
    ['Which city was declared capital?', 'place'],
    ['What declaration was adopted?', null],
  ])('%s → %s', (q, type) => {
    expect(answerType(q)).toBe(type);
  });

  it('answers a "when" question with a weekday and clock time, not only calendar dates', async () => {
    const a = await new ExtractiveAnswerer().answer(request('When does the reading room of the library open?'));
    expect(a.abstained).toBe(false);
    expect(stripMarkup(a.text)).toContain('Monday at 9 am');
  });
});

describe('a best sentence whose next sentence refers back to it ("The site, …")', () => {
  const engine = engineOn({
    'embassy.txt': [
      'Embassy plot inspected',
      'The two prime ministers inspected the plot of land in Baku designated for the new Georgian embassy.',
      "The site, in the Yasamal district, was allocated under a 2023 decree following a directive from Azerbaijan's President.",
      'Construction is expected to take two years.',
    ].join('\n'),
    'port.txt': 'Port report\nThe new port opened in May and handled forty ships in its first week.',
  });

  it('is quoted together with it when the pair holds more of the question', async () => {
    const a = await engine().ask('on whose orders was georgia given land for its embassy');
    expect(a.abstained).toBe(false);
    expect(a.text).toContain('plot of land');
    expect(a.text).toContain("Azerbaijan's President");
    // The capital opening the second sentence is no name to bold.
    expect(a.text).not.toContain('**The**');
  });

  it('is quoted together with it when a "where" question finds its place only in the pair', async () => {
    for (const question of ['where in baku will the georgian embassy be', 'which part of baku is the new georgian embassy gonna be in']) {
      const a = await engine().ask(question);
      expect(a.abstained, question).toBe(false);
      expect(stripMarkup(a.text), question).toContain('in the Yasamal district');
    }
  });
});

describe('a sentence that takes up a noun of the one before ("The conflict …" after "…the Karabakh conflict…")', () => {
  const engine = engineOn({
    'karabakh.txt': [
      'Karabakh ceasefire anniversary',
      'A complete ceasefire in the zone of the Karabakh conflict was introduced on Nov. 10, 2020.',
      '',
      'The conflict between the two countries began in 1988 when territorial claims were made.',
      '',
      'Peace talks have continued since then in several capitals.',
    ].join('\n'),
    'port.txt': 'Port report\nThe new port opened in May and handled forty ships in its first week.',
  });

  it('answers from the two read together when each holds part of the question', async () => {
    const a = await engine().ask('what year did the karabakh conflict begin');
    expect(a.abstained).toBe(false);
    expect(a.text).toContain('**1988**');
  });
});

describe('a best sentence quoted with the sentence after it that refers back to it', () => {
  const text = [
    "Speaking about his country's preparations for COP29, Hikmat Hajiyev said that the purpose of the presidency is to create an important platform on climate change issues between the countries of the Global South and Global North.",
    'It was noted that attempts were made to target the large-scale works carried out by Azerbaijan with various baseless issues, attempts were made to include the Azerbaijan-Armenia normalization process, the issue of "Azerbaijan being an oil country", as well as excuses such as human rights, in the COP agenda in an unacceptable manner.',
  ].join(' ');
  const passages: Passage[] = [
    {
      chunk: { id: 'presidency.txt#0', docId: 'presidency.txt', text, start: 0, end: text.length, hash: '' },
      doc: { id: 'presidency.txt', title: 'Presidency', date: null, hash: '', chunks: 1, chars: text.length },
      score: 1,
      denseRank: null,
      keywordRank: null,
      similarity: null,
    },
  ];

  it('keeps the best sentence whole when the pair is too long to quote whole, with no "…" at the sentence end', async () => {
    const answerer = new ExtractiveAnswerer({ abstainThreshold: 0 });
    const analysis = (await answerer.analyse({ ...request("according to hajiyev what's the goal of azerbaijan's cop29 presidency", [], passages), documentText: async () => text }))!;
    // As the ranker ranks it on the whole corpus: the first sentence best, the pair next (it holds "Azerbaijan" too).
    const best = analysis.ranked.find((c) => c.start === 0 && c.text.endsWith('Global North.'))!;
    const pair = analysis.ranked.find((c) => c.start === 0 && c.end === text.length)!;
    best.score = 1;
    pair.score = 0.9;
    const a = answerer.compose({ ...analysis, ranked: [best, pair, ...analysis.ranked.filter((c) => c !== best && c !== pair)] });
    expect(a.citations[0]!.quote.length).toBeLessThan(pair.text.length);
    expect(a.text).toMatch(/^Speaking about his country's preparations for COP29, .* Global South and Global North\.(?!…)/);
  });
});

describe('a long sentence that answers two parts of a question', () => {
  const engine = engineOn({
    'ots.txt': [
      'Turkic states in 2024',
      'Azerbaijan has attached particular importance to strategic cooperation within the framework of the Organization of Turkic States (OTS).',
      'On 6 June in Shusha, within the framework of an Informal Summit of the OTS under the theme of “Building a Sustainable Future through Transport, Connectivity and Climate Action,” the Garabagh Declaration was adopted, support was expressed for mine action and humanitarian demining for the return of internally displaced persons of Azerbaijan to their homeland.',
      'In July of this year, an opening ceremony was held in the city of Lankaran.',
    ].join('\n'),
    'port.txt': 'Port report\nThe new port opened in May and handled forty ships in its first week.',
  });

  it("keeps the other part's short answer in the quote when the clauses fit", async () => {
    const a = await engine().ask('whats the garabagh declaration, where was it adopted');
    expect(a.abstained).toBe(false);
    expect(a.text).toContain('in **Shusha**');
    expect(a.text).toContain('Garabagh Declaration was adopted');
  });
});

describe('a "how long" question answered by a length of time in words', () => {
  const war = passagesFor(['war.txt'], {
    'war.txt': [
      'Karabakh war',
      'A complete ceasefire and a cessation of all hostilities in the zone of the Karabakh conflict were introduced on Nov. 10, 2020.',
      'The conflict between the two South Caucasus countries began in 1988 when Armenia made territorial claims against Azerbaijan. As a result of the ensuing war, the Armenian Armed Forces occupied 20 percent of Azerbaijan, including the Karabakh region and seven surrounding districts.',
      'Following over a month of military action to liberate its territories from Armenian occupation from late Sept. to early Nov. 2020, Azerbaijan has pushed Armenia to sign the surrender document.',
    ].join('\n'),
  });

  it('counts "over a month" as the kind of answer asked for, and quotes it', async () => {
    const question = 'how long did the 2020 war to retake the territories go on';
    const analysis = (await neverDeclines.analyse(request(question, [], war)))!;
    const month = analysis.ranked.find((c) => c.text.startsWith('Following over a month'))!;
    expect(month.features[featureIndex('typed')]).toBe(1);
    expect(month.features[featureIndex('typeMissing')]).toBe(0);
    expect((await neverDeclines.answer(request(question, [], war))).text).toContain('Following over **a month** of military action');
  });
});
