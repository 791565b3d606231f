import chardet from 'chardet';
import iconv from 'iconv-lite';

/** Legacy encodings other than Windows-1252 the detector may pick (single-byte, European and Cyrillic). */
const OTHERS = new Set(['ISO-8859-2', 'windows-1250', 'ISO-8859-9', 'windows-1254', 'KOI8-R', 'windows-1251', 'ISO-8859-5', 'ISO-8859-7', 'windows-1253']);
const LATIN1 = new Set(['ISO-8859-1', 'windows-1252', 'ISO-8859-15']);

/**
 * Decodes text in UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, or a
 * legacy single-byte encoding; returns null when the bytes are not text in
 * any of them. Linear in the input.
 */
export function decodeText(bytes: Uint8Array): string | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return checked(b.toString('utf8', 3));
  if (b[0] === 0xff && b[1] === 0xfe) return checked(new TextDecoder('utf-16le').decode(b.subarray(2)));
  if (b[0] === 0xfe && b[1] === 0xff) return checked(new TextDecoder('utf-16be').decode(b.subarray(2)));
  try {
    return checked(new TextDecoder('utf-8', { fatal: true }).decode(b));
  } catch {
    // Not UTF-8: a legacy encoding, or binary.
  }
  if (b.subarray(0, 8192).includes(0)) return null;
  return checked(iconv.decode(b, legacyEncoding(b.subarray(0, 65536))));
}

/**
 * Windows-1252 (what browsers read "Latin-1" as) unless the detector is
 * clearly surer of another: on short Western European text it rates
 * ISO-8859-2 as high as Latin-1 (42 vs 42 on a French/German sample), and
 * picking it would turn "très" into "trčs".
 */
function legacyEncoding(sample: Buffer): string {
  const ranked = chardet.analyse(sample);
  const latin = Math.max(0, ...ranked.filter((r) => LATIN1.has(r.name)).map((r) => r.confidence));
  const other = ranked.find((r) => OTHERS.has(r.name) && iconv.encodingExists(r.name));
  return other && other.confidence >= 50 && other.confidence > 1.5 * latin ? other.name : 'windows-1252';
}

/**
 * Text has almost no control characters; binary decoded as text is full of them.
 * (A few stray ones are tolerated: form feeds, a NUL in a log file.)
 */
function checked(text: string): string | null {
  const head = text.slice(0, 65536);
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || (c >= 0x7f && c < 0xa0) || c === 0xfffd) control++;
  }
  return control > 8 && control / Math.max(1, head.length) > 0.01 ? null : text;
}
