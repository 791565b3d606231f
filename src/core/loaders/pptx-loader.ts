import type { Element } from 'domhandler';
import { byTag, escapeHtml, joinParts, openZip, parseXml, readEntry, tableHtml, textOf } from './zip-xml.js';
import type { FormatLoader } from './types.js';

/** A slide's paragraphs as lines and its tables as rows; shapes in the order the slide lists them. */
function slideHtml(xml: string): string {
  const out: string[] = [];
  const walk = (nodes: Element['children']) => {
    for (const node of nodes) {
      if (node.type !== 'tag') continue;
      const el = node as Element;
      if (el.name === 'a:tbl') out.push(tableHtml(el, 'a:tr', 'a:tc'));
      else if (el.name === 'a:p') {
        const line = byTag(el, 'a:t').map(textOf).join('');
        if (line.trim()) out.push(`<p>${escapeHtml(line)}</p>`);
      } else walk(el.children);
    }
  };
  walk(parseXml(xml).children as Element['children']);
  return out.join('');
}

const slideNumber = (name: string) => Number(/slide(\d+)\.xml$/.exec(name)?.[1] ?? 0);

/** PowerPoint: each slide is a page. */
export const pptxLoader: FormatLoader = {
  name: 'pptx',
  async load(bytes) {
    const zip = await openZip(bytes, 'PowerPoint');
    if (typeof zip === 'string') return zip;
    const names = Object.keys(zip.files)
      .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
      .sort((a, b) => slideNumber(a) - slideNumber(b));
    if (!names.length) return 'broken PowerPoint file (no slides)';
    const slides: string[] = [];
    for (const name of names) slides.push(slideHtml((await readEntry(zip, name)) ?? ''));
    return joinParts(slides, { paged: true, title: null });
  },
};
