import { beforeAll, describe, expect, it } from 'vitest';
import { answerType, askedPlaceNoun, asksNamedKind, asksWhere, emphasise, shortAnswer } from '../../../src/core/answer/answer-kind.js';
import { nameKinds } from '../../../src/core/answer/name-kinds.js';
import { loadNlp } from '../../../src/core/nlp.js';
import { words } from '../../../src/core/text.js';

/** The sentence with the short answer to `question` in bold, names told apart by the tagger. */
function bolded(text: string, question: string): string {
  const kindOf = nameKinds(text)!;
  const context = { kindOf, namedKind: asksNamedKind(question), placeNoun: askedPlaceNoun(question) };
  return emphasise(text, shortAnswer(text, answerType(question), null, new Set(words(question)), [], new Set(), asksWhere(question), context));
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

  it('bolds no place for "which newspaper"', () => {
    expect(bolded('The report, first printed in Mexico by the daily Reforma, was later quoted by Abdullayeva.', 'which newspaper printed the report')).toContain('the daily **Reforma**');
  });

  it('bolds a place, not the speaker, for "where"', () => {
    expect(bolded('Speaking to reporters, Abdullayeva said the new consulate would serve Brazil and Chile.', 'where will the new consulate serve')).toContain('serve **Brazil and Chile**');
  });

  it('keeps a country for a bare "who" (in the news a country acts)', () => {
    expect(bolded('Azerbaijan handed over the chairmanship of the Movement to Uganda at the summit.', 'who took over the chairmanship of the movement')).toContain('to **Uganda**');
  });
});
