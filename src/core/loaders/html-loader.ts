import { decodeText } from './decode.js';
import { htmlText } from './html-text.js';
import type { FormatLoader } from './types.js';

export const htmlLoader: FormatLoader = {
  name: 'html',
  async load(bytes) {
    const raw = decodeText(bytes);
    if (raw === null) return 'binary content';
    const page = htmlText(raw);
    return { text: page.text, title: page.title ?? page.h1, sections: page.sections };
  },
};
