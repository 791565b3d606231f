import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findDate } from '../../src/core/document-date.js';
import { loadCorpus } from '../../src/core/loader.js';
import { REPO_CORPUS, tempDir, writeFiles } from '../helpers/temp.js';

describe('loadCorpus', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it('loads the seed corpus with titles, dates and hashes', async () => {
    const { documents, skipped } = await loadCorpus(REPO_CORPUS);
    expect(skipped).toEqual([]);
    expect(documents.map((d) => d.id)).toContain('000_1f24b69473147b1b.txt');
    const first = documents.find((d) => d.id === '000_1f24b69473147b1b.txt')!;
    expect(first.title).toBe('A total of 127 countries have joined the ceasefire call thus far');
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(documents.find((d) => d.id === '001_5016a7bb1aa569ec.txt')!.date).toBe('2024-12-28');
    expect(documents.find((d) => d.id === '003_90674a70d5c360b8.txt')!.date).toBe('2021-10-08');
  });

  it('reads nested .md and .html, with ids relative to the corpus folder', async () => {
    await writeFiles(dir, {
      'guides/setup.md': 'Intro line\n\n# Setting up the server\n\nInstall the package and run it.',
      'pages/about.html':
        '<html><head><title>About Us</title><style>p{}</style></head><body><nav>menu</nav><p>We publish <b>news</b> daily.</p><script>x()</script></body></html>',
    });
    const { documents } = await loadCorpus(dir);
    const md = documents.find((d) => d.id === 'guides/setup.md')!;
    expect(md.title).toBe('Setting up the server');
    const html = documents.find((d) => d.id === 'pages/about.html')!;
    expect(html.title).toBe('About Us');
    expect(html.text).toContain('We publish news daily.');
    expect(html.text).not.toMatch(/x\(\)|p\{\}|menu/);
  });

  it('skips empty, binary and unsupported files with a reason each, and keeps going', async () => {
    await writeFiles(dir, {
      'good.txt': 'A real document about the ceasefire.',
      'empty.txt': '   \n\n',
      'image.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]),
      'data.pdf': '%PDF-1.4',
      'data.xyz': 'what is this',
      '.hidden.txt': 'ignored quietly',
    });
    const skippedNames: string[] = [];
    const { documents, skipped } = await loadCorpus(dir, { onSkip: (s) => skippedNames.push(s.id) });
    expect(documents.map((d) => d.id)).toEqual(['good.txt']);
    expect(Object.fromEntries(skipped.map((s) => [s.id, s.reason]))).toEqual({
      'data.pdf': expect.stringContaining('broken PDF'),
      'data.xyz': expect.stringContaining('unsupported'),
      'empty.txt': expect.stringContaining('empty'),
      'image.txt': expect.stringContaining('binary'),
    });
    expect(skippedNames.sort()).toEqual(['data.pdf', 'data.xyz', 'empty.txt', 'image.txt']);
  });

  it('skips files over the size limit without reading them', async () => {
    await writeFiles(dir, { 'big.txt': 'word '.repeat(1000), 'small.txt': 'A short note.' });
    const { documents, skipped } = await loadCorpus(dir, { maxFileBytes: 1000 });
    expect(documents.map((d) => d.id)).toEqual(['small.txt']);
    expect(skipped[0]!.reason).toMatch(/too large/);
  });

  it('fails with a clear error when the folder does not exist', async () => {
    await expect(loadCorpus(`${dir}/nope`)).rejects.toThrow(/Corpus folder not found/);
  });
});

describe('findDate', () => {
  it('reads explicit date lines and written-out dates', () => {
    expect(findDate(' date 2024-10-23 (MENAFN) text')).toBe('2024-10-23');
    expect(findDate('Politics 8 October 2021 10:27')).toBe('2021-10-08');
    expect(findDate('Published March 5, 2023 by staff')).toBe('2023-03-05');
    expect(findDate('No date here, only January 17.')).toBeNull();
  });

  it('reads a document of a million blank lines in one pass (it used to take minutes)', () => {
    expect(findDate(`${'\n'.repeat(1_000_000)}date 2024-10-23`)).toBe('2024-10-23');
    expect(findDate(' \n'.repeat(1_000_000))).toBeNull();
  });
});
