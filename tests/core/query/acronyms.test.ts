import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Footnote } from '../../../src/core/engine.js';
import { acronymMap, collectAcronyms } from '../../../src/core/query/acronyms.js';
import { tempDir, testConfig, writeFiles } from '../../helpers/temp.js';

describe('acronyms the corpus’s names spell', () => {
  it('reads every ending part of a name, through "of" and hyphens, and stops at punctuation and capitals-only words', () => {
    const found = new Map<string, Map<string, number>>();
    collectAcronyms('The Azerbaijani Ministry of Foreign Affairs said so. Members of the Non-Aligned Movement met the UN Climate Council, Paris.', found);
    const map = acronymMap(found);
    expect(map.mfa).toBe('ministri foreign affair');
    expect(map.amfa).toBe('azerbaijani ministri foreign affair');
    expect(map.nam).toBe('non align movement');
    expect(map.cc).toBe('climat council');
    // "UN" ends the name before it; the comma ends the one after it.
    expect(Object.keys(map).some((k) => k.startsWith('u') || k.endsWith('p'))).toBe(false);
  });

  describe('in a question', () => {
    let cleanup: () => Promise<void>;
    let engine: Footnote;

    beforeAll(async () => {
      let root: string;
      ({ dir: root, cleanup } = await tempDir());
      await writeFiles(path.join(root, 'corpus'), {
        'gold.txt': 'Customs officers in Istanbul found seventy kilograms of gold in a diplomatic car. The Ministry of Foreign Affairs has declined to comment on the case.',
        'port.txt': 'The new port opened in May and handled forty ships in its first week.',
        'harvest.txt': 'The harvest festival was held in the village square with music and dancing.',
        'transit.txt': 'Central Asian Transit carried more freight in May than in any month before.',
      });
      engine = await Footnote.open(testConfig(root), { buildIfMissing: true });
    });
    afterAll(() => cleanup());

    it('finds the name the corpus writes out and answers from it', async () => {
      // The corpus never writes "MFA": read as an unknown name, the question was declined.
      const a = await engine.ask('whats the MFA saying about the gold case');
      expect(a.abstained).toBe(false);
      expect(a.text).toContain('declined to comment');
      expect(engine.analyze('MFA').terms.map((t) => t.term)).toEqual(expect.arrayContaining(['ministri', 'foreign', 'affair']));
    });

    it('reads an English word as the word unless it is written in capitals', () => {
      const terms = (q: string) => engine.analyze(q).terms.map((t) => t.term);
      expect(terms('how much freight did the cat carry')).not.toContain('central');
      expect(terms('how much freight did CAT carry')).toEqual(expect.arrayContaining(['central', 'asian', 'transit']));
    });
  });
});
