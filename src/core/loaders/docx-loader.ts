import { htmlText } from './html-text.js';
import type { FormatLoader } from './types.js';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An OLE compound file: a password-protected .docx, or an old binary .doc renamed. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/**
 * Word files through mammoth, which maps heading styles to <h1>…<h6> and
 * keeps tables; the HTML is then read like any page, so headings become
 * sections and table rows become lines.
 */
export const docxLoader: FormatLoader = {
  name: 'docx',
  async load(bytes) {
    if (startsWith(bytes, OLE)) return 'encrypted or old-format Word file (save it as .docx without a password)';
    if (!startsWith(bytes, ZIP)) return 'broken Word file (not a .docx package)';
    const { default: mammoth } = await import('mammoth');
    let html: string;
    try {
      html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
    } catch (err) {
      return `broken Word file (${String((err as Error).message ?? err).split('\n')[0]!.slice(0, 80)})`;
    }
    const page = htmlText(html, { mainOnly: false });
    return { text: page.text, title: page.h1 ?? page.firstHeading, sections: page.sections };
  },
};
