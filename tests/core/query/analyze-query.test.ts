import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Footnote } from '../../../src/core/engine.js';
import { readIndex } from '../../../src/core/index-store.js';
import { normalizeChatForms } from '../../../src/core/query/chat-forms.js';
import { tempDir, testConfig, writeFiles } from '../../helpers/temp.js';

// Six short articles that share no topic words, so a question finds the right one only through its own words.
const CORPUS = {
  'ceasefire.txt':
    'Both armies agreed to a ceasefire in March after long talks in the capital. The ceasefire has held along the river since then, observers said.',
  'harvest.txt':
    'The harvest festival was held in the village square with music and dancing. Farmers brought apples, pumpkins and bread to sell to visitors. The festival goes back to the 18th century.',
  'harvard.txt':
    'Harvard University admitted more students from abroad this year than ever before. Harvard said applications from Asia grew fastest.',
  'factory.txt':
    'Factory production rose sharply in the second quarter as new machines arrived at the plant. Managers expect production to keep growing.',
  'border.txt':
    'Police detained three people near the border on Tuesday evening. The three were detained after a search of their truck found stolen goods.',
  'trade.txt':
    'Forty countries signed the trade agreement in Geneva on Friday. The countries promised to lower tariffs on farm goods within five years.',
  'museum.txt': 'A museum spokesperson said the new wing opens in May. Peruvian artists will show their work there, at five dollars per visit.',
};

