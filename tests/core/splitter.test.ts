import { describe, expect, it } from 'vitest';
import { loadCorpus, sha256 } from '../../src/core/loader.js';
import { DocumentSplitter } from '../../src/core/splitter.js';
import type { Document } from '../../src/core/types.js';
import { REPO_CORPUS } from '../helpers/temp.js';

const doc = (text: string): Document => ({ id: 'd.txt', title: 't', date: null, text, hash: sha256(text) });

describe('DocumentSplitter', () => {
  it('keeps the exact character span of every chunk of the seed corpus', async () => {
    const { documents } = await loadCorpus(REPO_CORPUS);
    const splitter = new DocumentSplitter({ chunkSize: 300, chunkOverlap: 50 });
    for (const d of documents) {
      const chunks = await splitter.split(d);
      expect(chunks.length).toBeGreaterThan(1);
      chunks.forEach((c, i) => {
        expect(d.text.slice(c.start, c.end)).toBe(c.text);
        expect(c.id).toBe(`${d.id}#${i}`);
        expect(c.text.length).toBeLessThanOrEqual(300 * 1.15);
      });
      // Together the chunks cover the document's words.
      const covered = chunks.map((c) => c.text).join(' ');
      for (const w of d.text.split(/\s+/).filter((w) => w.length > 3)) expect(covered).toContain(w);
    }
  });

  it('prefers sentence boundaries over cutting mid-sentence', async () => {
    const sentences = Array.from({ length: 12 }, (_, i) => `Sentence number ${i} talks about topic ${i} at some length here.`);
    const chunks = await new DocumentSplitter({ chunkSize: 200, chunkOverlap: 0 }).split(doc(sentences.join(' ')));
    for (const c of chunks) expect(c.text).toMatch(/^Sentence number \d+/);
  });

  it('handles repeated text without mixing up offsets', async () => {
    const text = Array.from({ length: 30 }, () => 'The same line again.').join('\n');
    const chunks = await new DocumentSplitter({ chunkSize: 120, chunkOverlap: 30 }).split(doc(text));
    let last = -1;
    for (const c of chunks) {
      expect(text.slice(c.start, c.end)).toBe(c.text);
      expect(c.start).toBeGreaterThan(last);
      last = c.start;
    }
  });
});
