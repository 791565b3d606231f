import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Footnote } from '../../../src/core/engine.js';
import { tempDir, testConfig, writeFiles } from '../../helpers/temp.js';

describe('a question that swaps a word of the text for its opposite', () => {
  let cleanup: () => Promise<void>;
  let engine: Footnote;

  beforeAll(async () => {
    let root: string;
    ({ dir: root, cleanup } = await tempDir());
    await writeFiles(path.join(root, 'corpus'), {
      'court.txt': 'The court accepted the argument of the government in 2019. Exports increased by twelve percent after the port opened.',
      'ceasefire.txt': 'Both armies agreed to a ceasefire in March after long talks in the capital.',
      'trade.txt': 'Forty countries signed the trade agreement in Geneva on Friday.',
    });
    engine = await Footnote.open(testConfig(root), { buildIfMissing: true });
  });
  afterAll(() => cleanup());

  it('is not answered, while the question the text does answer is', async () => {
    const said = await engine.ask('In what year did the court accept the argument of the government?');
    expect(said.abstained).toBe(false);
    expect(said.text).toContain('**2019**');
    // Every other word is in that sentence; WordNet gives "reject" as the opposite of "accept".
    expect((await engine.ask('In what year did the court reject the argument of the government?')).abstained).toBe(true);
  });
});
