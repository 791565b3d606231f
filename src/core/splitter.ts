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
    const pieces = await this.splitter.splitText(doc.text);
    const chunks: Chunk[] = [];
    let from = 0;
    for (const piece of pieces) {
      const text = piece.trim();
      if (!text) continue;
      const start = doc.text.indexOf(text, from);
      // The splitter only trims and rejoins with original separators, so every piece is a substring.
      if (start < 0) throw new Error(`splitter produced text not found in ${doc.id} after offset ${from}`);
      const end = start + text.length;
      chunks.push({ id: `${doc.id}#${chunks.length}`, docId: doc.id, text, start, end, hash: sha256(text) });
      from = start + 1;
    }
    return chunks;
  }
}
