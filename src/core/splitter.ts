import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { sha256 } from './loader.js';
import type { Chunk, Document } from './types.js';

export interface SplitterOptions {
  chunkSize?: number;
  chunkOverlap?: number;
}

// Paragraphs first, then lines, then sentence ends, then clauses, then words.
const SEPARATORS = ['\n\n', '\n', '. ', '? ', '! ', '; ', ', ', ' ', ''];

/**
 * (A change to where this cuts must bump SPLITTER_VERSION in ingest.ts.)
 *
 * Splits documents with LangChain's recursive splitter, then recovers each
 * chunk's character span so citations can point at the exact source text.
 */
export class DocumentSplitter {
  readonly chunkSize: number;
  readonly chunkOverlap: number;
  private readonly splitter: RecursiveCharacterTextSplitter;

  constructor(options: SplitterOptions = {}) {
    this.chunkSize = options.chunkSize ?? 600;
    this.chunkOverlap = options.chunkOverlap ?? 80;
    this.splitter = new RecursiveCharacterTextSplitter({
      chunkSize: this.chunkSize,
      chunkOverlap: this.chunkOverlap,
      separators: SEPARATORS,
      keepSeparator: true,
    });
  }

  async split(doc: Document): Promise<Chunk[]> {
    const spans: Array<{ start: number; end: number }> = [];
    // Each top-level section is split on its own, so no passage straddles two of them.
    for (const [base, limit] of sectionRanges(doc)) {
      const part = doc.text.slice(base, limit);
      const pieces = await this.splitter.splitText(part);
      const local: Array<{ start: number; end: number }> = [];
      let from = 0;
      for (const piece of pieces) {
        const text = piece.trim();
        if (!text) continue;
        const start = part.indexOf(text, from);
        // The splitter only trims and rejoins with original separators, so every piece is a substring.
        if (start < 0) throw new Error(`splitter produced text not found in ${doc.id} after offset ${base + from}`);
        local.push({ start, end: start + text.length });
        from = start + 1;
      }
      for (const { start, end } of tidy(part, local, this.chunkSize)) spans.push({ start: base + start, end: base + end });
    }
    return spans.map(({ start, end }, i) => {
      const text = doc.text.slice(start, end);
      return { id: `${doc.id}#${i}`, docId: doc.id, text, start, end, hash: sha256(text) };
    });
  }
}

/** A section shorter than this (a title line over its first subheading) is kept with the one after it. */
const MIN_SECTION = 200;

/**
 * The document cut at its top-level headings: the shallowest heading level
 * that occurs at least twice (a lone title above several chapters does not
 * count). Documents without headings are one range.
 */
function sectionRanges(doc: Document): Array<[number, number]> {
  const marks = doc.sections ?? [];
  const counts = new Map<number, number>();
  for (const m of marks) counts.set(m.path.length, (counts.get(m.path.length) ?? 0) + 1);
  const depth = Math.min(...[...counts].filter(([, n]) => n >= 2).map(([d]) => d));
  const cuts = [0];
  for (const m of marks) if (m.path.length <= depth && m.start - cuts.at(-1)! >= MIN_SECTION) cuts.push(m.start);
  cuts.push(doc.text.length);
  if (doc.text.length - cuts.at(-2)! < MIN_SECTION && cuts.length > 2) cuts.splice(-2, 1);
  return cuts.slice(1).map((end, i) => [cuts[i]!, end]);
}

const LEADING_PUNCT = /^[.?!;,:]+/;
const MIN_CHUNK = 50;

/**
 * The splitter keeps a separator at the start of the next piece (". Next
 * sentence"); hand the punctuation back to the sentence it ends, and fold
 * tiny trailing pieces into their neighbour so no passage is a stub.
 */
function tidy(text: string, spans: Array<{ start: number; end: number }>, chunkSize: number): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const span of spans) {
    let { start } = span;
    const punct = LEADING_PUNCT.exec(text.slice(start, span.end))?.[0] ?? '';
    const prev = out.at(-1);
    if (punct && prev) {
      if (prev.end === start) prev.end += punct.length;
      start += punct.length;
      while (start < span.end && /\s/.test(text[start]!)) start++;
    }
    if (start >= span.end) continue;
    if (prev && span.end - start < MIN_CHUNK && span.end - prev.start <= chunkSize * 1.15) prev.end = Math.max(prev.end, span.end);
    else out.push({ start, end: span.end });
  }
  return out;
}
