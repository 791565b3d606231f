import type { ChildNode, Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import { TextBuilder } from './text-builder.js';
import type { SectionMark } from './types.js';

export interface HtmlText {
  text: string;
  sections: SectionMark[];
  /** The <title>, the first <h1>, the first heading of any level. */
  title: string | null;
  h1: string | null;
  firstHeading: string | null;
  /** Every link target as written (crawling resolves them). */
  links: string[];
}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'head', 'nav', 'button', 'select', 'textarea']);
/** Page furniture, skipped when the page has no <main> or <article> to read instead. */
const CHROME = new Set(['header', 'footer', 'aside']);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'ul', 'ol', 'dl', 'figure',
  'figcaption', 'address', 'details', 'summary', 'form', 'fieldset', 'hr', 'body', 'html',
]);
const LINE = new Set(['li', 'dt', 'dd', 'br', 'caption', 'option', 'legend']);
const HEADING = /^h([1-6])$/;

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The readable text of an HTML page: headings become the section map (and
 * stay as lines of text), each table row becomes one line with its cells
 * separated by " | ", scripts, styles and navigation are dropped. Linear in
 * the input.
 */
export function htmlText(html: string, options: { mainOnly?: boolean } = {}): HtmlText {
  const dom = parseDocument(html, { decodeEntities: true });
  const main =
    options.mainOnly === false
      ? null
      : (DomUtils.findOne((e) => e.name === 'main' || e.attribs.role === 'main', dom.children) ??
        DomUtils.findOne((e) => e.name === 'article', dom.children));
  const out = new TextBuilder();
  const sections: SectionMark[] = [];
  const stack: Array<{ level: number; text: string }> = [];
  let h1: string | null = null;
  let firstHeading: string | null = null;

  const walk = (nodes: ChildNode[], pre: boolean) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        if (pre) node.data.split('\n').forEach((line, i) => (i > 0 && out.break(1), out.inline(line)));
        else out.inline(node.data);
        continue;
      }
      if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
      const el = node as Element;
      const name = el.name.toLowerCase();
      if (SKIP.has(name) || (!main && CHROME.has(name)) || el.attribs.hidden !== undefined) continue;
      const level = HEADING.exec(name)?.[1];
      if (level) {
        heading(el, Number(level));
        continue;
      }
      if (name === 'table') {
        table(el);
        continue;
      }
      if (name === 'pre') {
        out.break(2);
        walk(el.children, true);
        out.break(2);
        continue;
      }
      const block = BLOCK.has(name) ? 2 : LINE.has(name) ? 1 : 0;
      if (block) out.break(block);
      walk(el.children, pre);
      if (block) out.break(block);
    }
  };

  const heading = (el: Element, level: number) => {
    const text = collapse(DomUtils.textContent(el));
    out.break(2);
    if (!text) return;
    h1 ??= level === 1 ? text : null;
    firstHeading ??= text;
    while (stack.length && stack.at(-1)!.level >= level) stack.pop();
    stack.push({ level, text });
    const anchor = el.attribs.id ?? DomUtils.findOne((e) => e.name === 'a' && !!(e.attribs.id ?? e.attribs.name), el.children)?.attribs.id;
    sections.push({ start: out.nextOffset(), path: stack.map((s) => s.text), ...(anchor ? { anchor } : {}) });
    out.inline(text);
    out.break(2);
  };

  const table = (el: Element) => {
    out.break(2);
    const caption = DomUtils.findOne((e) => e.name === 'caption', el.children);
    if (caption) {
      out.inline(DomUtils.textContent(caption));
      out.break(1);
    }
    for (const row of DomUtils.getElementsByTagName('tr', el.children, true)) {
      const cells = row.children
        .filter((c): c is Element => c.type === 'tag' && (c.name === 'td' || c.name === 'th'))
        .map((c) => collapse(DomUtils.textContent(c)))
        .filter(Boolean);
      if (!cells.length) continue;
      out.inline(cells.join(' | '));
      out.break(1);
    }
    out.break(2);
  };

  walk(main ? [main] : dom.children, false);
  const titleEl = DomUtils.findOne((e) => e.name === 'title', dom.children);
  const title = titleEl ? collapse(DomUtils.textContent(titleEl)) || null : null;
  const links = DomUtils.getElementsByTagName('a', dom.children, true)
    .map((a) => a.attribs.href)
    .filter((h): h is string => !!h);
  return { text: out.toString(), sections, title, h1, firstHeading, links };
}
