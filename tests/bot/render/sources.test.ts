import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/bot/render/message.ts';
import { renderDocsPage, renderSearch, renderSource, sourceChoices } from '../../../src/bot/render/sources.ts';
import { doc, embedTotal, passage } from './fixtures.ts';

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
