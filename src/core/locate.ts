import type { SectionMark } from './types.js';

/** What `locate` needs of a document: its page starts and section marks, both sorted by offset. */
export interface Locatable {
  pages?: number[];
  sections?: SectionMark[];
}

export interface Location {
  /** 1-based page, or null for formats without pages. */
  page: number | null;
  /** Heading path joined with " › ", or null when no heading precedes the offset. */
  section: string | null;
  /** The innermost heading's anchor, for linking into a web page. */
  anchor: string | null;
}

export const SECTION_SEPARATOR = ' › ';

/** Last index whose start is ≤ offset (binary search), or -1. */
function lastAtOrBefore<T>(list: T[], offset: number, startOf: (t: T) => number): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(list[mid]!) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The page and section of a character offset in a document (a chunk's or quote's start). */
export function locate(doc: Locatable, offset: number): Location {
  const p = doc.pages?.length ? lastAtOrBefore(doc.pages, offset, (s) => s) : -1;
  const s = doc.sections?.length ? lastAtOrBefore(doc.sections, offset, (m) => m.start) : -1;
  const mark = s >= 0 ? doc.sections![s]! : null;
  return {
    page: p >= 0 ? p + 1 : null,
    section: mark ? mark.path.join(SECTION_SEPARATOR) : null,
    anchor: mark?.anchor ?? null,
  };
}

/** "p. 3 · Setup › Intents", or '' when the document has neither. */
export function describeLocation(loc: Pick<Location, 'page' | 'section'>): string {
  return [loc.page !== null ? `p. ${loc.page}` : null, loc.section].filter(Boolean).join(' · ');
}
