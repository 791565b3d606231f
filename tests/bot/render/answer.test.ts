import { describe, expect, it } from 'vitest';
import { renderAnswer, threadName } from '../../../src/bot/render/answer.ts';
import { LIMITS, sourceButtonId } from '../../../src/bot/render/message.ts';
import { answer, citation, embedTotal, passage } from './fixtures.ts';

describe('renderAnswer', () => {
  it('puts the answer in content and one field per citation, with source and feedback buttons', () => {
    const parts = renderAnswer(answer('It is 127 [1] and also this [2]', [citation(1), citation(2)]), { answerId: 'abc' });
    expect(parts.content).toBe('It is 127 [1] and also this [2]');
    expect(parts.allowedMentions).toEqual({ parse: [], repliedUser: false });
    expect(parts.embeds[0]!.fields!.map((f) => f.name)).toEqual(['[1] Title 1', '[2] Title 2']);
    const ids = parts.components.flatMap((r) => r.components.map((c) => c.custom_id));
    expect(ids).toEqual(['src:doc-1.txt#0', 'src:doc-2.txt#0', 'fb:up:abc', 'fb:down:abc']);
  });

  it('stays within every Discord limit for huge answers and many citations', () => {
    const long = Array.from({ length: 200 }, (_, i) => `Sentence number ${i} is about *things* @everyone [${(i % 30) + 1}]`).join(' ');
    const cites = Array.from({ length: 30 }, (_, i) =>
      citation(i + 1, { title: 'T'.repeat(400), quote: 'q '.repeat(2000), chunkId: `d${i}.txt#${i}` }),
    );
    const parts = renderAnswer(answer(long, cites), { answerId: 'x' });
    expect(parts.content!.length).toBeLessThanOrEqual(LIMITS.content);
    expect(parts.content).toMatch(/\[\d+\]$/);
    const embed = parts.embeds[0]!;
    expect(embed.fields!.length).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of embed.fields!) {
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    expect(embedTotal(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(parts.components.length).toBeLessThanOrEqual(LIMITS.rows);
    for (const row of parts.components) {
      expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
      for (const b of row.components) {
        expect(b.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
        expect((b.label ?? '').length).toBeLessThanOrEqual(LIMITS.buttonLabel);
      }
    }
  });

  it('says "Not in the corpus" and lists the nearest sources when abstaining', () => {
    const parts = renderAnswer(answer('Nothing relevant.', [], { abstained: true, passages: [passage(1), passage(2)] }), { answerId: 'z' });
    expect(parts.content).toMatch(/^\*\*Not in the corpus\.\*\*/);
    expect(parts.embeds[0]!.title).toBe('Nearest sources');
    expect(parts.embeds[0]!.fields).toHaveLength(2);
  });

  it('keeps the bold of a decline that quotes what the source gives instead, unless the quote holds asterisks of its own', () => {
    const said = 'The source gives no date for that, only: “Blinken on **Sunday** spoke with *both* leaders.”';
    const parts = renderAnswer(answer(said, [], { abstained: true, passages: [passage(1)] }), { answerId: 'z' });
    // Asterisks of the source's own: nothing is restored, as for an answer.
    expect(parts.content).toBe('**Not in the corpus.** The source gives no date for that, only: “Blinken on \\*\\*Sunday\\*\\* spoke with \\*both\\* leaders.”');
    const plain = renderAnswer(answer('The source gives no date for that, only: “Blinken on **Sunday** spoke.”', [], { abstained: true, passages: [passage(1)] }), { answerId: 'z' });
    expect(plain.content).toBe('**Not in the corpus.** The source gives no date for that, only: “Blinken on **Sunday** spoke.”');
  });

  it('gives one button per distinct passage', () => {
    const parts = renderAnswer(answer('a [1] b [2]', [citation(1), citation(2, { chunkId: 'doc-1.txt#0' })]), { answerId: 'x' });
    const ids = parts.components.flatMap((r) => r.components.map((c) => c.custom_id)).filter((id) => id.startsWith('src:'));
    expect(ids).toEqual(['src:doc-1.txt#0']);
  });
});

describe('ids and names', () => {
  it('carries a chunk id in a source button, or a hash when it is too long', () => {
    expect(sourceButtonId('a.txt#3')).toBe('src:a.txt#3');
    const long = sourceButtonId(`${'dir/'.repeat(30)}a.txt#3`);
    expect(long).toMatch(/^srch:[0-9a-f]{24}$/);
  });

  it('names threads after the question in at most 100 characters', () => {
    expect(threadName('How many countries joined?')).toBe('How many countries joined?');
    const name = threadName(`${'why '.repeat(60)}?`);
    expect(name.length).toBeLessThanOrEqual(LIMITS.threadName);
    expect(name.endsWith('why…')).toBe(true);
    expect(threadName('<@123456789012345678>')).toBe('Question');
    expect(threadName('multi\nline\tquestion')).toBe('multi line question');
  });
});
