import { beforeAll, describe, expect, it } from 'vitest';
import { answerType, askedDirection, askedPlaceNoun, asksForDescribed, asksNamedKind, emphasise, shortAnswer } from '../../../src/core/answer/answer-kind.js';
import { nameKinds } from '../../../src/core/answer/name-kinds.js';
import { loadNlp } from '../../../src/core/nlp.js';
import { terms, words } from '../../../src/core/text.js';

/**
 * The sentence with the short answer to `question` in bold, names told apart by the tagger. Anchors as the answerer
 * sets them: the end of each of the question's content words in the sentence.
 */
function bolded(text: string, question: string, topic: ReadonlySet<string> = new Set()): string {
  const kindOf = nameKinds(text)!;
  const context = { kindOf, namedKind: asksNamedKind(question), placeNoun: askedPlaceNoun(question), describedIsAnswer: asksForDescribed(question) };
  const asked = new Set(terms(question));
  const anchors = [...text.matchAll(/\p{L}+/gu)].filter((m) => asked.has(terms(m[0])[0] ?? '')).map((m) => m.index + m[0].length);
  const type = answerType(question);
  return emphasise(text, shortAnswer(text, type, null, new Set(words(question)), anchors, topic, askedDirection(type, question), context));
}

describe('short answers to who / where questions, names told apart by the tagger', () => {
  beforeAll(async () => {
    await loadNlp();
  });

  const summit = 'The summit of the bloc, chaired by President Museveni, took place in Kampala, Uganda, last January.';

  it('bolds the city for "which city" and the country for "which country", not the person nearer the start', () => {
    expect(bolded(summit, 'which city hosted the summit of the bloc')).toContain('in **Kampala**, Uganda');
    expect(bolded(summit, 'which country hosted the summit')).toContain('Kampala, **Uganda**,');
  });

  it('bolds no country for "which city", however the sentence places it, nor a city for "which country"', () => {
    const country = 'The members agreed to hold the next summit of the bloc in Uganda in 2025.';
    expect(bolded(country, 'which city will host the next summit of the bloc')).toBe(country);
    expect(bolded(country, 'which country will host the next summit of the bloc')).toContain('in **Uganda** in');
    const city = 'The ruling was given after the revocation of the Edict of Nantes by the king.';
    expect(bolded(city, 'which country revoked the edict')).toBe(city);
  });

  it('bolds no place for "which newspaper"', () => {
    expect(bolded('The report, first printed in Mexico by the daily Reforma, was later quoted by Abdullayeva.', 'which newspaper printed the report')).toContain('the daily **Reforma**');
  });

  it('bolds a place, not the speaker, for "where"', () => {
    expect(bolded('Speaking to reporters, Abdullayeva said the new consulate would serve Brazil and Chile.', 'where will the new consulate serve')).toContain('serve **Brazil and Chile**');
  });

  it('bolds nothing for "where" when no name in the sentence reads as a place', () => {
    const s = 'In the Rankine cycle, heat is rejected in the condenser, unlike in the ideal Carnot cycle.';
    expect(bolded(s, 'where is heat rejected in the rankine cycle')).toBe(s);
  });

  it('keeps a country for a bare "who" (in the news a country acts)', () => {
    expect(bolded('Azerbaijan handed over the chairmanship of the Movement to Uganda at the summit.', 'who took over the chairmanship of the movement')).toContain('to **Uganda**');
  });

  it('for a "who" that ends on a preposition, bolds the name the sentence puts after it', () => {
    const handed = "Chairing the bloc, Azerbaijan's Foreign Minister Jeyhun Bayramov handed the chair to Uganda at the summit.";
    expect(bolded(handed, 'who did the bloc hand the chair over to')).toContain('to **Uganda** at');
    expect(bolded(handed, 'who handed the chair to uganda')).toContain('Jeyhun Bayramov** handed');
    const fled = 'The duke fled south with the Song Emperor, leaving his brother Kong Duancao in Qufu.';
    expect(bolded(fled, 'who did the duke flee with')).toContain('with the **Song Emperor**');
  });

  it('for "which agency / newspaper", prefers a name to one that owns the next noun ("the Ministry’s spokesperson")', () => {
    const told = 'The piece carried the commentary of Azerbaijani Foreign Ministry’s spokesperson Leyla Abdullayeva, the Azerbaijani Embassy in Mexico told Trend.';
    expect(bolded(told, 'which news agency did the azerbaijani embassy in mexico talk to')).toContain('told **Trend**.');
  });

  it('prefers, for a bare "who", a name that is no place to a place, and a place to a lone capitalised word', () => {
    expect(bolded("The minister welcomed Kenya's decision to move Amina Odhiambo to house arrest.", 'who was moved to house arrest')).toContain('**Amina Odhiambo**');
    expect(bolded('In Baku the chair passed to Uganda, the Secretariat said.', 'who did the chair pass to')).toContain('to **Uganda**,');
  });

  it('takes the owner of a possessive inside a name when it is a person ("Wang Zhen\'s Nong Shu" for "who wrote the Nong Shu")', () => {
    expect(bolded("Some Ming records, such as John Smith's Harbour Book, describe the ships.", 'who wrote the harbour book', new Set(['harbour', 'book']))).toContain("**John Smith**'s Harbour Book");
  });

  it('reads the word before "of" as the head of a name: "Sybilla of Normandy" is a person, not a place', () => {
    expect(bolded('In 1107 Alexander I married Sybilla of Normandy, a daughter of Henry Beauclerc.', 'Who did Alexander I marry?')).toContain('married **Sybilla of Normandy**,');
  });

  it('takes a name that opens the sentence when the tagger reads it as a place, person or organisation', () => {
    expect(bolded('Kenya convened the talks in a hotel near the Grand Plaza.', 'who convened the talks')).toContain('**Kenya** convened');
  });

  it('takes no title alone for a name', () => {
    const text = 'The minister met with Assistant to the Governor Amina Yusuf and her staff.';
    expect(bolded(text, 'who did the minister meet with')).not.toContain('**Assistant**');
    expect(bolded(text, 'who did the minister meet with')).toMatch(/\*\*(?:Governor )?Amina Yusuf\*\*/);
  });

  it('bolds not the person the question describes by title, unless it asks who that is', () => {
    const text = 'Portugal’s Prime Minister Ana Costa and Brazil’s Prime Minister Rui Lima toured the new harbour in Lisbon.';
    // What the question is about, as the answerer passes it: its words and the words standing for them ("brazil").
    const topic = new Set(['brazilian', 'brazil', 'prime', 'minister', 'tour', 'harbour']);
    expect(bolded(text, 'who did the brazilian prime minister tour the harbour with', topic)).toContain('Prime Minister **Ana Costa** and');
    expect(bolded(text, 'who is the brazilian prime minister', new Set(['brazilian', 'brazil', 'prime', 'minister']))).toContain('Prime Minister **Rui Lima** toured');
    // One title word describes both people ("King"): the other is still the answer.
    expect(bolded('King Edward was succeeded by King George in 1910.', 'who succeeded king edward', new Set(['succeed', 'king', 'edward']))).toMatch(/\*\*(?:King )?George\*\*/);
  });

  it('reads a sentence the same way when it is asked about again after others (the tagging is kept)', () => {
    const city = 'The summit took place in Kampala last January.';
    const first = nameKinds(city)!(25, 32);
    expect(first.city).toBe(true);
    for (let i = 0; i < 20; i++) expect(nameKinds(`Maria Lopez spoke to reporters ${i} times.`)!(0, 11).person).toBe(true);
    expect(nameKinds(city)!(25, 32)).toEqual(first);
    // Another sentence with the same words elsewhere is read on its own.
    expect(nameKinds('Kampala hosted the summit of the bloc.')!(0, 7).city).toBe(true);
  });

  it('leaves out the article that opens a name', () => {
    expect(bolded('The Walt Disney Company bought the network in 1996.', 'which company bought the network')).toContain('The **Walt Disney Company** bought');
  });
});
