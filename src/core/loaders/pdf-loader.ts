import { dropRunningLines, pageLines, pageText, type PdfItem, type PdfLine } from './pdf-layout.js';
import type { FormatLoader } from './types.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;

/**
 * PDFs through Mozilla's pdf.js (the library LangChain's PDF loader builds
 * on, here called directly for item positions): text per page, so every
 * passage knows its page.
 */
export const pdfLoader: FormatLoader = {
  name: 'pdf',
  async load(bytes) {
    const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
    if (!head.includes('%PDF-')) return 'broken PDF (the file does not start with a PDF header)';
    pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
    const { getDocument } = await pdfjs;
    // pdf.js takes ownership of the buffer it is given; hand it a copy.
    const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, stopAtErrors: false });
    let doc;
    try {
      doc = await task.promise;
    } catch (err) {
      await task.destroy().catch(() => {});
      return openFailure(err);
    }
    try {
      const pages: PdfLine[][] = [];
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        const items: PdfItem[] = [];
        for (const it of content.items) {
          if (!('str' in it)) continue;
          const [a, b, , , x, y] = it.transform as number[];
          items.push({ str: it.str, x: x!, y: y!, width: it.width, size: Math.hypot(a!, b!) || it.height });
        }
        pages.push(pageLines(items));
        page.cleanup();
      }
      const texts = dropRunningLines(pages).map(pageText);
      if (!texts.some((t) => /\p{L}{2,}/u.test(t))) return 'no text layer (scanned PDF? OCR is not supported)';
      const starts: number[] = [];
      let text = '';
      for (const t of texts) {
        if (text && t) text += '\n\n';
        starts.push(text.length);
        text += t;
      }
      const info = (await doc.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined;
      const title = typeof info?.Title === 'string' && info.Title.trim() ? info.Title.trim() : null;
      return { text, title, pages: starts };
    } catch (err) {
      return `broken PDF (${oneLine(err)})`;
    } finally {
      await doc.destroy().catch(() => {});
    }
  },
};

function openFailure(err: unknown): string {
  const name = (err as Error)?.name;
  if (name === 'PasswordException') return 'encrypted PDF (remove the password, then ingest again)';
  if (name === 'InvalidPDFException') return 'broken PDF (not a readable PDF file)';
  return `broken PDF (${oneLine(err)})`;
}

const oneLine = (err: unknown) => String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 80);
