import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { findDate } from './document-date.js';
import { userError } from './errors.js';
import { loaderFor, SUPPORTED_EXTENSIONS } from './loaders/registry.js';
import type { LoadedText } from './loaders/types.js';
import type { Document } from './types.js';

export interface SkippedFile {
  id: string;
  reason: string;
}

/** What a file looked like when it was read: a later ingest compares it to skip unchanged files. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export interface LoadResult {
  documents: Document[];
  skipped: SkippedFile[];
  /** Size and modification time of each loaded document's file, by document id. */
  stamps: Map<string, FileStamp>;
}

export interface LoadOptions {
  /** Files larger than this are skipped rather than loaded into memory. */
  maxFileBytes?: number;
  onSkip?: (file: SkippedFile) => void;
  /**
   * The document as already loaded from a file with this same stamp (size and
   * modification time), if there is one: it is used instead of reading and
   * parsing the file again.
   */
  reuse?: (id: string, stamp: FileStamp) => Document | undefined;
}

const TYPE_LIST = SUPPORTED_EXTENSIONS.join(', ');

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Loads every supported file under `dir`; one bad file is skipped with a reason, never fatal. */
export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const maxBytes = options.maxFileBytes ?? 20 * 1024 * 1024;
  const info = await stat(dir).catch(() => null);
  if (info && !info.isDirectory()) throw userError('CORPUS_NOT_FOLDER', dir);
  if (!info) throw userError('CORPUS_MISSING', dir);
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  const documents: Document[] = [];
  const skipped: SkippedFile[] = [];
  const stamps = new Map<string, FileStamp>();
  const skip = (id: string, reason: string) => {
    const s = { id, reason };
    skipped.push(s);
    options.onSkip?.(s);
  };
  for (const file of files) {
    const id = path.relative(dir, file).split(path.sep).join('/');
    if (id.split('/').some((part) => part.startsWith('.'))) continue; // hidden files and folders
    const ext = path.extname(file).toLowerCase();
    if (!loaderFor(ext)) {
      skip(id, `unsupported type "${ext || 'none'}" (supported: ${TYPE_LIST})`);
      continue;
    }
    try {
      const info = await stat(file);
      const size = info.size;
      const stamp = { size, mtimeMs: info.mtimeMs };
      const known = options.reuse?.(id, stamp);
      if (known) {
        documents.push(known);
        stamps.set(id, stamp);
        continue;
      }
      if (size > maxBytes) {
        skip(id, `too large (${(size / 1048576).toFixed(1)} MB, limit ${(maxBytes / 1048576).toFixed(0)} MB)`);
        continue;
      }
      const bytes = await readFile(file);
      const doc = await parseDocument(id, ext, bytes);
      if (typeof doc === 'string') skip(id, doc);
      else {
        documents.push(doc);
        stamps.set(id, stamp);
      }
    } catch (err) {
      skip(id, `unreadable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  return { documents, skipped, stamps };
}

/** Returns the document, or the one-line reason it cannot be used. */
export async function parseDocument(id: string, ext: string, bytes: Uint8Array): Promise<Document | string> {
  const loader = loaderFor(ext);
  if (!loader) return `unsupported type "${ext || 'none'}" (supported: ${TYPE_LIST})`;
  const loaded = await (await loader).load(bytes, { id, ext });
  return typeof loaded === 'string' ? loaded : toDocument(id, loaded);
}

/** A document from what a format module read; the page and section maps are kept only when they say something. */
export function toDocument(id: string, loaded: LoadedText): Document | string {
  const { text } = loaded;
  if (!/\p{L}{2,}/u.test(text)) return 'empty (no text)';
  const title = (loaded.title ? shorten(loaded.title) : null) ?? textTitle(text) ?? id;
  const doc: Document = { id, title, date: findDate(text), text, hash: sha256(text) };
  if (loaded.pages?.length) doc.pages = loaded.pages;
  if (loaded.sections?.length) doc.sections = loaded.sections;
  return doc;
}

/** The first line that reads like words (not a date or byline stub). */
function textTitle(text: string): string | null {
  const lines = text.slice(0, 5000).split('\n').map((l) => l.trim());
  for (const line of lines) {
    const cleaned = line.replace(/^date\s+\d{4}-\d{2}-\d{2}\s*/i, '').replace(/^#+\s+/, '');
    if ((cleaned.match(/\p{L}{2,}/gu) ?? []).length >= 3) return shorten(cleaned);
  }
  return null;
}

function shorten(s: string, max = 120): string {
  const one = s.replace(/\s+/g, ' ').trim();
  if (one.length <= max) return one;
  const cut = one.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40))}…`;
}

