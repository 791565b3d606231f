/**
 * A small web site on 127.0.0.1 for crawl tests: robots.txt disallowing
 * /private/, a sitemap, a redirect, a 404, a PNG, a link to another host,
 * and a page whose text (and ETag) changes when `edition` is bumped.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestSite {
  url: string;
  /** Every request: path and headers, in order. */
  log: Array<{ path: string; headers: IncomingHttpHeaders }>;
  /** Most requests in flight at once. */
  maxInFlight: number;
  edition: number;
  close(): Promise<void>;
}

const page = (title: string, body: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body><nav><a href="/">Home</a> <a href="/guide">Guide</a></nav><main>${body}</main></body></html>`;

export async function startTestSite(): Promise<TestSite> {
  let inFlight = 0;
  const site: TestSite = { url: '', log: [], maxInFlight: 0, edition: 1, close: async () => {} };
  const server: Server = createServer((req, res) => {
    inFlight++;
    site.maxInFlight = Math.max(site.maxInFlight, inFlight);
    res.on('finish', () => inFlight--);
    const path = (req.url ?? '/').split('?')[0]!;
    site.log.push({ path, headers: req.headers });
    const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(body);
    };
    const html = (body: string, etag: string) => {
      if (req.headers['if-none-match'] === etag) return send(304, 'text/html', '', { etag });
      send(200, 'text/html; charset=utf-8', body, { etag });
    };
    switch (path) {
      case '/robots.txt':
        return send(200, 'text/plain', `User-agent: *\nDisallow: /private/\nSitemap: ${site.url}/sitemap.xml\n`);
      case '/sitemap.xml':
        return send(200, 'application/xml', `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${site.url}/</loc></url><url><loc>${site.url}/faq</loc></url></urlset>`);
      case '/':
        return html(
          page('Harbour guide', `<h1>Harbour guide</h1><p>Welcome to the harbour guide for visiting sailors.</p>
            <a href="/guide">Guide</a> <a href="/news">News</a> <a href="/private/minutes">Minutes</a> <a href="/old-fees">Fees</a>
            <a href="/missing">Missing</a> <a href="/logo.png">Logo</a> <a href="http://example.invalid/elsewhere">Elsewhere</a>`),
          '"home-1"',
        );
      case '/guide':
        return html(
          page('Mooring guide', `<h1>Mooring guide</h1><h2 id="berths">Visitor berths</h2><p>Visitor berths are on pontoon C, next to the fuel dock.</p>
            <h2 id="showers">Showers</h2><p>The showers open at six in the morning and need a token from the harbour office.</p>`),
          '"guide-1"',
        );
      case '/news':
        return html(
          page('Harbour news', `<h1>Harbour news</h1><p>${
            site.edition === 1
              ? 'The harbour master this season is Ingrid Solberg, who took over in March.'
              : 'The harbour master this season is Tomas Lind, who took over from Ingrid Solberg in June.'
          }</p>`),
          `"news-${site.edition}"`,
        );
      case '/faq':
        return html(page('Questions', '<h1>Questions</h1><p>Dogs are welcome on the pontoons if they are kept on a lead.</p>'), '"faq-1"');
      case '/fees':
        return html(page('Harbour fees', '<h1>Harbour fees</h1><table><tr><th>Boat length</th><th>Fee per night</th></tr><tr><td>Under 10 metres</td><td>25 euros</td></tr></table>'), '"fees-1"');
      case '/old-fees':
        res.writeHead(301, { location: '/fees' });
        return res.end();
      case '/private/minutes':
        return html(page('Minutes', '<p>The secret board minutes say the fee will double.</p>'), '"m"');
      case '/logo.png':
        return send(200, 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      default:
        return send(404, 'text/html', page('Not found', '<p>No such page.</p>'));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site.close = () => new Promise((resolve) => server.close(() => resolve()));
  return site;
}
