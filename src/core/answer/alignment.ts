import { numberValue, ORDINALS } from '../numerals.js';
import { isContraction, isStopword, sameFamily as related, stem, wordOf, WORD_AS_WRITTEN } from '../text.js';

/**
 * How a sentence lines up with the question word by word. Unanswerable
 * questions are very often an answerable one with one word swapped ("a
 * European ship" → "an American ship", "increasing" → "decreasing") or a
 * negation added or dropped ("could restrict" → "could not restrict"); the
 * sentence then holds every other word of the question, so coverage alone
 * cannot tell.
 */

/** A content word in order: its stem, whether a negation governs it, and how it was written. */
export interface AlignedToken {
  term: string;
  /** The word, lower case. */
  word: string;
  negated: boolean;
  /** Written with a capital past the text's first word (a name). */
  name: boolean;
  /** Writes a number, in digits or as a small number's word ("three", "third"). */
  numeric: boolean;
  /** That number's value ("3rd" and "third" are both 3), null for any other word. */
  value: number | null;
  /** Follows a question word directly ("what treaty", "which city"): names the kind of answer, so the sentence need not hold it. */
  focus: boolean;
}

const NEGATORS = new Set(['not', 'no', 'never', 'non', 'nor', 'neither', 'cannot', 'without', 'none']);
/** Words after which the next one names the kind of answer asked for ("which outlet", "how many countries"): the focus. */
export const ASKS_KIND: ReadonlySet<string> = new Set(['what', 'which', 'whose', 'many', 'much', 'whats']);
/** A negation governs the first content word within this many tokens after it ("did not have immunity"). */
const NEGATION_REACH = 3;
/**
 * A word that negates its own base: "jawless" (without jaws), "unnecessary" (not necessary). Only the base's stem is
 * compared with the question's words, so a word that merely starts with "un" ("union", "united") matches nothing asked.
 */
const AFFIX_NEGATION = /^(?:un(\p{L}{5,})|(\p{L}{3,}?)less)$/u;

/** Content tokens of a text (one pass, linear in its length). */
export function alignedTokens(text: string): AlignedToken[] {
  const out: AlignedToken[] = [];
  let reach = 0;
  let previous = '';
  let index = 0;
  for (const m of text.matchAll(WORD_AS_WRITTEN)) {
    const raw = m[0];
    const lower = wordOf(raw);
    const first = index++ === 0;
    // "didn't", "can't": the tokenizer splits them into "didn" + "t".
    // "if not", "or not" set a condition and deny nothing.
    // "not only … but also" adds; it denies nothing.
    const additive = lower === 'not' && /^\s+only\b/i.test(text.slice(m.index! + raw.length, m.index! + raw.length + 6));
    if ((NEGATORS.has(lower) && !additive && previous !== 'if' && previous !== 'or') || (lower === 't' && previous.endsWith('n'))) {
      reach = NEGATION_REACH + 1;
      previous = lower;
      continue;
    }
    const negated = reach > 0;
    if (reach > 0) reach--;
    if (!isStopword(lower) && !(isContraction(lower) && /^['’]t\b/.test(text.slice(m.index + raw.length, m.index + raw.length + 3)))) {
      const affix = AFFIX_NEGATION.exec(lower);
      const base = affix && (affix[1] ?? affix[2])!;
      const term = base && !isStopword(base) ? stem(base) : stem(lower);
      const value = numberValue(lower);
      out.push({ term, word: lower, negated: negated !== (term !== stem(lower)), name: !first && /^\p{Lu}/u.test(raw), numeric: value !== null || /\p{N}/u.test(raw), value, focus: ASKS_KIND.has(previous) });
      reach = 0;
    }
    previous = lower;
  }
  return out;
}

export interface Alignment {
  /** A term the question negates and the sentence states plainly, or the other way round. */
  negationFlip: boolean;
  /** Weight share (of the heaviest own term) of a question word whose place in the sentence holds a different word. */
  substitution: number;
  /**
   * … where the question's word is a name and its place holds a word, not a number ("the Karabakh ceasefire" / "a
   * global ceasefire": another thing of that kind; "Quarry Lake" / "depth | 23" is the answer, not a swap), or both
   * words are numbers of one kind ("fourth invasion" / "third invasion").
   */
  typedSubstitution: number;
  /** … where both are nouns of one kind ("silver" / "gold"), as `sisters` tells. */
  sisterSubstitution: number;
}

/**
 * Lines the sentence up with the question. `holds(t)`: the sentence holds the
 * question's term t (itself or a synonym); `weight(t)`: its weight, 0 for words
 * that are not the question's own; `inQuestion(t)`: any term of the question or
 * its expansions; `sisters(a, b)`: two words name different things of one kind.
 */
export function align(
  question: AlignedToken[],
  sentence: AlignedToken[],
  holds: (t: string) => boolean,
  weight: (t: string) => number,
  inQuestion: (t: string) => boolean,
  sisters: (a: string, b: string) => boolean = () => false,
): Alignment {
  let maxWeight = 0;
  for (const tok of question) maxWeight = Math.max(maxWeight, weight(tok.term));
  const positions = new Map<string, number[]>();
  sentence.forEach((tok, i) => {
    const list = positions.get(tok.term);
    if (list) list.push(i);
    else positions.set(tok.term, [i]);
  });
  let negationFlip = false;
  for (const tok of question) {
    const at = positions.get(tok.term);
    if (!at || weight(tok.term) === 0) continue;
    // Flipped only where no mention agrees: "jawless" beside "jawed" states both.
    if (!at.some((i) => sentence[i]!.negated === tok.negated)) negationFlip = true;
  }
  let substitution = 0;
  let typedSubstitution = 0;
  let sisterSubstitution = 0;
  question.forEach((tok, i) => {
    const w = weight(tok.term) / (maxWeight || 1);
    // "3rd" and "third" write the same number.
    const same = (o: AlignedToken) => related(o.term, tok.term) || (tok.value !== null && o.value === tok.value);
    if (w === 0 || tok.focus || holds(tok.term) || sentence.some(same)) return;
    // The word's neighbour in the question is in the sentence; what stands next to it there, in the word's place?
    for (const [n, side] of [
      [question[i - 1], 1],
      [question[i + 1], -1],
    ] as const) {
      if (!n) continue;
      for (const j of positions.get(n.term) ?? []) {
        const other = sentence[j + side];
        if (!other || inQuestion(other.term) || same(other)) continue;
        substitution = Math.max(substitution, w);
        const nameSwap = tok.name && !other.numeric;
        if (nameSwap || (tok.numeric && other.numeric && numberKind(tok.word) === numberKind(other.word)))
          typedSubstitution = Math.max(typedSubstitution, w);
        if (w > sisterSubstitution && sisters(tok.word, other.word)) sisterSubstitution = w;
      }
    }
  });
  return { negationFlip, substitution, typedSubstitution, sisterSubstitution };
}

/**
 * What a number word writes: a rank ("first", "3rd"), a year ("1994") or any other quantity. A swap counts as a
 * changed number only within one kind: in "the first ceasefire" read against "the 1994 ceasefire", the year is
 * what was asked, not another rank.
 */
function numberKind(word: string): 'rank' | 'year' | 'quantity' {
  if (ORDINALS.includes(word) || /^\d+(?:st|nd|rd|th)$/.test(word)) return 'rank';
  if (/^(?:1\d|20)\d\d$/.test(word)) return 'year';
  return 'quantity';
}
