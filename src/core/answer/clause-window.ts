/** A part of a sentence as offsets into it. */
export interface Window {
  start: number;
  end: number;
}

/**
 * Where a long sentence may be cut: after a comma, semicolon, colon or dash, and between the two sentences of a pair
 * (a sentence quoted with the one it refers back to). Not at a bracket: it glosses the words before it ("excessive
 * compression ("kick back")", "the prétendus réformés ("these supposedly 'reformed'")"), and either half may be the answer.
 * Not at a comma between two numbers: "November 10, 2020" is one date, and a quote opening "…2020 on Karabakh" reads as
 * cut mid-sentence.
 */
const CLAUSE_BREAK = /(?:(?<!\d),|,(?!\s+\d)|[;:])\s+|\s+[–—-]\s+|[.!?]["”’)\]]?\s+(?=["“‘(]?\p{Lu})/gu;

/**
 * The run of whole clauses of a long sentence, at most `limit` characters,
 * that keeps the most of what matters: `anchors` (where the
 * question's words are) and `keep` (the short answer, which must stay whole);
 * with a short answer, the shortest such run.
 * A sentence within the limit, or one with no clause short enough, is kept
 * whole. Two pointers over the clauses: linear in the sentence.
 */
export function clauseWindow(text: string, limit: number, anchors: readonly number[], keep: Window | null): Window {
  if (text.length <= limit) return { start: 0, end: text.length };
  const bounds = [0];
  // Nor inside brackets: "…Russian and Armenian leaders to end the war], which…" would open on a bracket it never opened.
  let depth = 0;
  let scanned = 0;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    for (; scanned < m.index!; scanned++) {
      const c = text[scanned];
      if (c === '(' || c === '[') depth++;
      else if ((c === ')' || c === ']') && depth > 0) depth--;
    }
    if (depth === 0) bounds.push(m.index! + m[0].length);
  }
  bounds.push(text.length);
  const sorted = [...anchors].sort((a, b) => a - b);
  // Anchors inside [start, end), counted from a running prefix (anchors are sorted).
  const countBefore = (at: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let best: (Window & { score: number }) | null = null;
  let j = 0;
  for (let i = 0; i < bounds.length - 1; i++) {
    if (j <= i) j = i + 1;
    while (j + 1 < bounds.length && bounds[j + 1]! - bounds[i]! <= limit) j++;
    const start = bounds[i]!;
    const end = bounds[j]!;
    if (end - start > limit) continue;
    if (keep && (keep.start < start || keep.end > end)) continue;
    const score = countBefore(end) - countBefore(start);
    if (!best || score > best.score || (score === best.score && end - start > best.end - best.start)) best = { start, end, score };
  }
  if (!best) return { start: 0, end: text.length };
  // With a short answer to show, the clauses around it and the question's words add length, not answers: the quote
  // is the shortest run that still holds it and as many of those words. Two pointers again: for a later start the
  // shortest end is never earlier.
  if (keep) {
    let k = 0;
    for (let i = 0; i < bounds.length - 1 && bounds[i]! <= keep.start; i++) {
      const start = bounds[i]!;
      if (k <= i) k = i + 1;
      while (k < bounds.length - 1 && (bounds[k]! < keep.end || countBefore(bounds[k]!) - countBefore(start) < best.score)) k++;
      const end = bounds[k]!;
      if (end - start > limit || end < keep.end || countBefore(end) - countBefore(start) < best.score) continue;
      if (end - start < best.end - best.start) best = { start, end, score: best.score };
    }
  }
  // Trailing separators are not part of the quote.
  const quoted = text.slice(best.start, best.end).replace(/[\s,;:–—-]+$/u, '');
  return { start: best.start, end: best.start + quoted.length };
}
