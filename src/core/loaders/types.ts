import type { SectionMark } from '../types.js';

export type { SectionMark };

/** What a format module makes of a file's bytes. */
export interface LoadedText {
  text: string;
  title: string | null;
  /** Offset where each page starts (page n starts at pages[n - 1]); paged formats only. */
  pages?: number[];
  sections?: SectionMark[];
}

export interface LoadContext {
  /** The file name or URL, for messages. */
  id: string;
  ext: string;
}

/**
 * One file format. `load` returns the text, or a one-line reason the file
 * cannot be used ("no text layer (scanned PDF? OCR is not supported)").
 */
export interface FormatLoader {
  readonly name: string;
  load(bytes: Uint8Array, context: LoadContext): Promise<LoadedText | string>;
}
