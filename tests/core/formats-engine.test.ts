import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Footnote } from '../../src/core/engine.js';
import { GUIDE_HTML, latin1Text, makeHandbookDocx, makeReportPdf, makeScannedPdf, utf16Text } from '../helpers/make-documents.js';
import { copySeedCorpus, tempDir, testConfig, writeFiles } from '../helpers/temp.js';

/** A corpus of every format in one folder, ingested in one go, asked about through the engine. */
describe('a mixed-format corpus', () => {
  let cleanup: () => Promise<void>;
  let engine: Footnote;

  beforeAll(async () => {
    let root: string;
    ({ dir: root, cleanup } = await tempDir());
    const corpus = await copySeedCorpus(root);
    await writeFiles(corpus, {
      'reports/quarry-lake.pdf': await makeReportPdf(),
      'reports/scan.pdf': await makeScannedPdf(),
      'handbook.docx': await makeHandbookDocx(),
      'lakes.html': GUIDE_HTML,
      'cafe.txt': latin1Text('The Café de la Gare in Genève opens at seven in the morning.\nThe café is owned by François Müller, a former cook from Zürich.'),
      'lighthouse.txt': utf16Text('The lighthouse on Hallig Norderoog was painted red and white in 1998 by volunteers.', 'le'),
    });
    engine = await Footnote.open(testConfig(root), { buildIfMissing: true });
  });
  afterAll(() => cleanup());

  it('cites the page of a PDF the answer is on', async () => {
    const a = await engine.ask('When was the old boat ramp rebuilt by the rowing club?');
    expect(a.abstained).toBe(false);
    expect(a.text).toContain('1962');
    expect(a.citations[0]).toMatchObject({ docId: 'reports/quarry-lake.pdf', page: 2, section: null });
  });

  it('answers from a table cell, citing the section of the page', async () => {
    const a = await engine.ask('What is the water depth of Quarry Lake?');
    expect(a.text).toContain('23 metres');
    const cited = a.citations.find((c) => c.quote.includes('23 metres'));
    expect(cited).toMatchObject({ docId: 'lakes.html', page: null, section: 'Lakes of the district › Quarry Lake', quote: 'Water depth | 23 metres' });
  });

  it('answers from a Latin-1 file with the accented words intact', async () => {
    const a = await engine.ask('Who owns the café in Genève?');
    expect(a.text).toContain('François Müller');
    expect(a.citations[0]!.docId).toBe('cafe.txt');
  });

  it('answers from a Word file with its heading path, and from a UTF-16 file', async () => {
    const a = await engine.ask('Which intent does the harbour bot need?');
    expect(a.text).toContain('Message Content');
    expect(a.citations[0]).toMatchObject({ docId: 'handbook.docx', section: 'Bot settings › Intents' });
    const b = await engine.ask('When was the lighthouse on Hallig Norderoog painted?');
    expect(b.text).toContain('1998');
  });

  it('lists the scanned PDF as skipped, with its reason, in the report', async () => {
    const report = await engine.reindex();
    expect(report.files.find((f) => f.id === 'reports/scan.pdf')).toEqual({
      id: 'reports/scan.pdf',
      status: 'skipped',
      reason: 'no text layer (scanned PDF? OCR is not supported)',
    });
    expect(report.files.filter((f) => f.id === 'handbook.docx')).toEqual([{ id: 'handbook.docx', status: 'unchanged' }]);
  });
});
