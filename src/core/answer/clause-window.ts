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

/** Where a question word ends in the sentence, the question term it stands for, and that term's weight. */
export interface Anchor {
  at: number;
  key: string;
  weight: number;
}

/**
 * The weight of the distinct question terms in a window of the sentence, kept as the window slides: both ends only
 * move forward, so all the moves together are linear in the anchors.
 */
class Tally {
  private readonly counts = new Map<string, number>();
  private lo = 0;
  private hi = 0;
  score = 0;

  constructor(private readonly anchors: readonly Anchor[]) {}

  /** The window [start, end); neither may move back. */
  to(start: number, end: number): number {
    const a = this.anchors;
    for (; this.lo < a.length && a[this.lo]!.at < start; this.lo++) if (this.lo < this.hi) this.change(a[this.lo]!, -1);
    if (this.hi < this.lo) this.hi = this.lo;
    for (; this.hi < a.length && a[this.hi]!.at < end; this.hi++) this.change(a[this.hi]!, 1);
    return this.score;
  }

  private change(x: Anchor, by: 1 | -1): void {
    const n = (this.counts.get(x.key) ?? 0) + by;
    this.counts.set(x.key, n);
    if ((by === 1 && n === 1) || (by === -1 && n === 0)) this.score += by * x.weight;
  }
}

/**
 * The run of whole clauses of a long sentence, at most `limit` characters,
 * that keeps the most of what matters: the question's words (`anchors`: each
 * distinct term counted once, by its weight; a bare offset counts 1) and
 * `keep` (the short answer, which must stay whole); with a short answer, the
 * shortest such run. A sentence within the limit, or one with no clause short
 * enough, is kept whole. Two pointers over the clauses: linear in the sentence.
 */
export function clauseWindow(text: string, limit: number, anchors: ReadonlyArray<Anchor | number>, keep: Window | null): Window {
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
  const sorted = anchors.map((a, i) => (typeof a === 'number' ? { at: a, key: `#${i}`, weight: 1 } : a)).sort((a, b) => a.at - b.at);
  let best: (Window & { score: number }) | null = null;
  const tally = new Tally(sorted);
  let j = 0;
  for (let i = 0; i < bounds.length - 1; i++) {
    if (j <= i) j = i + 1;
    while (j + 1 < bounds.length && bounds[j + 1]! - bounds[i]! <= limit) j++;
    const start = bounds[i]!;
    const end = bounds[j]!;
    const score = tally.to(start, end);
    if (end - start > limit) continue;
    if (keep && (keep.start < start || keep.end > end)) continue;
    if (!best || score > best.score + 1e-9 || (Math.abs(score - best.score) <= 1e-9 && end - start > best.end - best.start)) best = { start, end, score };
  }
  if (!best) return { start: 0, end: text.length };
  // With a short answer to show, the clauses around it and the question's words add length, not answers: the quote
  // is the shortest run that still holds it and as many of those words. Two pointers again: for a later start the
  // shortest end is never earlier.
  if (keep) {
    const runs = new Tally(sorted);
    const enough = (start: number, end: number) => runs.to(start, end) >= best!.score - 1e-9;
    let k = 0;
    for (let i = 0; i < bounds.length - 1 && bounds[i]! <= keep.start; i++) {
      const start = bounds[i]!;
      if (k <= i) k = i + 1;
      while (k < bounds.length - 1 && (bounds[k]! < keep.end || !enough(start, bounds[k]!))) k++;
      const end = bounds[k]!;
      if (end - start > limit || end < keep.end || !enough(start, end)) continue;
      if (end - start < best.end - best.start) best = { start, end, score: best.score };
    }
  }
  // Trailing separators are not part of the quote.
  const quoted = text.slice(best.start, best.end).replace(/[\s,;:–—-]+$/u, '');
  return { start: best.start, end: best.start + quoted.length };
}
