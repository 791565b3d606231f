import { marked } from 'marked';
import { decodeText } from './decode.js';
import { htmlText } from './html-text.js';
import type { FormatLoader } from './types.js';

/** Markdown is rendered to HTML (GitHub flavour, so pipe tables work) and read like a page. */
export const markdownLoader: FormatLoader = {
  name: 'markdown',
  async load(bytes) {
    const raw = decodeText(bytes);
    if (raw === null) return 'binary content';
    const html = marked.parse(raw, { async: false, gfm: true });
    const page = htmlText(html, { mainOnly: false });
    return { text: page.text, title: page.firstHeading, sections: page.sections };
  },
};
