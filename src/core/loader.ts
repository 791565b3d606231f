import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { convert as htmlToText } from 'html-to-text';
import { userError } from './errors.js';
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

const EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.html', '.htm']);
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Loads every supported file under `dir`; one bad file is skipped with a reason, never fatal. */
export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const maxBytes = options.maxFileBytes ?? 20 * 1024 * 1024;
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw userError('CORPUS_MISSING', dir);
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
    if (!EXTENSIONS.has(ext)) {
      skip(id, `unsupported type "${ext || 'none'}" (use .txt, .md or .html)`);
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
      const doc = parseDocument(id, ext, bytes);
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

/** Returns the document, or the reason it cannot be used. */
export function parseDocument(id: string, ext: string, bytes: Buffer): Document | string {
  if (looksBinary(bytes)) return 'binary content';
  const raw = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const isHtml = ext === '.html' || ext === '.htm';
  const text = normalise(isHtml ? htmlToText(raw, { wordwrap: false, selectors: htmlSelectors }) : raw);
  if (!/\p{L}{2,}/u.test(text)) return 'empty (no text)';
  const title = (isHtml ? htmlTitle(raw) : null) ?? textTitle(text, ext) ?? id;
  return { id, title, date: findDate(text), text, hash: sha256(text) };
}

const htmlSelectors = [
  { selector: 'a', options: { ignoreHref: true } },
  { selector: 'img', format: 'skip' },
  { selector: 'script', format: 'skip' },
  { selector: 'style', format: 'skip' },
  { selector: 'nav', format: 'skip' },
];

function looksBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return true;
  // Invalid UTF-8 shows up as replacement characters; a few are tolerable, many mean binary.
  const decoded = head.toString('utf8');
  const bad = decoded.split('\uFFFD').length - 1;
  return bad > 8 && bad / decoded.length > 0.02;
}

/** Unifies line endings and trims trailing spaces so offsets are stable across platforms. */
function normalise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function htmlTitle(html: string): string | null {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  const t = m ? htmlToText(m[1] ?? '', { wordwrap: false }).trim() : '';
  return t ? shorten(t) : null;
}

/** First markdown heading, else the first line that reads like words (not a date or byline stub). */
function textTitle(text: string, ext: string): string | null {
  const lines = text.split('\n').map((l) => l.trim());
  if (ext === '.md' || ext === '.markdown') {
    const heading = lines.find((l) => /^#{1,6}\s+\S/.test(l));
    if (heading) return shorten(heading.replace(/^#+\s+/, ''));
  }
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

const pad = (n: number) => String(n).padStart(2, '0');
const validDate = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1800 && y <= 2200;

/** The date the text states about itself: an explicit "date" line, else the first full date in its opening. */
export function findDate(text: string): string | null {
  const explicit = /^\s*date:?\s+(\d{4})-(\d{2})-(\d{2})\b/im.exec(text);
  if (explicit) return `${explicit[1]}-${explicit[2]}-${explicit[3]}`;
  const head = text.slice(0, 1500);
  const month = MONTHS.join('|');
  const candidates: Array<{ at: number; iso: string }> = [];
  const push = (at: number, y: number, m: number, d: number) => {
    if (validDate(y, m, d)) candidates.push({ at, iso: `${y}-${pad(m)}-${pad(d)}` });
  };
  for (const m of head.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) push(m.index, +m[1]!, +m[2]!, +m[3]!);
  for (const m of head.matchAll(new RegExp(`\\b(\\d{1,2})\\s+(${month})\\s+(\\d{4})\\b`, 'gi')))
    push(m.index, +m[3]!, MONTHS.indexOf(m[2]!.toLowerCase()) + 1, +m[1]!);
  for (const m of head.matchAll(new RegExp(`\\b(${month})\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'gi')))
    push(m.index, +m[3]!, MONTHS.indexOf(m[1]!.toLowerCase()) + 1, +m[2]!);
  candidates.sort((a, b) => a.at - b.at);
  return candidates[0]?.iso ?? null;
}
