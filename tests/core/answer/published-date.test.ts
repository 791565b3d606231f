import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Footnote } from '../../../src/core/engine.js';
import { tempDir, testConfig, writeFiles } from '../../helpers/temp.js';

describe('a question about when a document itself was published', () => {
  let cleanup: () => Promise<void>;
  let engine: Footnote;
  let text: string;

  beforeAll(async () => {
    let root: string;
    ({ dir: root, cleanup } = await tempDir());
    text = 'Harbour news 14 March 2023 09:10\nThe new port opened in May and handled forty ships in its first week. The treaty on fishing rights was published in 1998.';
    await writeFiles(path.join(root, 'corpus'), {
      'port.txt': text,
      'harvest.txt': 'The harvest festival was held in the village square with music and dancing on 2 June 2022.',
    });
    engine = await Footnote.open(testConfig(root), { buildIfMissing: true });
  });
  afterAll(() => cleanup());

  it('is answered with the date the document states about itself, cited where it says so', async () => {
    const a = await engine.ask('what date was the story about the new port posted?');
    expect(a.abstained).toBe(false);
    expect(a.text).toContain('**14 March 2023**');
    expect(a.citations[0]).toMatchObject({ docId: 'port.txt', quote: '14 March 2023' });
    expect(text.slice(a.citations[0]!.start, a.citations[0]!.end)).toBe('14 March 2023');
  });

  it('leaves a question about something the document reports to the text', async () => {
    const a = await engine.ask('When was the treaty on fishing rights published?');
    expect(a.text).toContain('**1998**');
  });
});
