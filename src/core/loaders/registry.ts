import type { FormatLoader } from './types.js';

/**
 * Every readable format, by file extension. Each is one module, imported the
 * first time a file of its kind turns up (pdf.js alone takes ~0.4 s to load).
 * Adding a format is adding a module and a line here.
 */
const FORMATS: Record<string, () => Promise<FormatLoader>> = {
  '.txt': () => import('./text-loader.js').then((m) => m.textLoader),
  '.text': () => import('./text-loader.js').then((m) => m.textLoader),
  '.md': () => import('./markdown-loader.js').then((m) => m.markdownLoader),
  '.markdown': () => import('./markdown-loader.js').then((m) => m.markdownLoader),
  '.html': () => import('./html-loader.js').then((m) => m.htmlLoader),
  '.htm': () => import('./html-loader.js').then((m) => m.htmlLoader),
  '.xhtml': () => import('./html-loader.js').then((m) => m.htmlLoader),
  '.pdf': () => import('./pdf-loader.js').then((m) => m.pdfLoader),
  '.docx': () => import('./docx-loader.js').then((m) => m.docxLoader),
  '.pptx': () => import('./pptx-loader.js').then((m) => m.pptxLoader),
  '.odt': () => import('./odt-loader.js').then((m) => m.odtLoader),
  '.epub': () => import('./epub-loader.js').then((m) => m.epubLoader),
};

/** Media types a web server may answer with, mapped to the format that reads them. */
const MEDIA_TYPES: Record<string, string> = {
  'text/html': '.html',
  'application/xhtml+xml': '.html',
  'text/plain': '.txt',
  'text/markdown': '.md',
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
  'application/vnd.oasis.opendocument.text': '.odt',
  'application/epub+zip': '.epub',
};

export const SUPPORTED_EXTENSIONS = Object.keys(FORMATS);

const loaded = new Map<string, Promise<FormatLoader>>();

/** The loader for a file extension (".pdf"), or null when the format is not supported. */
export function loaderFor(ext: string): Promise<FormatLoader> | null {
  const make = FORMATS[ext.toLowerCase()];
  if (!make) return null;
  let p = loaded.get(ext);
  if (!p) {
    p = make();
    loaded.set(ext, p);
  }
  return p;
}

/** The extension of the format that reads a Content-Type header ("text/html; charset=utf-8" → ".html"), or null. */
export function extensionForMediaType(contentType: string | null): string | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return MEDIA_TYPES[type] ?? null;
}
