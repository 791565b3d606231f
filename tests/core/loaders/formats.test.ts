import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/core/loader.js';
import { decodeText } from '../../../src/core/loaders/decode.js';
import { locate } from '../../../src/core/locate.js';
import type { Document } from '../../../src/core/types.js';
import {
  GUIDE_HTML,
  latin1Text,
  makeDeckPptx,
  makeHandbookDocx,
  makeLogbookEpub,
  makeNotesOdt,
  makeReportPdf,
  makeScannedPdf,
  utf16Text,
} from '../../helpers/make-documents.js';

const load = async (id: string, bytes: Buffer | string) => {
  const ext = id.slice(id.lastIndexOf('.'));
  return parseDocument(id, ext, typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
};
const asDoc = (d: Document | string): Document => {
  if (typeof d === 'string') throw new Error(`skipped: ${d}`);
  return d;
};

describe('PDF', () => {
  it('reads text per page, without running headers, footers or line-end hyphens, tables as rows', async () => {
    const doc = asDoc(await load('report.pdf', await makeReportPdf()));
    expect(doc.title).toBe('Quarry Lake Survey Report');
    expect(doc.pages).toHaveLength(3);
    expect(doc.text).not.toMatch(/Regional Water Board - Quarry|Page \d of 3/);
    expect(doc.text).toContain('in the deepest basin at exactly nine degrees');
    // Wrapped lines of one paragraph read as one sentence.
    expect(doc.text).toContain('This report sets out what the divers');
    expect(doc.text).toContain('Surface area | 41 hectares');
    const at = (s: string) => locate(doc, doc.text.indexOf(s)).page;
    expect(at('The regional water board')).toBe(1);
    expect(at('rowing club in 1962')).toBe(2);
    expect(at('Surface area')).toBe(3);
  });

  it('gives scanned, broken and truncated PDFs their own reasons', async () => {
    expect(await load('scan.pdf', await makeScannedPdf())).toBe('no text layer (scanned PDF? OCR is not supported)');
    expect(await load('junk.pdf', 'this is not a pdf at all')).toMatch(/^broken PDF \(.*header/);
    const good = await makeReportPdf();
    expect(await load('cut.pdf', good.subarray(0, 300))).toMatch(/^(broken PDF|no text layer)/);
  });
});

describe('Word', () => {
  it('keeps heading styles as sections and table rows as lines', async () => {
    const doc = asDoc(await load('handbook.docx', await makeHandbookDocx()));
    expect(doc.title).toBe('Operator handbook');
    expect(doc.text).toContain('Reply timeout | 45 seconds');
    const where = (s: string) => locate(doc, doc.text.indexOf(s)).section;
    expect(where('Message Content intent')).toBe('Bot settings › Intents');
    expect(where('read once at start-up')).toBe('Bot settings');
    expect(await load('old.docx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]))).toMatch(/encrypted or old-format/);
  });
});

describe('PowerPoint, OpenDocument and EPUB', () => {
  it('reads each slide as a page, table rows as lines', async () => {
    const doc = asDoc(await load('deck.pptx', await makeDeckPptx()));
    expect(doc.pages).toHaveLength(2);
    expect(locate(doc, doc.text.indexOf('north buoy')).page).toBe(1);
    expect(locate(doc, doc.text.indexOf('Dinghy | Course B')).page).toBe(2);
  });

  it('reads OpenDocument outline headings as sections and tables as rows', async () => {
    const doc = asDoc(await load('notes.odt', await makeNotesOdt()));
    expect(doc.title).toBe('Club rules');
    expect(locate(doc, doc.text.indexOf('Junior | 40 euros')).section).toBe('Club rules › Fees');
  });

  it('reads EPUB chapters in spine order with their headings', async () => {
    const doc = asDoc(await load('logbook.epub', await makeLogbookEpub()));
    expect(doc.title).toBe('The Keeper’s Logbook');
    expect(doc.text.indexOf('winter storms')).toBeLessThan(doc.text.indexOf('nesting terns'));
    expect(locate(doc, doc.text.indexOf('nesting terns')).section).toBe('Spring');
    expect(await load('bad.epub', 'not a zip')).toMatch(/^broken EPUB file/);
  });
});

describe('HTML and Markdown', () => {
  it('turns nested headings into section paths with anchors, and table rows into "cell | cell" lines', async () => {
    const doc = asDoc(await load('lakes.html', GUIDE_HTML));
    expect(doc.text).toContain('Water depth | 23 metres');
    expect(doc.text).not.toContain('Home'); // navigation
    const loc = locate(doc, doc.text.indexOf('Water depth'));
    expect(loc.section).toBe('Lakes of the district › Quarry Lake');
    expect(loc.anchor).toBe('quarry-lake');
    expect(locate(doc, doc.text.indexOf('buoy line')).section).toBe('Lakes of the district › Quarry Lake › Swimming rules');
    expect(locate(doc, doc.text.indexOf('Mill Pond is')).section).toBe('Lakes of the district › Mill Pond');
  });

  it('reads Markdown headings and pipe tables', async () => {
    const doc = asDoc(await load('guide.md', '# Setup\n\nInstall it first.\n\n## Limits\n\n| Limit | Value |\n|---|---|\n| Upload size | 8 MB |\n'));
    expect(doc.text).toContain('Upload size | 8 MB');
    expect(doc.text).not.toMatch(/\|---|#/);
    expect(locate(doc, doc.text.indexOf('Upload')).section).toBe('Setup › Limits');
  });
});

describe('text encodings', () => {
  const sample = 'Le propriétaire du Café de la Gare à Genève est François Müller.';

  it('decodes UTF-8 with and without BOM, UTF-16 LE/BE with BOM and Latin-1', async () => {
    expect(decodeText(Buffer.from(sample))).toBe(sample);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)]))).toBe(sample);
    expect(decodeText(utf16Text(sample, 'le'))).toBe(sample);
    expect(decodeText(utf16Text(sample, 'be'))).toBe(sample);
    expect(decodeText(latin1Text(sample))).toBe(sample);
    // Windows-1252 punctuation (curly quotes, euro sign) in an otherwise Latin-1 file.
    expect(decodeText(Buffer.from([0x93, 0x80, 0x35, 0x94, 0x20, 0x63, 0x61, 0x66, 0xe9]))).toBe('“€5” café');
  });

  it('calls a file binary only when it is text in none of them', async () => {
    expect(await load('pic.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]))).toBe('binary content');
    const doc = asDoc(await load('cafe.txt', latin1Text(sample)));
    expect(doc.text).toBe(sample);
  });
});
