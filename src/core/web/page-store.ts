import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Document } from '../types.js';

/** A fetched web page as kept between crawls: the document, and what a conditional re-fetch needs. */
export interface StoredPage {
  url: string;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: string;
  /** Same-host links found on the page, so a crawl can go on past a 304 without the body. */
  links: string[];
  document: Document;
}

/**
 * Web pages on disk, one JSON file per page named by a hash of its address
 * (an address is never used as a path). Each write is a rename, so a crash
 * leaves the old page or the new one, never half of one.
 */
export class PageStore {
  constructor(readonly dir: string) {}

  private file(url: string): string {
    return path.join(this.dir, `${createHash('sha256').update(url).digest('hex').slice(0, 40)}.json`);
  }

  async get(url: string): Promise<StoredPage | null> {
    const page = await readPage(this.file(url));
    return page?.url === url ? page : null;
  }

  async put(page: StoredPage): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.file(page.url);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(page));
    await rename(tmp, file);
  }

  async remove(url: string): Promise<boolean> {
    const had = (await this.get(url)) !== null;
    await rm(this.file(url), { force: true });
    return had;
  }

  async list(): Promise<StoredPage[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const pages: StoredPage[] = [];
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const page = await readPage(path.join(this.dir, name));
      if (page) pages.push(page);
    }
    return pages.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  }
}

async function readPage(file: string): Promise<StoredPage | null> {
  try {
    const page = JSON.parse(await readFile(file, 'utf8')) as StoredPage;
    const ok = typeof page.url === 'string' && typeof page.document?.text === 'string' && page.document.id === page.url;
    return ok ? page : null;
  } catch {
    return null; // missing or damaged: the next crawl fetches the page again
  }
}

/** The documents of every stored page (none when the folder does not exist). */
export async function readStoredPages(dir: string): Promise<Document[]> {
  return (await new PageStore(dir).list()).map((p) => p.document);
}
