import { stem } from '../text.js';
import { englishWords } from './english-words.js';
import type { QueryVocabulary } from './query-vocabulary.js';

/**
 * Spelling: which corpus (or English) word a question word is a typo of, and which rare corpus words are the
 * documents' own typos of a question word. Both work on the index's vocabulary (`QueryVocabulary`), built at ingest.
 */

/** A word in the corpus this rarely, next to one this many times more frequent, is taken for a typo of it too. */
const RARE = 2;
const RARE_RATIO = 20;
/** A document's typo of a question word: at most RARE times, beside a word this many times more frequent. */
const TYPO_RATIO = 3;

/** The corpus word a question word is a typo of, or null. Real words (corpus or English) are never changed. */
export function correction(w: string, vocabulary: QueryVocabulary, df: (term: string) => number): string | null {
  if (w.length < 4 || !/^\p{L}+$/u.test(w)) return null;
  const count = vocabulary.count(w);
  if (count > RARE) return null;
  if (count === 0 && df(stem(w)) > 0) return null; // another inflection of a corpus word
  if (vocabulary.isKnown(w) && count === 0) return null; // an English word the corpus lacks: synonyms' job
  // …or a name WordNet relates to a corpus word: "peru" is the corpus's "peruvian", not a typo of "per".
  if (count === 0 && vocabulary.related(w).some((r) => r.synonym)) return null;
  if (count > 0) {
    if (w.length < 5 || vocabulary.isKnown(w)) return null;
    const best = vocabulary.nearWords(w, 1)[0];
    return best && best.count >= RARE_RATIO * count ? best.word : null;
  }
  // An English word one slip away whose stem the corpus has ("figthing" → fighting, where the corpus says "fight"): nearer
  // than a corpus word two edits away, and the only fix when the corpus has the word in another form alone.
  return englishSlip(w, df) ?? vocabulary.nearWords(w, w.length >= 8 ? 2 : 1)[0]?.word ?? null;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * The English word one edit away from `w` (a letter swapped with its neighbour, dropped, doubled or struck for
 * another) whose stem is a corpus term, the most frequent in the corpus first; null for a word of under five letters.
 * At most ~55 lookups a letter. (Also taking English words with a WordNet synonym or a role noun's form in the corpus,
 * "spoeksman" → spokesman, was tried: two SQuAD unanswerables answered, one chat question lost and one won.)
 */
function englishSlip(w: string, df: (term: string) => number): string | null {
  // No English word is longer (and a question of one long token must not cost its length squared).
  if (w.length < 5 || w.length > 30 || !/^[a-z]+$/.test(w)) return null;
  const english = englishWords();
  let best: string | null = null;
  let bestDf = 0;
  const consider = (c: string) => {
    if (c === w || !english.has(c)) return;
    const n = df(stem(c));
    if (n > bestDf) {
      best = c;
      bestDf = n;
    }
  };
  for (let i = 0; i < w.length; i++) {
    consider(w.slice(0, i) + w.slice(i + 1));
    if (i + 1 < w.length) consider(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
    for (const l of LETTERS) consider(w.slice(0, i) + l + w.slice(i + 1));
  }
  for (let i = 0; i <= w.length; i++) for (const l of LETTERS) consider(w.slice(0, i) + l + w.slice(i));
  return best;
}

/**
 * Rare corpus words that are a typing slip of a question word the corpus has more often: typos in the documents
 * ("Bilnken", "bBinken" beside "Blinken"). Only slips a hand makes (two letters swapped, a letter struck for its
 * neighbour's), not any word one edit away: on the SQuAD articles that also matched other names and words
 * ("Walter" for "water", "Zhong" for "Zhang", "Normant" for "Normans").
 */
export function typosOf(w: string, vocabulary: QueryVocabulary): string[] {
  if (w.length < 5 || !/^\p{L}+$/u.test(w)) return [];
  const count = vocabulary.count(w);
  if (count <= RARE) return [];
  return vocabulary
    .nearWords(w, 1)
    .filter((c) => c.count <= RARE && c.count * TYPO_RATIO <= count && isSlip(w, c.word) && !englishWords().has(c.word))
    .map((c) => c.word);
}

/** `typed` is `word` with two neighbouring letters swapped, or one letter replaced by a copy of its neighbour. */
function isSlip(word: string, typed: string): boolean {
  if (word.length !== typed.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < word.length && diff.length <= 2; i++) if (word[i] !== typed[i]) diff.push(i);
  const [i, j] = diff;
  if (diff.length === 2) return j === i! + 1 && word[i!] === typed[j] && word[j] === typed[i!];
  return diff.length === 1 && (typed[i!] === word[i! - 1] || typed[i!] === word[i! + 1]);
}

/** A clipped name has 2–4 letters and leaves at least this many off ("az" for Azerbaijan, "kaz" for Kazakhstan). */
const CLIP_LETTERS = [2, 4];
const CLIP_DROPS = 3;
/** The words a clip may stand for hold this share of the corpus's words that begin with it; more than CLIP_WORDS is too many. */
const CLIP_SHARE = 0.9;
const CLIP_WORDS = 50;

/**
 * The corpus words a chat clipping stands for ("az" → azerbaijan, azerbaijani): a short question word that is neither
 * a corpus word nor an English word, and begins one family of corpus words (the most frequent of them, and the words
 * that extend it) that makes up nearly all the corpus's words beginning with it. Most frequent first; empty when
 * nothing begins with it or the words that do are of different families ("pr": president, press, prime…).
 */
export function clipped(w: string, vocabulary: QueryVocabulary, df: (term: string) => number): string[] {
  if (w.length < CLIP_LETTERS[0]! || w.length > CLIP_LETTERS[1]! || !/^[a-z]+$/.test(w)) return [];
  // The corpus may write the clip itself, rarely ("News.Az"): the family must then be far more frequent.
  const own = vocabulary.count(w);
  // A word WordNet relates to the corpus's ("peru" to "peruvian") is a word, not a clip: synonyms' job.
  if (own > RARE || (own === 0 && df(stem(w)) > 0) || englishWords().has(w) || vocabulary.related(w).length) return [];
  const words = vocabulary.withPrefix(w, CLIP_WORDS)?.filter((x) => x.word !== w);
  if (!words?.length) return [];
  const total = words.reduce((n, x) => n + x.count, 0);
  const top = words.reduce((a, b) => (b.count > a.count ? b : a));
  if (top.word.length < w.length + CLIP_DROPS) return [];
  const family = words.filter((x) => x.word.startsWith(top.word)).sort((a, b) => b.count - a.count);
  const size = family.reduce((n, x) => n + x.count, 0);
  return size >= CLIP_SHARE * total && size >= RARE_RATIO * own ? family.map((x) => x.word) : [];
}