describe('query analysis: how a question worded its own way still finds its document', () => {
  let cleanup: () => Promise<void>;
  let root: string;
  let engine: Footnote;
  const topDoc = async (q: string) => (await engine.search(q, 3))[0]?.doc.id;

  beforeAll(async () => {
    ({ dir: root, cleanup } = await tempDir());
    await writeFiles(path.join(root, 'corpus'), CORPUS);
    engine = await Footnote.open(testConfig(root), { buildIfMissing: true });
  });
  afterAll(() => cleanup());

  it('corrects typos against the corpus vocabulary, names included', async () => {
    expect(await topDoc('ceasfire')).toBe('ceasefire.txt');
    expect(await topDoc('what did harvad say about applications')).toBe('harvard.txt');
    // Two letters swapped is one slip, however short the word.
    expect(engine.analyze('when was the havrest festival').corrections).toEqual([{ from: 'havrest', to: 'harvest' }]);
    expect(await topDoc('how many contries signed')).toBe('trade.txt');
  });

  it('corrects a typo of a form of a corpus word the corpus itself never uses', async () => {
    // The corpus has "detained" and "agreed", not "detaining" or "agreeing": one slip from those English words, whose stems it has.
    expect(engine.analyze('who were the police detianing').corrections).toEqual([{ from: 'detianing', to: 'detaining' }]);
    expect(await topDoc('when were the armies agreeign on a truce')).toBe('ceasefire.txt');
    expect(engine.analyze('when were the armies agreeign on a truce').corrections).toEqual([{ from: 'agreeign', to: 'agreeing' }]);
  });

  it('never corrects a real word into another', async () => {
    expect(await topDoc('harvest')).toBe('harvest.txt');
    const a = engine.analyze('harvest apples pumpkin');
    expect(a.corrections).toEqual([]);
    expect(a.corrected).toBe('harvest apples pumpkin');
    // English words the corpus lacks stay as typed ("anything" is one edit from nothing in the corpus, but is a word).
    expect(engine.analyze('did anything happen to the armies').corrections).toEqual([]);
    expect(engine.analyze('were the talks fruitless').corrections).toEqual([]);
    // What the tokenizer leaves of "didn't" is neither a word to search for nor a typo of "did" (the question lost its negation).
    const negative = engine.analyze("why didn't the armies agree");
    expect(negative.corrected).toBe("why didn't the armies agree");
    expect(negative.terms.filter((t) => t.source === 'original').map((t) => t.term)).toEqual(['armi', 'agre']);
  });

  it('finds documents through WordNet synonyms the corpus uses', async () => {
    expect(await topDoc('tell me about the truce')).toBe('ceasefire.txt');
    expect(await topDoc('which nations are in it')).toBe('trade.txt');
    expect(await topDoc('did output go up')).toBe('factory.txt');
  });

  it('weights the question’s own words above corrections and synonyms', () => {
    const a = engine.analyze('whats the deal with the ceasfire truce');
    expect(a.normalized).toBe('what about the ceasfire truce');
    expect(a.corrected).toBe('what about the ceasefire truce');
    expect(a.corrections).toEqual([{ from: 'ceasfire', to: 'ceasefire' }]);
    const byWord = Object.fromEntries(a.terms.map((t) => [`${t.source}:${t.word}`, t.weight]));
    expect(byWord['original:truce']).toBe(1);
    expect(byWord['spelling:ceasefire']).toBeLessThan(1);
    const synonym = engine.analyze('truce').terms.find((t) => t.source === 'synonym');
    expect(synonym).toMatchObject({ term: 'ceasefir', from: 'truce' });
    expect(synonym!.weight).toBeLessThan(byWord['spelling:ceasefire']!);
  });

  it('finds the corpus’s own word for the opposite of a question word', () => {
    expect(engine.analyze('did the armies disagree on a ceasefire').opposites).toContainEqual({ from: 'disagre', term: 'agre' });
    expect(engine.analyze('did both armies agree on a ceasefire').opposites).toEqual([]);
  });

  it('finds an irregular inflection of a question word, either way round ("rise" / "rose", "sold" / "sell")', () => {
    expect(engine.analyze('how fast did production rise').terms).toContainEqual(expect.objectContaining({ term: 'rose', source: 'synonym', from: 'rise' }));
    expect(engine.analyze('who made the farmers sell bread').terms.find((t) => t.term === 'sold')).toBeUndefined();
    expect(engine.analyze('what goods were sold').terms).toContainEqual(expect.objectContaining({ term: 'sell', source: 'synonym', from: 'sold', weight: 1 }));
  });

  it('reads a role noun\'s other forms as the same word ("spokesman" / "spokesperson")', async () => {
    expect(engine.analyze('who was the museum spokeswoman').terms).toContainEqual(
      expect.objectContaining({ term: 'spokesperson', source: 'synonym', from: 'spokeswoman', weight: 1 }),
    );
    expect(await topDoc('what did the spokesman say')).toBe('museum.txt');
  });

  it('does not take a name WordNet relates to a corpus word for a typo ("peru" is the corpus\'s "peruvian", not "per")', async () => {
    const a = engine.analyze('when do the peru artists show their work');
    expect(a.corrections).toEqual([]);
    expect(a.terms).toContainEqual(expect.objectContaining({ term: 'peruvian', source: 'synonym', from: 'peru' }));
    expect(await topDoc('what do the peru artists show')).toBe('museum.txt');
  });

  it('finds a word of the same family WordNet derives ("signer", "signature" for "signed")', () => {
    expect(engine.analyze('which signer of the trade agreement').terms).toContainEqual(expect.objectContaining({ term: 'sign', source: 'synonym', from: 'signer' }));
    expect(engine.analyze('whose signature is on the trade agreement').terms).toContainEqual(expect.objectContaining({ term: 'sign', source: 'synonym', from: 'signature' }));
  });

  it('links a word the corpus lacks to the corpus words the Moby thesaurus lists with it, outside the keyword search', () => {
    // "lorry" is never in the corpus; "truck" is. The link is for the answerer only: the search looks for the question's words.
    const a = engine.analyze('what was found in the lorry');
    expect(a.thesaurus).toContainEqual({ from: 'lorri', term: 'truck' });
    expect(a.terms.find((t) => t.term === 'truck')).toBeUndefined();
    // A word the corpus has needs no looser stand-ins.
    expect(engine.analyze('when was the harvest festival').thesaurus).toEqual([]);
  });

  it('reads "the 1700s" as the 18th century, where the corpus says so', async () => {
    expect(engine.analyze('which festival started in the 1700s').terms).toContainEqual(expect.objectContaining({ term: '18th', source: 'synonym', from: '1700s', weight: 1 }));
    // No document names the 20th century: nothing stands in for "the 1900s".
    expect(engine.analyze('which festival started in the 1900s').terms.map((t) => t.term)).toEqual(['festiv', 'start', '1900']);
    expect(await topDoc('which party started in the 1700s')).toBe('harvest.txt');
  });

  it('reads a phrasal verb as one word: "go on" as continue, "keep"', () => {
    expect(engine.analyze('will production go on growing').terms).toContainEqual(expect.objectContaining({ term: 'keep', source: 'synonym', from: 'go' }));
    expect(engine.analyze('will production go growing').terms.find((t) => t.term === 'keep')).toBeUndefined();
  });

  it('drops the particle of a phrasal verb it read, so "down" is no topic the answer must hold', () => {
    const a = engine.analyze('did the countries bring down tariffs on farm goods');
    expect(a.terms).toContainEqual(expect.objectContaining({ term: 'lower', source: 'synonym', from: 'bring' }));
    expect(a.terms.find((t) => t.word === 'down')).toBeUndefined();
    expect(a.corrected).toBe('did the countries bring tariffs on farm goods');
  });

  it('answers a question in another language with one line saying which language it answers in', async () => {
    await expect(engine.ask('¿Cuántos países firmaron el acuerdo comercial en Ginebra?')).rejects.toThrow(
      /^I answer questions in English; please ask in English\.$/,
    );
    await expect(engine.ask('Wie viele Länder haben das Handelsabkommen unterschrieben?')).rejects.toThrow(/ask in English/);
    // Short, with words that fold into English ("commencé" → "commence") or are English too ("die", "la"), and no English function word.
    for (const q of ['quand a commencé la conférence ?', 'wann beginnt die Konferenz?', 'cuando empezó la conferencia'])
      expect(engine.analyze(q).language.foreign, q).toBe(true);
  });

  it('does not take short English chat for another language', async () => {
    for (const q of ['costa v enel - what year', 'who r the ppl detained', 'how come production rose', 'harvard y tho'])
      expect(engine.analyze(q).language.foreign, q).toBe(false);
    const a = await engine.ask('how come ppl got detained near the border');
    expect(a.passages[0]!.doc.id).toBe('border.txt');
  });

  it('keeps the vocabulary in step with the corpus on an incremental re-ingest', async () => {
    await rm(path.join(root, 'corpus', 'harvard.txt'));
    await writeFiles(path.join(root, 'corpus'), { 'zanzibar.txt': 'Zanzibar exports cloves and spices to markets across the ocean every season.' });
    const report = await engine.reindex();
    expect(report.incremental).toBe(true);
    const index = await readIndex(testConfig(root).indexDir);
    expect(index.vocabulary!.count('harvard')).toBe(0);
    expect(index.vocabulary!.count('zanzibar')).toBe(1);
    expect(index.vocabulary!.count('countries')).toBe(2);
    expect(index.manifest.query).toMatchObject({ language: 'eng', words: index.vocabulary!.size });
    expect(await topDoc('zanzibr cloves')).toBe('zanzibar.txt');
  });
});

