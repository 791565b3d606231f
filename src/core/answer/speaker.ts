import { terms } from '../text.js';

/** "What did X say / tell / claim…": who is asked about as the one speaking. */
const ASKS_SPEAKER = /^\s*what\s+(?:did|does|do|has|have|had|will|would)\s+(.{1,80}?)\s+(?:say|said|tell|told|claim(?:ed)?|think|thought|state[sd]?|argued?|repl(?:y|ied)|respond(?:ed)?|answer(?:ed)?|add(?:ed)?)\b/i;

/** A verb that reports speech (not "states", "notes", "claims": nouns as often); the words before it say who spoke. */
const REPORTS = /\b(?:said|says|stated|noted|emphasi[sz]ed|stressed|told|added|claimed|reiterated|underlined|underscored|declared|announced|recalled|highlighted|explained|argued|replied|responded|insisted|warned|urged)\b/;
const PASSIVE = /^(?:was|were|is|are|be|been|being)$/i;
const PRONOUN = /^(?:it|he|she|they|this|that|we|i|you|there)$/i;

/** The content terms of the speaker a "what did X say" question asks about, or null for any other question. */
export function askedSpeaker(question: string): string[] | null {
  const m = ASKS_SPEAKER.exec(question);
  if (!m) return null;
  const t = terms(m[1]!);
  return t.length ? t : null;
}

/**
 * The terms of who speaks in a sentence: the words just before its first
 * reporting verb, back to the nearest comma, colon or bracket (at most eight),
 * when they hold a capitalised word. Null when no verb reports speech, or the
 * speaker is a pronoun or unnamed ("It was noted that…", "…were noted").
 */
export function sentenceSpeaker(sentence: string): Set<string> | null {
  const m = REPORTS.exec(sentence);
  if (!m) return null;
  const before = sentence.slice(0, m.index);
  const clause = before.slice(Math.max(before.lastIndexOf(','), before.lastIndexOf(':'), before.lastIndexOf('('), before.lastIndexOf(';')) + 1);
  const ws = clause.trim().split(/\s+/).filter(Boolean).slice(-8);
  // "…were noted": said, but by no one named.
  if (!ws.length || PASSIVE.test(ws.at(-1)!) || PRONOUN.test(ws[0]!) || !ws.some((w) => /^\p{Lu}/u.test(w))) return null;
  return new Set(terms(ws.join(' ')));
}
