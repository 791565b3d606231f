import { describe, expect, it } from 'vitest';
import { engineOn } from '../../helpers/engine-on.js';

describe('a question about when a document itself was published', () => {
  const text = 'Harbour news 14 March 2023 09:10\nThe new port opened in May and handled forty ships in its first week. The treaty on fishing rights was published in 1998.';
  const engine = engineOn({
    'port.txt': text,
    'harvest.txt': 'The harvest festival was held in the village square with music and dancing on 2 June 2022.',
  });

  it('is answered with the date the document states about itself, cited where it says so', async () => {
    const a = await engine().ask('what date was the story about the new port posted?');
    expect(a.abstained).toBe(false);
    expect(a.text).toContain('**14 March 2023**');
    expect(a.citations[0]).toMatchObject({ docId: 'port.txt', quote: '14 March 2023' });
    expect(text.slice(a.citations[0]!.start, a.citations[0]!.end)).toBe('14 March 2023');
  });

  it('leaves a question about something the document reports to the text', async () => {
    const a = await engine().ask('When was the treaty on fishing rights published?');
    expect(a.text).toContain('**1998**');
  });
});
