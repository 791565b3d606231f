import { decodeText } from './decode.js';
import type { FormatLoader } from './types.js';

/** Unifies line endings and trims trailing spaces so offsets are stable across platforms. */
export function normalise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export const textLoader: FormatLoader = {
  name: 'text',
  async load(bytes) {
    const raw = decodeText(bytes);
    if (raw === null) return 'binary content';
    return { text: normalise(raw), title: null };
  },
};
