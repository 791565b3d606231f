import { XMLParser } from 'fast-xml-parser';

const asList = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** The page addresses of a sitemap, and the sitemaps a sitemap index points to. */
export function parseSitemap(xml: string): { pages: string[]; sitemaps: string[] } {
  let doc: { urlset?: { url?: unknown }; sitemapindex?: { sitemap?: unknown } };
  try {
    doc = new XMLParser({ processEntities: true }).parse(xml) as typeof doc;
  } catch {
    return { pages: [], sitemaps: [] };
  }
  const locs = (entries: unknown) =>
    asList(entries as Array<{ loc?: unknown }>)
      .map((e) => (typeof e?.loc === 'string' ? e.loc.trim() : ''))
      .filter(Boolean);
  return { pages: locs(doc.urlset?.url), sitemaps: locs(doc.sitemapindex?.sitemap) };
}
