/** Identifies the crawler to site owners; robots.txt rules for "FootnoteBot" (or "*") apply to it. */
export const USER_AGENT = 'FootnoteBot/0.1 (document indexer for a Discord question-answering bot; honours robots.txt)';
export const ROBOTS_AGENT = 'FootnoteBot';
const MAX_REDIRECTS = 5;
const TIMEOUT_MS = 20_000;

export interface FetchedPage {
  /** The address that answered, after redirects. */
  url: string;
  status: number;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Null for a 304 or an error status. */
  body: Uint8Array | null;
}

export interface FetchOptions {
  maxBytes: number;
  /** Conditional request headers from the previous crawl. */
  etag?: string | null;
  lastModified?: string | null;
  /** Asked before following each redirect: only same-host, robots-allowed hops are taken. */
  mayFollow: (url: URL) => string | null;
}

export class FetchFailure extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/**
 * One GET with a clear user agent, a timeout, a size cap and redirects
 * followed by hand (so each hop can be checked against the host and
 * robots.txt). Throws FetchFailure with a one-line reason.
 */
export async function fetchPage(address: string, options: FetchOptions): Promise<FetchedPage> {
  let url = new URL(address);
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.1' };
    if (hop === 0 && options.etag) headers['if-none-match'] = options.etag;
    if (hop === 0 && options.lastModified) headers['if-modified-since'] = options.lastModified;
    let res: Response;
    try {
      res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
      throw new FetchFailure(`could not connect (${cause})`);
    }
    if (res.status >= 300 && res.status < 400 && res.status !== 304) {
      await res.body?.cancel();
      const location = res.headers.get('location');
      if (!location) throw new FetchFailure('redirect without a Location', res.status);
      if (hop >= MAX_REDIRECTS) throw new FetchFailure('too many redirects', res.status);
      const next = new URL(location, url);
      const refused = options.mayFollow(next);
      if (refused) throw new FetchFailure(`redirect to ${next.href} not followed (${refused})`, res.status);
      url = next;
      continue;
    }
    const page = {
      url: url.href,
      status: res.status,
      contentType: res.headers.get('content-type'),
      etag: res.headers.get('etag'),
      lastModified: res.headers.get('last-modified'),
    };
    if (res.status !== 200) {
      await res.body?.cancel();
      return { ...page, body: null };
    }
    return { ...page, body: await readCapped(res, options.maxBytes) };
  }
}

async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new FetchFailure(`too large (${(declared / 1048576).toFixed(1)} MB)`, res.status);
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  if (!res.body) return new Uint8Array();
  for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += part.byteLength;
    if (size > maxBytes) throw new FetchFailure(`too large (over ${(maxBytes / 1048576).toFixed(0)} MB)`, res.status);
    parts.push(part);
  }
  return Buffer.concat(parts);
}
