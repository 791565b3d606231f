import { describe, expect, it } from 'vitest';
import { AcronymCounter } from '../../../src/core/query/acronyms.js';
import { engineOn } from '../../helpers/engine-on.js';

/** The acronym map of texts read in order. */
function acronymsOf(...texts: string[]): Record<string, string> {
  const counter = new AcronymCounter();
  for (const text of texts) counter.add(text);
  return counter.toMap();
}

describe('acronyms the corpus’s names spell', () => {
  it('reads every ending part of a name, through "of" and hyphens, and stops at punctuation and capitals-only words', () => {
    const map = acronymsOf('The Azerbaijani Ministry of Foreign Affairs said so. Members of the Non-Aligned Movement met the UN Climate Council, Paris.');
    expect(map.mfa).toBe('ministri foreign affair');
    expect(map.amfa).toBe('azerbaijani ministri foreign affair');
    expect(map.nam).toBe('non align movement');
    expect(map.cc).toBe('climat council');
    // Some acronyms write the "of" ("MoFA", "MoU"): the name is found under both.
    expect(map.mofa).toBe('ministri foreign affair');
    expect(map.amofa).toBe('azerbaijani ministri foreign affair');
    // "UN" ends the name before it ("the Non-Aligned Movement met"), and spells its letters into the one it opens;
    // the comma ends that one.
    expect(map.uncc).toBe('un climat council');
    expect(Object.keys(map).some((k) => k.endsWith('p') || k.startsWith('nam') && k.length > 3)).toBe(false);
  });

  it('spells an all-capitals word that opens a name into its acronym (UNGA, UNFCCC)', () => {
    const map = acronymsOf('Azerbaijan convened a special session of the UN General Assembly. Talks at the UN Framework Convention on Climate Change went on.');
    // The name without it keeps its own acronym (ga).
    expect(map).toMatchObject({ unga: 'un gener assembl', unfccc: 'un framework convent climat chang', ga: 'gener assembl' });
  });

  it('reads a title before a name, and keeps each name an acronym stands for about as often', () => {
    // "pm" was read as the page header "Politics Materials": no name ended in "Prime Minister".
    expect(acronymsOf('Politics Materials. Prime Minister Ali Asadov met Prime Minister Irakli Kobakhidze.', 'Prime Minister Ali Asadov spoke.').pm).toBe('prime minist');
    const both = acronymsOf('The Foreign Ministry said so. Foreign Minister Jeyhun Bayramov agreed. The Foreign Ministry and Foreign Minister Bayramov.');
    expect(both.fm!.split(' ').sort()).toEqual(['foreign', 'minist', 'ministri']);
  });

  it('keeps its memory bounded on a corpus of one-off names, and keeps the names that recur', () => {
    const counter = new AcronymCounter();
    counter.add('The Ministry of Foreign Affairs spoke. The Ministry of Foreign Affairs spoke again.');
    // 210,000 one-off names (two capitalised words each, from a generated alphabet of syllables).
    const syllables = ['Ba', 'Ce', 'Di', 'Fo', 'Gu', 'Ha', 'Ji', 'Ko', 'Lu', 'Me'];
    const word = (n: number) => [0, 1, 2, 3, 4].map((i) => syllables[Math.floor(n / 10 ** i) % 10]!.toLowerCase()).join('');
    for (let n = 0; n < 210_000; n += 1000) {
      const names: string[] = [];
      for (let k = n; k < n + 1000; k++) names.push(`Q${word(k)} X${word(k)}.`);
      counter.add(names.join(' '));
    }
    expect((counter as unknown as { pairs: number }).pairs).toBeLessThanOrEqual(200_000);
    expect(counter.toMap().mfa).toBe('ministri foreign affair');
  });

  describe('in a question', () => {
    const engine = engineOn({
      'gold.txt': 'Customs officers in Istanbul found seventy kilograms of gold in a diplomatic car. The Ministry of Foreign Affairs has declined to comment on the case.',
      'port.txt': 'The new port opened in May and handled forty ships in its first week.',
      'harvest.txt': 'The harvest festival was held in the village square with music and dancing.',
      'transit.txt': 'Central Asian Transit carried more freight in May than in any month before.',
      'memo.txt': 'The two states signed a Memorandum of Understanding on setting up a joint rail company.',
    });

    it('finds the name the corpus writes out and answers from it', async () => {
      // The corpus never writes "MFA": read as an unknown name, the question was declined.
      const a = await engine().ask('whats the MFA saying about the gold case');
      expect(a.abstained).toBe(false);
      expect(a.text).toContain('declined to comment');
      expect(engine().analyze('MFA').terms.map((t) => t.term)).toEqual(expect.arrayContaining(['ministri', 'foreign', 'affair']));
    });

    it('reads a mixed-case acronym by its capitals, its small letters standing for small words', async () => {
      // "MoU" spells "mu" (names' acronyms skip "of"); read as an unknown name, the question was declined.
      const a = await engine().ask('what did the MoU set up');
      expect(a.abstained).toBe(false);
      expect(a.text).toContain('joint rail company');
      expect(engine().analyze('what did the MoU set up').terms.map((t) => t.term)).toEqual(expect.arrayContaining(['memorandum', 'understand']));
    });

    it('reads a plural acronym as the acronym ("MoUs", "MFAs"), and one that writes its "of" ("MOFA")', async () => {
      // "MoUs" was read as an unknown name ("mous") and the question declined.
      const a = await engine().ask('what did the MoUs set up');
      expect(a.abstained).toBe(false);
      expect(a.text).toContain('joint rail company');
      const terms = (q: string) => engine().analyze(q).terms.map((t) => t.term);
      expect(terms('did the MFAs comment')).toEqual(expect.arrayContaining(['ministri', 'foreign', 'affair']));
      expect(terms('whats the MOFA saying about the gold case')).toEqual(expect.arrayContaining(['ministri', 'foreign', 'affair']));
    });

    it('reads an English word as the word unless it is written in capitals', () => {
      const terms = (q: string) => engine().analyze(q).terms.map((t) => t.term);
      expect(terms('how much freight did the cat carry')).not.toContain('central');
      expect(terms('how much freight did CAT carry')).toEqual(expect.arrayContaining(['central', 'asian', 'transit']));
    });
  });
});
