import { terms, WORD_AS_WRITTEN } from '../text.js';
import type { QuestionTerms } from './question-terms.js';

/**
 * "Besides X, …", "apart from X", "other than X", "in addition to X": X is given, and the answer is what stands
 * beside it. X runs to a comma, the question's end, or the question word that follows it ("besides the OIC which
 * other groups…").
 */
const BESIDES = /\b(?:besides|apart from|aside from|other than|in addition to|except for)\s+(.+?)(?=\s*(?:[,?!.]|$)|\s+(?:what|whats|what's|which|who|whos|whom|how|where|when|why|did|does|do|is|are|was|were)\b)/iu;

/**
 * The terms of what a "besides X" question sets aside, with what stands for them (an acronym's words); null if none.
 * Read from the question as typed: the chat forms drop "besides" as filler.
 */
export function besidesTerms(typed: string, q: QuestionTerms): Set<string> | null {
  const m = BESIDES.exec(typed);
  if (!m) return null;
  const out = new Set<string>();
  for (const t of terms(m[1]!)) {
    if (!q.weights.has(t)) continue;
    out.add(t);
    for (const v of q.variants.get(t) ?? []) out.add(v);
  }
  return out.size ? out : null;
}

/** A list goes on after the set-aside words: "…the Organization of Islamic Cooperation, the League of Arab States, and…". */
const LIST_AFTER = /^[\p{L}\s'’-]{0,40}?(?:,\s+(?:and\s+|or\s+)?(?:the\s+)?[\p{L}\d][^,;.]{0,60}?(?:,\s*)?\b(?:and|or)\b|\s+(?:and|or)\s+(?:the\s+)?[\p{L}\d])/u;

/**
 * Does the sentence name what the question sets aside as one item of a list (joined by "and" / "or"), so that the
 * other items are what the question asks for? "…including the Organization of Islamic Cooperation, the League of
 * Arab States, and the Gulf Cooperation Council" does; "…the member countries of the Organization of Islamic
 * Cooperation, Azernews reports" does not. Each mention looks at most 140 characters ahead: linear in the sentence.
 */
export function listsBeside(text: string, aside: ReadonlySet<string>): boolean {
  for (const m of text.matchAll(WORD_AS_WRITTEN)) {
    const t = terms(m[0])[0];
    if (t === undefined || !aside.has(t)) continue;
    const end = m.index! + m[0].length;
    if (LIST_AFTER.test(text.slice(end, end + 140))) return true;
  }
  return false;
}
