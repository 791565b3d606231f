/**
 * Builds the test documents of each format from scratch (no binary blobs
 * checked in): PDFs with pdf-lib, a Word file with docx, legacy-encoded text.
 */
import { Document as DocxDocument, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import iconv from 'iconv-lite';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

/** A three-page report with a running header and footer, a hyphenated line end on page 2 and a table on page 3. */
export async function makeReportPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle('Quarry Lake Survey Report');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const pages: string[][] = [
    [
      'The regional water board surveyed Quarry Lake in the spring of 2024. This report sets out',
      'what the divers and the inspection team found, season by season, for the town council.',
    ],
    [
      'The inspection team measured the temperature of the lake in the deep-',
      'est basin at exactly nine degrees Celsius during the second week of April.',
      '',
      'The old boat ramp on the eastern shore was rebuilt by the rowing club in 1962.',
    ],
    ['Survey figures'],
  ];
  pages.forEach((lines, i) => {
    const page = pdf.addPage([595, 842]);
    page.drawText('Regional Water Board - Quarry Lake Survey', { x: 50, y: 800, size: 9, font });
    page.drawText(`Page ${i + 1} of ${pages.length}`, { x: 260, y: 30, size: 9, font });
    let y = 740;
    for (const line of lines) {
      if (line) page.drawText(line, { x: 50, y, size: 11, font });
      y -= line ? 14 : 20;
    }
    if (i === 2) {
      const rows = [
        ['Measure', 'Value'],
        ['Surface area', '41 hectares'],
        ['Species of fish', '14 species'],
      ];
      rows.forEach(([a, b], r) => {
        page.drawText(a!, { x: 50, y: 680 - r * 16, size: 11, font });
        page.drawText(b!, { x: 260, y: 680 - r * 16, size: 11, font });
      });
    }
  });
  return Buffer.from(await pdf.save());
}

/** A PDF whose only page is a picture-like shape: what a scan without OCR looks like. */
export async function makeScannedPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  page.drawRectangle({ x: 40, y: 40, width: 515, height: 762, color: rgb(0.9, 0.9, 0.85) });
  page.drawEllipse({ x: 300, y: 420, xScale: 120, yScale: 60, color: rgb(0.2, 0.2, 0.2) });
  return Buffer.from(await pdf.save());
}

/** A Word file with heading styles (Heading 1 › Heading 2) and a table. */
export async function makeHandbookDocx(): Promise<Buffer> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const doc = new DocxDocument({
    sections: [
      {
        children: [
          new Paragraph({ text: 'Operator handbook', heading: HeadingLevel.HEADING_1 }),
          new Paragraph('This handbook explains how the harbour bot is configured and run by the operators.'),
          new Paragraph({ text: 'Bot settings', heading: HeadingLevel.HEADING_1 }),
          new Paragraph('The settings live in a file next to the program and are read once at start-up.'),
          new Paragraph({ text: 'Intents', heading: HeadingLevel.HEADING_2 }),
          new Paragraph('The harbour bot needs the Message Content intent to read questions posted in channels.'),
          new Table({
            rows: [
              new TableRow({ children: [cell('Setting'), cell('Default')] }),
              new TableRow({ children: [cell('Reply timeout'), cell('45 seconds')] }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Latin-1 text with accented words. */
export const latin1Text = (text: string): Buffer => iconv.encode(text, 'latin1');

/** UTF-16 with a byte order mark, little- or big-endian. */
export function utf16Text(text: string, endian: 'le' | 'be'): Buffer {
  const body = iconv.encode(text, endian === 'le' ? 'utf16le' : 'utf16be');
  return Buffer.concat([Buffer.from(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
}

export const GUIDE_HTML = `<!doctype html><html><head><title>Lakes of the district</title></head><body>
<nav><a href="/">Home</a></nav>
<main>
<h1 id="lakes">Lakes of the district</h1>
<p>The district has three lakes that are open to swimmers in summer.</p>
<h2 id="quarry-lake">Quarry Lake</h2>
<p>Quarry Lake fills an old granite quarry north of the village.</p>
<table><tr><th>Measure</th><th>Value</th></tr><tr><td>Water depth</td><td>23 metres</td></tr><tr><td>Opened for swimming</td><td>1987</td></tr></table>
<h3 id="rules">Swimming rules</h3>
<p>Swimmers must stay inside the buoy line marked by yellow floats.</p>
<h2 id="mill-pond">Mill Pond</h2>
<p>Mill Pond is shallow and warm, and popular with families with small children.</p>
</main></body></html>`;

/** A two-slide PowerPoint package (the parts a reader needs), the second slide with a table. */
export async function makeDeckPptx(): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  const ns = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
  const para = (t: string) => `<a:p><a:r><a:t>${t}</a:t></a:r></a:p>`;
  const slide = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><p:sld ${ns}><p:cSld><p:spTree><p:sp><p:txBody>${body}</p:txBody></p:sp></p:spTree></p:cSld></p:sld>`;
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('ppt/slides/slide1.xml', slide(para('Regatta briefing') + para('The regatta starts at ten from the north buoy.')));
  const cell = (t: string) => `<a:tc><a:txBody>${para(t)}</a:txBody></a:tc>`;
  zip.file(
    'ppt/slides/slide2.xml',
    slide(para('Classes') + `</p:txBody></p:sp><p:graphicFrame><a:graphic><a:graphicData><a:tbl><a:tr>${cell('Dinghy')}${cell('Course B')}</a:tr></a:tbl></a:graphicData></a:graphic></p:graphicFrame><p:sp><p:txBody>`),
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** An OpenDocument text with outline headings and a table. */
export async function makeNotesOdt(): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  zip.file('mimetype', 'application/vnd.oasis.opendocument.text');
  zip.file(
    'content.xml',
    `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>
    <text:h text:outline-level="1">Club rules</text:h><text:p>Members sign the logbook before taking a boat out.</text:p>
    <text:h text:outline-level="2">Fees</text:h><table:table><table:table-row><table:table-cell><text:p>Junior</text:p></table:table-cell><table:table-cell><text:p>40 euros</text:p></table:table-cell></table:table-row></table:table>
    </office:text></office:body></office:document-content>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** A two-chapter EPUB (container, package document with a spine, XHTML chapters). */
export async function makeLogbookEpub(): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip');
  zip.file('META-INF/container.xml', '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/book.opf" media-type="application/oebps-package+xml"/></rootfiles></container>');
  zip.file(
    'OEBPS/book.opf',
    '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" xmlns:dc="http://purl.org/dc/elements/1.1/" version="3.0"><metadata><dc:title>The Keeper’s Logbook</dc:title></metadata><manifest><item id="c2" href="text/two.xhtml" media-type="application/xhtml+xml"/><item id="c1" href="text/one.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>',
  );
  const chapter = (h: string, p: string) => `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>${h}</title></head><body><h1>${h}</h1><p>${p}</p></body></html>`;
  zip.file('OEBPS/text/one.xhtml', chapter('Winter', 'The lamp was relit every evening at dusk during the winter storms.'));
  zip.file('OEBPS/text/two.xhtml', chapter('Spring', 'In spring the keeper painted the tower and counted the nesting terns.'));
  return zip.generateAsync({ type: 'nodebuffer' });
}
