import { describe, expect, it } from 'vitest';
import { engineOn } from '../../helpers/engine-on.js';

describe('a who/where question whose best sentence names nothing of the kind asked', () => {
  const engine = engineOn({
    'summit.txt':
      'The Organization of Turkic States held its 11th summit in Bishkek in November. ' +
      'A decision was made to hold the 12th summit of the organisation in Azerbaijan in 2025. ' +
      'The member states also signed an agreement on digital trade.',
    'port.txt': 'The new port opened in May and handled forty ships in its first week.',
  });

  it('is answered when the sentence names a place of that kind ("which country", "where")', async () => {
    for (const q of ['which country is hosting the organisations 12th summit', 'where is the 12th summit going to be held']) {
      const a = await engine().ask(q);
      expect(a.abstained, q).toBe(false);
      expect(a.text).toContain('**Azerbaijan**');
    }
  });

  it('is declined when the sentence names only a country and a city is asked for', async () => {
    for (const q of ['which city is hosting the organisations 12th summit', 'which city is the 12th summit going to be held in'])
      expect((await engine().ask(q)).abstained, q).toBe(true);
  });
});
