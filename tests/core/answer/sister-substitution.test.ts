import { describe, expect, it } from 'vitest';
import { buildQueryData } from '../../../src/core/query/query-data.js';
import { QueryVocabulary } from '../../../src/core/query/query-vocabulary.js';
import { engineOn } from '../../helpers/engine-on.js';

describe('a question that puts another thing of the same kind where the text has one ("silver" for "gold")', () => {
  it('tells sisters from the same word and from unrelated words, for corpus nouns only', () => {
    const vocabulary = new QueryVocabulary(
      buildQueryData([{ id: 'a', hash: 'h', text: 'Gold and silver coins, a virus and two viruses, men and women, and steam at some speed.' }], null),
    );
    expect(vocabulary.sisters('silver', 'gold')).toBe(true);
    expect(vocabulary.sisters('women', 'men')).toBe(true);
    expect(vocabulary.sisters('viruses', 'virus')).toBe(false);
    expect(vocabulary.sisters('steam', 'speed')).toBe(false);
    // "copper" is not a corpus word: nothing is known of it.
    expect(vocabulary.sisters('copper', 'gold')).toBe(false);
  });

  const engine = engineOn({
    'smuggling.txt': 'Police stopped a taxi near the shopping centre. During the search, police found gold bars in the boot of the taxi.',
    'museum.txt': 'The city museum shows silver coins and bronze tools from the tenth century.',
  });

  it('is not answered by the sentence about the other one', async () => {
    const asked = await engine().ask('Where did police find gold bars?');
    expect(asked.abstained).toBe(false);
    expect(asked.text).toContain('boot of the taxi');
    expect((await engine().ask('Where did police find silver bars?')).abstained).toBe(true);
  });
});
