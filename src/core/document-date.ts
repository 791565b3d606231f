const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = MONTHS.join('|');
// Spaces and tabs only: "\s*" after "^" ran through every following line break from each line start (quadratic).
const EXPLICIT = /^[ \t]*date:?[ \t]+(\d{4})-(\d{2})-(\d{2})\b/im;
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})\\s+(${MONTH})\\s+(\\d{4})\\b`, 'gi');
const MONTH_DAY = new RegExp(`\\b(${MONTH})\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'gi');
/** A document states its own date near its top; a date further down is about something else. */
const HEAD_CHARS = 1500;

const pad = (n: number) => String(n).padStart(2, '0');
const validDate = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1800 && y <= 2200;

/** Where a document states its date, as written, and that date as YYYY-MM-DD. */
export interface DateSpan {
  start: number;
  end: number;
  iso: string;
}

/** The date the text states about itself: an explicit "date" line, else the first full date in its opening. */
export function findDateSpan(text: string): DateSpan | null {
  const explicit = EXPLICIT.exec(text);
  if (explicit) {
    const start = explicit.index + explicit[0].length - 10;
    return { start, end: start + 10, iso: `${explicit[1]}-${explicit[2]}-${explicit[3]}` };
  }
  const head = text.slice(0, HEAD_CHARS);
  let best: DateSpan | null = null;
  const push = (at: number, length: number, y: number, m: number, d: number) => {
    if (validDate(y, m, d) && (!best || at < best.start)) best = { start: at, end: at + length, iso: `${y}-${pad(m)}-${pad(d)}` };
  };
  for (const m of head.matchAll(ISO)) push(m.index, m[0].length, +m[1]!, +m[2]!, +m[3]!);
  for (const m of head.matchAll(DAY_MONTH)) push(m.index, m[0].length, +m[3]!, MONTHS.indexOf(m[2]!.toLowerCase()) + 1, +m[1]!);
  for (const m of head.matchAll(MONTH_DAY)) push(m.index, m[0].length, +m[3]!, MONTHS.indexOf(m[1]!.toLowerCase()) + 1, +m[2]!);
  return best;
}

export const findDate = (text: string): string | null => findDateSpan(text)?.iso ?? null;
