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
/** Words that join a second question on in chat: "and", "also", "plus", "+", "&" ("…w/ kobakhidze + which embassy…"). */
const JOIN = '(?:and(?:\\s+also)?|also|plus|\\+|&)';
/** "…, and when…", "…; who…", "…? also which…": a question word (or, after "?", an auxiliary) opens a second question. */
const BOUNDARY = new RegExp(`(?:\\s*[,;]\\s*(?=${PREPOSITION}${WH})|\\s*,?\\s+${JOIN}\\s+(?=${PREPOSITION}${WH})|\\?\\s+(?:${JOIN}\\s+)?(?=${PREPOSITION}(?:${WH}|${AUX})))`, 'giu');
/**
 * Every part must itself be a question: it opens with a question word or an auxiliary. "When", "where"
 * and "how" must be followed by an auxiliary (or "many", "long"…): "When B cells begin to replicate, what…"
 * is one question with a clause in front.
 */
const OPENS_QUESTION = new RegExp(`^${PREPOSITION}(?:(?:what|who|where|when|how)(?:s|[’']s)\\b|(?:what|who|whom|whose|which|why)\\b|(?:when|where|how)\\s+(?:${AUX}|many\\b|much\\b|long\\b|often\\b|far\\b|old\\b)|${AUX})`, 'iu');
/**
 * A part opens a question, or does after what is typed before it ("saw the story about the gold - how much was it",
 * "idk much about karabakh, when did…"): the last clause, after a comma or a dash, is what is asked.
 */
function opensQuestion(part: string): boolean {
  return OPENS_QUESTION.test(questionClause(part));
}

/** What a part asks, without the context typed before it: its last clause when only that opens a question. */
export function questionClause(part: string): string {
  if (OPENS_QUESTION.test(part)) return part;
  const last = part.slice(part.search(/[,;:–—-]\s+[^,;:–—-]*$/u) + 1).trim();
  return OPENS_QUESTION.test(last) ? last : part;
}

/** Question words do not count as a part's own words. */
const QUESTION_WORD = /^(what|whats|when|whens|who|whos|whom|whose|where|wheres|which|why|how|hows)$/;
/** A label before a colon ("two dates pls: when…, and when…") is not part of what is asked. */
const LABEL = /^[^:?]{1,40}:\s+(?=\S)/u;
/**
 * The first part needs two words of its own to be looked up alone ("what were the cop29 dates"); a later one needs one
 * ("…, and on what date"), as it is read with the first part's topic (see `withEarlierTopic`).
 */
const MIN_TERMS = 2;
const MIN_LATER = 1;
/**
 * A later part that asks only the point or reason of what the part before asks about ("why is X pushing a truce,
 * whats the point of it", "what did they do and why") asks that part again: it is read with it, not alone. Alone, "what
 * is the point of it" was answered with whatever sentence held the topic's one remaining word.
 */
const ONLY_PURPOSE = /^(?:what|whats|what['’]s)\s+(?:(?:is|was|are|were)\s+)?the\s+(?:point|purpose|aim|goal|idea|objective|reason)s?(?:\s+(?:of|behind|for)\s+(?:it|that|this|them|doing\s+(?:it|that|this)))?\s*\??$|^why(?:\s+(?:is|was|did|does|do)\s+(?:it|that|this|they))?\s*\??$/iu;

/**
 * The separate questions inside one message ("when was X, and when was Y"),
 * each of which is answered on its own; a single question gives itself. Every
 * part must open with a question word and hold content words of its own,
 * otherwise the question is not split ("who and why?", "Along with X, what…").
 * Linear: one regular-expression scan.
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
  const clean: string[] = [];
  for (const p of parts.map((p) => p.trim().replace(/^[,;\s]+|[,;\s]+$/g, '')).filter(Boolean)) {
    if (clean.length > 0 && ONLY_PURPOSE.test(p)) clean[clean.length - 1] += `, ${p}`;
    else clean.push(p);
  }
  // Context typed before the first question ("idk much about karabakh, when did the conflict start and how much…")
  // is read with it: it names the topic.
  if (clean.length > 2 && !opensQuestion(clean[0]!)) clean.splice(0, 2, `${clean[0]}, ${clean[1]}`);
  if (clean.length < 2 || clean.length > maxParts) return [question];
  if (clean.some((p, i) => terms(p).filter((t) => !QUESTION_WORD.test(t)).length < (i === 0 ? MIN_TERMS : MIN_LATER) || !opensQuestion(p))) return [question];
  return clean;
}