describe('chat forms', () => {
  it('writes out chat forms as whole words, leaving abbreviations and capitals alone', () => {
    expect(normalizeChatForms('how come ppl r mad w/ the U.S. bc of it')).toBe('why people are mad with the U.S. because of it');
    expect(normalizeChatForms('Whats the deal with plan B')).toBe('what about plan B');
    expect(normalizeChatForms('rural roads')).toBe('rural roads');
    expect(normalizeChatForms("who was shi tianze's dad? and his mom")).toBe("who was shi tianze's father? and his mother");
    // Shortened nouns, written out so they match the documents' words: "docs" never stems to "document".
    expect(normalizeChatForms('how many docs did the org adopt at the conf')).toBe('how many documents did the organization adopt at the conference');
    expect(normalizeChatForms('which uni was the prof at, and where is its hq')).toBe('which university was the professor at, and where is its headquarters');
    expect(normalizeChatForms('Docs say who coached Doc Rivers? Docs say Prof Green')).toBe('documents say who coached Doc Rivers? documents say Prof Green');
  });

  it('writes out question words typed in a hurry, so the question still asks for a date, a place or a name', () => {
    expect(normalizeChatForms('wen did the talks end')).toBe('when did the talks end');
    expect(normalizeChatForms('whered they find the gold, wut was it worth')).toBe('where did they find the gold, what was it worth');
    expect(normalizeChatForms('hw many joined, wich country was first')).toBe('how many joined, which country was first');
    // A name that happens to be spelled so stays a name.
    expect(normalizeChatForms('what did Premier Wen say')).toBe('what did Premier Wen say');
  });

  it('drops the opening of a reply ("ok so…", "okay,") that is never what the question is about', () => {
    expect(normalizeChatForms("ok so what's the point of the ceasefire call").trim()).toBe("what's the point of the ceasefire call");
    expect(normalizeChatForms('okay, so who backed it')).toBe(', who backed it');
    expect(normalizeChatForms('how many joined so far')).toBe('how many joined so far');
    expect(normalizeChatForms('hi, quick question: i was wondering when it was launched').replace(/\W+/g, ' ').trim()).toBe('when it was launched');
    expect(normalizeChatForms("hello, i'd like to know who backed it").replace(/\W+/g, ' ').trim()).toBe('who backed it');
    // Only as the asker's own opening: here it is what the question is about.
    expect(normalizeChatForms('what did blinken want to know')).toBe('what did blinken want to know');
  });

  it('drops asides about the asker ("idk", "tbh", "ngl"), which are no negation and no topic', () => {
    expect(normalizeChatForms('idk much about karabakh lol, when did the conflict start').replace(/\W+/g, ' ').trim()).toBe('much about karabakh when did the conflict start');
    expect(normalizeChatForms('tbh who backed it ngl').replace(/\W+/g, ' ').trim()).toBe('who backed it');
  });

  it('drops "per" ("per bayramov", "per hour"), a preposition that is never the topic', () => {
    expect(normalizeChatForms('how much of the deal is agreed, per bayramov').replace(/\W+/g, ' ').trim()).toBe('how much of the deal is agreed bayramov');
    expect(normalizeChatForms('how many pounds of steam per kilowatt hour').replace(/\W+/g, ' ').trim()).toBe('how many pounds of steam kilowatt hour');
    expect(normalizeChatForms('by how many per cent did output grow')).toBe('by how many percent did output grow');
  });

  it('drops the words that only point ("the ceasefire thing", "the guy with the gold") but not "stuff", which can be the topic', () => {
    expect(normalizeChatForms('when did the ceasefire thing start')).toBe('when did the ceasefire  start');
    expect(normalizeChatForms('what did the guy with the gold claim')).toBe('what did the  with the gold claim');
    expect(normalizeChatForms('what stuff does the immune system detect')).toBe('what stuff does the immune system detect');
  });

  it('drops what contractions leave ("they\'ve" is no "ve" to find) and words that stand in for the answer, keeping names', () => {
    expect(normalizeChatForms("how do cells keep genes they've met before")).toBe('how do cells keep genes they met before');
    expect(normalizeChatForms("we'll see what you're owed, I'm told; who'd know")).toBe('we see what you owed, I told; who know');
    expect(normalizeChatForms("did O'Neill visit Côte d'Ivoire")).toBe("did O'Neill visit Côte d'Ivoire");
    // An abbreviation after a dropped ending is still an abbreviation, not chat ("u" for "you").
    expect(normalizeChatForms("who'd the u.s. send")).toBe('who the u.s. send');
    expect(normalizeChatForms('besides solar, is there anything someone burns')).toBe(' solar, is there   burns');
  });

  it('drops a chat future or outcome ("gonna be", "ended up occupied"), which a document states without those words', () => {
    expect(normalizeChatForms('where is the summit gonna be')).toBe('where is the summit  be');
    expect(normalizeChatForms('how much of the land ended up occupied')).toBe('how much of the land  occupied');
    expect(normalizeChatForms('did Norway end up joining')).toBe('did Norway  joining');
    // "end" alone is a question word ("how did the meeting end").
    expect(normalizeChatForms('how did the meeting end')).toBe('how did the meeting end');
  });
});

