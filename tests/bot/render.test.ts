import { describe, expect, it } from 'vitest';
import type { Answer, Citation, DocumentInfo, Passage } from '../../src/core/types.ts';
import {
  LIMITS,
  renderAnswer,
  renderDocsPage,
  renderSearch,
  renderSource,
  sourceButtonId,
  sourceChoices,
  threadName,
} from '../../src/bot/render.ts';

const doc = (i: number, extra: Partial<DocumentInfo> = {}): DocumentInfo => ({
  id: `doc-${i}.txt`,
  title: `Document number ${i}`,
  date: '2024-01-02',
  hash: 'h',
  chunks: 3,
  chars: 1000,
  ...extra,
});

const citation = (n: number, extra: Partial<Citation> = {}): Citation => ({
  n,
  docId: `doc-${n}.txt`,
  title: `Title ${n}`,
  date: null,
  chunkId: `doc-${n}.txt#0`,
  start: 0,
  end: 40,
  quote: 'A quoted sentence from the corpus.',
  ...extra,
});

const passage = (i: number, text = 'Some passage text.'): Passage => ({
  chunk: { id: `doc-${i}.txt#${i}`, docId: `doc-${i}.txt`, text, start: 0, end: text.length, hash: 'h' },
  doc: doc(i),
  score: 0.0327,
  denseRank: 1,
  keywordRank: 1,
  similarity: 0.5,
});

const answer = (text: string, citations: Citation[], extra: Partial<Answer> = {}): Answer => ({
  question: 'q?',
  text,
  abstained: false,
  citations,
  passages: [],
  timingsMs: {},
  ...extra,
});

/** Discord counts UTF-16 code units, as String.length does. */
function embedTotal(e: { title?: string; description?: string; footer?: { text: string }; fields?: { name: string; value: string }[] }): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

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

describe('lists', () => {
  it('offers at most 25 autocomplete choices with names and values of at most 100 characters', () => {
    const docs = Array.from({ length: 60 }, (_, i) => doc(i, { title: `Report ${i} ${'x'.repeat(150)}` }));
    docs.push(doc(99, { id: `${'d'.repeat(120)}.txt` }));
    const recent = [{ chunkId: 'doc-7.txt#2', title: 'Report 7' }];
    const choices = sourceChoices('', docs, recent);
    expect(choices).toHaveLength(25);
    expect(choices[0]).toEqual({ name: 'doc-7.txt#2 — Report 7', value: 'doc-7.txt#2' });
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    expect(sourceChoices('report 42', docs, recent).map((c) => c.value)).toEqual(['doc-42.txt']);
  });

  it('pages documents ten at a time', () => {
    const docs = Array.from({ length: 23 }, (_, i) => doc(i));
    const first = renderDocsPage(docs, 0);
    expect(first.embeds[0]!.footer!.text).toMatch(/^Page 1 of 3/);
    const last = renderDocsPage(docs, 99);
    expect(last.embeds[0]!.footer!.text).toMatch(/^Page 3 of 3/);
    const buttons = last.components[0]!.components;
    expect(buttons.map((b) => [b.custom_id, b.disabled])).toEqual([
      ['docs:1:p', false],
      ['docs:3:n', true],
    ]);
  });

  it('cuts a whole document to one embed description and escapes it', () => {
    const text = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} says **hello** to @everyone.`).join('\n\n');
    const parts = renderSource({ kind: 'document', doc: doc(1, { chars: text.length, chunks: 30 }), text });
    const embed = parts.embeds[0]!;
    expect(embed.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(embed.description).not.toMatch(/@everyone/);
    expect(embed.description).toMatch(/\\\*\\\*hello\\\*\\\*/);
    expect(embed.footer!.text).toMatch(/Showing the start/);
    expect(embedTotal(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it('renders search results as scored fields', () => {
    const parts = renderSearch('query', [passage(1), passage(2, 'x '.repeat(3000))]);
    expect(parts.embeds[0]!.fields!.map((f) => f.name)).toEqual([
      '1. Document number 1 (2024-01-02) · score 0.0327',
      '2. Document number 2 (2024-01-02) · score 0.0327',
    ]);
    for (const f of parts.embeds[0]!.fields!) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  });
});
