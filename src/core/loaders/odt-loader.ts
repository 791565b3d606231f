import type { Element } from 'domhandler';
import { byTag, escapeHtml, joinParts, openZip, parseXml, readEntry, tableHtml, textOf } from './zip-xml.js';
import type { FormatLoader } from './types.js';

/** ODF text as HTML: outline-level headings, paragraphs, tables, lists. */
function contentHtml(xml: string): string {
  const out: string[] = [];
  const walk = (nodes: Element['children']) => {
    for (const node of nodes) {
      if (node.type !== 'tag') continue;
      const el = node as Element;
      if (el.name === 'text:h') {
        const level = Math.min(6, Math.max(1, Number(el.attribs['text:outline-level'] ?? 1)));
        out.push(`<h${level}>${escapeHtml(textOf(el))}</h${level}>`);
      } else if (el.name === 'text:p') out.push(`<p>${escapeHtml(textOf(el))}</p>`);
      else if (el.name === 'table:table') out.push(tableHtml(el, 'table:table-row', 'table:table-cell'));
      else walk(el.children);
    }
  };
  const dom = parseXml(xml);
  const body = byTag(dom as unknown as Element, 'office:text')[0];
  walk(body ? body.children : []);
  return out.join('');
}

/** OpenDocument text (LibreOffice Writer). */
export const odtLoader: FormatLoader = {
  name: 'odt',
  async load(bytes) {
    const zip = await openZip(bytes, 'OpenDocument');
    if (typeof zip === 'string') return zip;
    const xml = await readEntry(zip, 'content.xml');
    if (xml === null) return 'broken OpenDocument file (no content.xml)';
    return joinParts([contentHtml(xml)], { paged: false, title: null });
  },
};
