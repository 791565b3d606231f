// Request-body decoding for the emulator: JSON, and the multipart/form-data
// shape discord.js uses when files are attached (`payload_json` + `files[n]`).
import type { IncomingMessage } from 'node:http';

export interface UploadedFile {
  /** Form field name, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string | undefined;
  data: Buffer;
}

export interface DecodedBody {
  body: unknown;
  files: UploadedFile[];
}

export function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function decodeBody(raw: Buffer, contentType: string | undefined): DecodedBody {
  if (raw.length === 0) return { body: undefined, files: [] };
  const boundary = /multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (boundary) return decodeMultipart(raw, boundary[1] ?? boundary[2] ?? '');
  const text = raw.toString('utf8');
  if (/json/i.test(contentType ?? '')) return { body: parseJsonLoosely(text), files: [] };
  return { body: text, files: [] };
}

function parseJsonLoosely(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Keep the raw text so a malformed body is still visible in the recording.
    return text;
  }
}

interface Part {
  headers: Record<string, string>;
  data: Buffer;
}

function decodeMultipart(raw: Buffer, boundary: string): DecodedBody {
  const fields: Record<string, unknown> = {};
  const files: UploadedFile[] = [];
  for (const part of splitParts(raw, boundary)) {
    const disposition = part.headers['content-disposition'] ?? '';
    const field = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    if (filename !== undefined) {
      files.push({ field, filename, contentType: part.headers['content-type'], data: part.data });
    } else if (field === 'payload_json') {
      Object.assign(fields, asObject(parseJsonLoosely(part.data.toString('utf8'))));
    } else {
      fields[field] = part.data.toString('utf8');
    }
  }
  // The recorded body is the JSON payload itself, so tests read it the same
  // way whether or not files were attached.
  return { body: fields, files };
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : { payload_json: value };
}

function splitParts(raw: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const contentStart = start + delimiter.length;
    // `--boundary--` closes the body.
    if (raw.subarray(contentStart, contentStart + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, contentStart);
    if (next === -1) break;
    // Each part is framed by CRLF after the delimiter and CRLF before the next one.
    parts.push(parsePart(raw.subarray(contentStart + 2, next - 2)));
    start = next;
  }
  return parts;
}

function parsePart(chunk: Buffer): Part {
  const headerEnd = chunk.indexOf('\r\n\r\n');
  const headerText = headerEnd === -1 ? '' : chunk.subarray(0, headerEnd).toString('utf8');
  const headers: Record<string, string> = {};
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, data: headerEnd === -1 ? chunk : chunk.subarray(headerEnd + 4) };
}
