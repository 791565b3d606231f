import { terms } from '../text.js';

/**
 * Where a question asks a second thing: a comma, semicolon, "and" or "?"
 * followed by a question word ("…in shusha, and on what day did…"). The
 * question word may follow a preposition ("and on what day").
 */
const PREPOSITION = '(?:(?:on|in|at|for|from|by|to|with|since|until)\\s+)?';
// With the chat contractions of "what is", "who is"… ("whats", "whos", "where's"), which open a question as well.
const WH = '(?:(?:what|who|where|when|how)(?:s|[’\']s)?|whom|whose|which|why)\\b';
const AUX = '(?:did|does|do|is|was|were|are|has|have|had|can|could|will|would)\\b';
/** "…, and when…", "…; who…", "…? did…": a question word (or, after "?", an auxiliary) opens a second question. */
const BOUNDARY = new RegExp(`(?:\\s*[,;]\\s*(?=${PREPOSITION}${WH})|\\s*,?\\s+and\\s+(?:also\\s+)?(?=${PREPOSITION}${WH})|\\?\\s+(?:and\\s+)?(?=${PREPOSITION}(?:${WH}|${AUX})))`, 'giu');
/**
 * Every part must itself be a question: it opens with a question word or an auxiliary. "When", "where"
 * and "how" must be followed by an auxiliary (or "many", "long"…): "When B cells begin to replicate, what…"
 * is one question with a clause in front.
 */
const OPENS_QUESTION = new RegExp(`^${PREPOSITION}(?:(?:what|who|where|when|how)(?:s|[’']s)\\b|(?:what|who|whom|whose|which|why)\\b|(?:when|where|how)\\s+(?:${AUX}|many\\b|much\\b|long\\b|often\\b|far\\b|old\\b)|${AUX})`, 'iu');
/** Question words do not count as a part's own words. */
const QUESTION_WORD = /^(what|whats|when|whens|who|whos|whom|whose|where|wheres|which|why|how|hows)$/;
/** A label before a colon ("two dates pls: when…, and when…") is not part of what is asked. */
const LABEL = /^[^:?]{1,40}:\s+(?=\S)/u;
/** A part needs words of its own to be looked up alone. */
const MIN_TERMS = 3;

/**
 * The separate questions inside one message ("when was X, and when was Y"),
 * each of which is answered on its own; a single question gives itself. Every
 * part must open with a question word and hold at least three content words,
 * otherwise the question is not split ("who and why?", "Along with X, what…",
 * "how do X work, whats that called"). Linear: one regular-expression scan.
 */
export function questionParts(question: string, maxParts = 3): string[] {
  const text = question.replace(LABEL, '');
  const parts: string[] = [];
  let last = 0;
  for (const m of text.matchAll(BOUNDARY)) {
    if (m.index === 0) continue;
    parts.push(text.slice(last, m.index));
    last = m.index! + m[0].length;
  }
  parts.push(text.slice(last));
  const clean = parts.map((p) => p.trim().replace(/^[,;\s]+|[,;\s]+$/g, '')).filter(Boolean);
  if (clean.length < 2 || clean.length > maxParts) return [question];
  if (clean.some((p) => terms(p).filter((t) => !QUESTION_WORD.test(t)).length < MIN_TERMS || !OPENS_QUESTION.test(p))) return [question];
  return clean;
}
