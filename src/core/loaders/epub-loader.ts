import path from 'node:path';
import { byTag, openZip, parseXml, readEntry, textOf, joinParts } from './zip-xml.js';
import type { FormatLoader } from './types.js';

/** EPUB: the chapters in reading (spine) order, each read like an HTML page. */
export const epubLoader: FormatLoader = {
  name: 'epub',
  async load(bytes) {
    const zip = await openZip(bytes, 'EPUB');
    if (typeof zip === 'string') return zip;
    if (zip.file('META-INF/encryption.xml')) return 'encrypted EPUB (DRM is not supported)';
    const container = await readEntry(zip, 'META-INF/container.xml');
    const opfPath = container ? byTag(parseXml(container) as never, 'rootfile')[0]?.attribs['full-path'] : undefined;
    const opf = opfPath ? await readEntry(zip, opfPath) : null;
    if (!opfPath || opf === null) return 'broken EPUB (no package document)';
    const doc = parseXml(opf) as never;
    const hrefs = new Map(byTag(doc, 'item').map((i) => [i.attribs.id, i.attribs.href]));
    const base = path.posix.dirname(opfPath);
    const chapters: string[] = [];
    for (const ref of byTag(doc, 'itemref')) {
      const href = hrefs.get(ref.attribs.idref);
      if (!href) continue;
      const html = await readEntry(zip, path.posix.normalize(path.posix.join(base, decodeURIComponent(href))));
      if (html !== null) chapters.push(html);
    }
    const title = byTag(doc, 'dc:title')[0];
    return joinParts(chapters, { paged: false, title: title ? textOf(title).trim() || null : null });
  },
};
