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