describe('typos in the documents', () => {
  // "Bilnken" is a slip for "Blinken" (two letters swapped); "Walter" is a name one letter from "water", not a slip.
  const DOCS = {
    'calls.txt':
      'Secretary Blinken spoke with the two leaders on Sunday. Blinken urged both sides to keep talking about the border. According to the spokesman, Bilnken also welcomed the release of the jailed reporter to house arrest. Blinken will travel to the region next month.',
    'river.txt':
      'The water in the river rose after the storm on Monday. Walter Smith, a farmer, said the flood reached his fields near the bridge. The water fell again by Friday, and the water board opened the road.',
  };
  let cleanup: () => Promise<void>;
  let engine: Footnote;

  beforeAll(async () => {
    let root: string;
    ({ dir: root, cleanup } = await tempDir());
    await writeFiles(path.join(root, 'corpus'), DOCS);
    engine = await Footnote.open(testConfig(root), { buildIfMissing: true });
  });
  afterAll(() => cleanup());

  it('reads a document’s misspelling of a question word as that word', async () => {
    expect(engine.analyze('what did blinken welcome').terms).toContainEqual(expect.objectContaining({ source: 'variant', word: 'bilnken', from: 'blinken' }));
    const a = await engine.ask('what did blinken welcome');
    expect(a.text).toContain('house arrest');
  });

  it('does not take another word one letter away for a typo', () => {
    expect(engine.analyze('who said the water reached the fields').terms.filter((t) => t.source === 'variant')).toEqual([]);
  });
});
