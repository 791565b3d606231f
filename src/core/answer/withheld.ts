import { WORD_AS_WRITTEN, wordOf } from '../text.js';
import type { QuestionTerms } from './question-terms.js';

/**
 * A sentence that says the thing asked is not given: "The media outlet does not disclose the name of the
 * 'diplomat', only his initials", "The exact number of fatalities … is not known", "it is unknown which of them was
 * Shi Tianze's mother". Such a sentence holds nearly every word of the question, so coverage calls it the answer,
 * and the abstention model answered "whats the full name of the diplomat…" with it at p 0.73–0.98 in every chat set
 * that asks it. What the corpus says it withholds is not in the corpus.
 */

/**
 * Saying that something is withheld or unknown: a negated verb of telling or a refusal to tell ("does not disclose",
 * "declined to name": what is withheld follows), or an adjective ("undisclosed amount"; "the number … is not known").
 */
const CUE =
  /\b(?:(?<verb>(?:not|never|n['’]t)\s+(?:(?:been|be|yet|publicly|officially|formally|immediately)\s+){0,2}(?:disclos|reveal|nam|identif|specif|releas|publish|confirm|giv|state|made\s+public)\w*|(?:declined|refused|refuses|declines|unwilling|would\s+not|wouldn['’]t)\s+to\s+(?:disclose|reveal|name|identify|specify|give|release|confirm|say|state))|(?<adj>undisclosed|unnamed|unidentified|unknown|unspecified|not\s+(?:yet\s+)?(?:known|clear)|unclear|withheld))\b/giu;

/** Nouns for what a question asks, by what it asks: the withheld thing must be one of them ("the name", "the number"). */
const SLOTS = {
  name: ['name', 'names', 'identity', 'identities'],
  number: ['number', 'numbers', 'amount', 'amounts', 'figure', 'figures', 'total', 'sum', 'toll', 'count', 'size', 'value', 'price', 'cost', 'costs'],
  date: ['date', 'dates', 'day', 'time', 'timing'],
  reason: ['reason', 'reasons', 'cause', 'causes', 'motive', 'motives'],
  place: ['location', 'address', 'whereabouts'],
} as const;

/** Cues that withhold a name by themselves ("did not name", "unnamed"): enough when the question asks for a name. */
const NAMING_CUE = /\b(?:nam|identif|unnamed|unidentified)/iu;
/** A question that asks for a name in so many words ("whats the full name of", "what is X called"). */
const ASKS_NAME = /\b(?:name|names|identity)\b|(?<!\bso[\s-])\bcalled\b/iu;
const ASKS_WHO = /\bwho(?:m|se)?\b/iu;
/** A copula before an adjective cue: what is withheld is its subject, before it ("the number … is not known"). */
const COPULA = /^(?:is|are|was|were|be|been|remains?|remained|stays?|stayed)$/u;
/** A clause that says which or whether ("it is unknown which of them…"): what it withholds is the clause. */
const WH_CLAUSE = /^\s*(?:which|who|whom|what|how|when|where|why|whether|if)\b/iu;
/** Words after a verb cue that name what is withheld ("does not disclose the name of"). */
const OBJECT_WORDS = 4;
/** Words after an adjective cue ("an undisclosed amount"), and before one after a copula ("the exact number of fatalities … is not known"). */
const NOUN_AFTER = 2;
const NOUN_BEFORE = 8;
/** Words of a which/whether clause after a cue that are read for the question's terms. */
const CLAUSE_WORDS = 12;
/** The same cues, for a test: a question about what is unknown ("What is unknown about…") is not declined by them. */
const ANY_CUE = new RegExp(CUE.source, 'iu');

function slotsOf(q: QuestionTerms): Set<string> {
  const out = new Set<string>();
  const add = (k: keyof typeof SLOTS) => SLOTS[k].forEach((w) => out.add(w));
  // "Who" asks for a name; "what initials did the paper give" (typed a person too) does not.
  if (ASKS_WHO.test(q.text) || ASKS_NAME.test(q.text)) add('name');
  if (q.type === 'number' || q.numberKind) add('number');
  if (q.type === 'date') add('date');
  if (q.type === 'place') add('place');
  if (q.asksWhy) add('reason');
  // A slot noun the question names itself ("what was the cost", "what is the address").
  for (const [k, nouns] of Object.entries(SLOTS)) if (nouns.some((n) => q.words.has(n))) add(k as keyof typeof SLOTS);
  return out;
}

/**
 * The part of `sentence` that says what `q` asks is withheld or unknown, or null. The question must not itself be about
 * what is unknown ("What is unknown about…"). Linear: one scan for cues, a bounded window around each.
 */
export function withheldIn(sentence: string, q: QuestionTerms): { start: number; end: number } | null {
  if (ANY_CUE.test(q.text)) return null;
  const slots = slotsOf(q);
  if (slots.size === 0) return null;
  const asksName = ASKS_NAME.test(q.text);
  const own = [...q.own];
  const words = [...sentence.matchAll(WORD_AS_WRITTEN)].map((m) => ({ w: wordOf(m[0]), at: m.index! }));
  // Cues come in order: `next` is the first word at or after the current cue's start.
  let next = 0;
  for (const m of sentence.matchAll(CUE)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (asksName && NAMING_CUE.test(m[0])) return { start, end };
    while (next < words.length && words[next]!.at < start) next++;
    let after = next;
    while (after < words.length && words[after]!.at < end) after++;
    const near = m.groups!['verb']
      ? words.slice(after, after + OBJECT_WORDS)
      : next > 0 && COPULA.test(words[next - 1]!.w)
        ? words.slice(Math.max(0, next - NOUN_BEFORE), next)
        : words.slice(after, after + NOUN_AFTER);
    if (near.some((x) => slots.has(x.w))) return { start, end };
    // "it is unknown which of them was Shi Tianze's mother": the clause after the cue holds what the question asks.
    if (own.length > 0 && WH_CLAUSE.test(sentence.slice(end, end + 12))) {
      const clause = words.slice(after, after + CLAUSE_WORDS).map((x) => x.w);
      const held = own.filter((t) => clause.some((w) => w.startsWith(t))).length;
      if (held >= 2 && held * 2 >= own.length) return { start, end };
    }
  }
  return null;
}
