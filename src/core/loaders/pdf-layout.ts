/** One run of text as pdf.js reports it, in page coordinates (y grows upwards). */
export interface PdfItem {
  str: string;
  x: number;
  y: number;
  width: number;
  /** Font size, near enough. */
  size: number;
}

export interface PdfLine {
  text: string;
  y: number;
  left: number;
  right: number;
  size: number;
  /** Cells found by wide gaps: a table row. */
  cells: number;
}

/** A gap wider than this many font sizes separates table cells, not words. */
const CELL_GAP = 2;
/** A vertical step beyond this many font sizes starts a new paragraph (body text steps ~1.2). */
const PARAGRAPH_GAP = 1.7;
/** A line reaching this share of the page's text width wraps into the next one. */
const FULL_LINE = 0.8;

/** Groups a page's text runs into lines, top to bottom, cells of a table row joined by " | ". */
export function pageLines(items: PdfItem[]): PdfLine[] {
  const runs = items.filter((i) => i.str.trim()).sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PdfItem[][] = [];
  for (const run of runs) {
    const row = rows.at(-1);
    if (row && Math.abs(row[0]!.y - run.y) < 0.5 * Math.max(run.size, row[0]!.size, 1)) row.push(run);
    else rows.push([run]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    const size = Math.max(...row.map((r) => r.size), 1);
    let text = '';
    let cells = 1;
    let right = row[0]!.x;
    for (const run of row) {
      const gap = run.x - right;
      const s = run.str.replace(/\s+/g, ' ');
      if (text) {
        if (gap > CELL_GAP * size) {
          text = `${text.trimEnd()} | ${s.trimStart()}`;
          cells++;
        } else if (gap > 0.15 * size && !text.endsWith(' ') && !s.startsWith(' ')) text += ` ${s}`;
        else text += s;
      } else text = s;
      right = Math.max(right, run.x + run.width);
    }
    return { text: text.trim(), y: row[0]!.y, left: row[0]!.x, right, size, cells };
  });
}

const lineKey = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

/**
 * Drops running headers and footers: a line among the first or last two of
 * a page that recurs (digits ignored, so "Page 3 of 9" counts) on at least
 * half of the pages, and on two or more.
 */
export function dropRunningLines(pages: PdfLine[][]): PdfLine[][] {
  if (pages.length < 2) return pages;
  const edge = (lines: PdfLine[]) => [...lines.slice(0, 2), ...lines.slice(-2)];
  const seen = new Map<string, number>();
  for (const lines of pages) for (const key of new Set(edge(lines).map((l) => lineKey(l.text)))) seen.set(key, (seen.get(key) ?? 0) + 1);
  const running = (l: PdfLine) => (seen.get(lineKey(l.text)) ?? 0) >= Math.max(2, Math.ceil(pages.length / 2));
  return pages.map((lines) => {
    const edges = new Set(edge(lines));
    return lines.filter((l) => !(edges.has(l) && running(l)));
  });
}

/**
 * A page's lines as text: wrapped lines of a paragraph joined with a space
 * (a word hyphenated at the line end joined back), paragraphs separated by
 * a blank line, table rows one per line.
 */
export function pageText(lines: PdfLine[]): string {
  if (!lines.length) return '';
  const left = Math.min(...lines.map((l) => l.left));
  const width = Math.max(...lines.map((l) => l.right)) - left;
  let text = lines[0]!.text;
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    const step = a.y - b.y;
    if (step > PARAGRAPH_GAP * Math.max(a.size, b.size) || step < 0) text += '\n\n';
    else if (a.cells > 1 || b.cells > 1 || a.right - left < FULL_LINE * width) text += '\n';
    else if (/\p{L}-$/u.test(text) && /^\p{Ll}/u.test(b.text)) text = text.slice(0, -1);
    else text += ' ';
    text += b.text;
  }
  return text;
}
