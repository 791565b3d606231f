import type { Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import type JSZip from 'jszip';
import { htmlText } from './html-text.js';
import type { LoadedText, SectionMark } from './types.js';

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** The package of an OOXML / ODF / EPUB file, or the reason it cannot be opened. */
export async function openZip(bytes: Uint8Array, kind: string): Promise<JSZip | string> {
  if (!ZIP.every((b, i) => bytes[i] === b)) return `broken ${kind} file (not a zip package; encrypted files are not supported)`;
  const { default: JSZipCtor } = await import('jszip');
  try {
    return await JSZipCtor.loadAsync(bytes);
  } catch (err) {
    return `broken ${kind} file (${String((err as Error).message).split('\n')[0]!.slice(0, 80)})`;
  }
}

export const readEntry = async (zip: JSZip, name: string): Promise<string | null> => (await zip.file(name)?.async('string')) ?? null;

/** Parses XML (namespaced tag names kept as written, lower-cased: "a:p", "text:h"). */
export const parseXml = (xml: string) => parseDocument(xml, { xmlMode: true, lowerCaseTags: true, decodeEntities: true });

export const byTag = (root: Element | { children: Element['children'] }, tag: string): Element[] =>
  DomUtils.getElementsByTagName(tag, root.children, true);

export const textOf = (el: Element) => DomUtils.textContent(el);

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ESCAPES[c]!);

/** An XML table as an HTML one (rows of cells by their tag names), for the HTML walker to turn into "a | b" lines. */
export function tableHtml(table: Element, rowTag: string, cellTag: string): string {
  const rows = byTag(table, rowTag).map((tr) => `<tr>${byTag(tr, cellTag).map((tc) => `<td>${escapeHtml(textOf(tc))}</td>`).join('')}</tr>`);
  return `<table>${rows.join('')}</table>`;
}

/**
 * Joins parts (slides, chapters) read through the HTML walker into one text,
 * each part starting a page when `paged`, their section marks shifted to match.
 */
export function joinParts(parts: string[], options: { paged: boolean; title: string | null }): LoadedText {
  let text = '';
  const pages: number[] = [];
  const sections: SectionMark[] = [];
  let firstHeading: string | null = null;
  for (const html of parts) {
    const part = htmlText(html, { mainOnly: false });
    if (options.paged) pages.push(text.length + (text && part.text ? 2 : 0));
    if (!part.text) continue;
    if (text) text += '\n\n';
    for (const s of part.sections) sections.push({ ...s, start: s.start + text.length });
    firstHeading ??= part.firstHeading;
    text += part.text;
  }
  return { text, title: options.title ?? firstHeading, ...(options.paged ? { pages } : {}), sections };
}
