/**
 * Query analysis: one function that every stage reads a question through.
 *
 *   analyzeQuery(question, context) → QueryAnalysis
 *     question    the user's text, as asked
 *     normalized  chat forms written out ("how come ppl r" → "why people are")
 *     corrected   `normalized` with misspelled words replaced by corpus words
 *                 ("ceasfire" → "ceasefire"): what the dense embedder is given
 *     terms       weighted keyword-search terms, each a stem as the keyword
 *                 index holds it, tagged with where it came from:
 *                   original  a content word of the question       weight 1
 *                   spelling  a correction of a question word      weights.spelling
 *                   synonym   a WordNet synonym found in the corpus weights.synonym
 *                             (an irregular inflection's base form,
 *                             "grew" → grow: weight 1 when the corpus
 *                             lacks "grew")
 *                             (a role noun's other form, "spokesman" →
 *                             spokesperson: the same weights)
 *                             (an acronym's name in the corpus, "mfa" →
 *                             ministri foreign affair: the same weights)
 *                   related   a looser WordNet relation            weights.related
 *                 `word` is the surface word, `from` the question word it
 *                 replaces or expands
 *     opposites   [{ from, term }]: corpus stems WordNet gives as the opposite
 *                 of a question word ("decreasing" → "increas"); the answerer
 *                 reads a sentence that holds the opposite instead of the word
 *                 as not answering
 *     thesaurus   [{ from, term }]: for a question word the corpus lacks,
 *                 corpus stems the Moby thesaurus lists with it ("hoping" →
 *                 plan); the answerer counts them as a looser match of their
 *                 own, the keyword search not at all
 *     corrections [{ from, to }] in question order
 *     language    { detected, expected, foreign }: `foreign` when the question
 *                 is written in another language than the corpus; the engine
 *                 then answers with one line saying which language it answers in
 *
 *   context: { vocabulary?, documentFrequency? } — the index's QueryVocabulary
 *   (absent for an index built before it existed: then only chat forms apply)
 *   and the keyword index's document frequency of a stem.
 *
 * Cost: lookups only (maps and one binary-searched table per misspelled word);
 * linear in the question's length.
 */
import { centuryOf } from '../numerals.js';
import { fold, isStopword, stem, words } from '../text.js';
import { normalizeChatForms, PURPOSE_FRAME } from './chat-forms.js';
import { englishWords } from './english-words.js';
import { detectLanguage } from './language.js';
import type { QueryVocabulary } from './query-vocabulary.js';
import { roleForms } from './role-nouns.js';
import { clipped, correction, typosOf } from './spelling.js';

export type TermSource = 'original' | 'spelling' | 'variant' | 'synonym' | 'related';

export interface WeightedTerm {
  term: string;
  word: string;
  weight: number;
  source: TermSource;
  from?: string;
}

export interface QueryAnalysis {
  question: string;
  normalized: string;
  corrected: string;
  terms: WeightedTerm[];
  /** `from`: the question word's stem; `term`: a corpus stem of its opposite. */
  opposites: Array<{ from: string; term: string }>;
  /** `from`: the stem of a question word the corpus lacks; `term`: a corpus stem the thesaurus lists with it. */
  thesaurus: Array<{ from: string; term: string }>;
  corrections: Array<{ from: string; to: string }>;
  language: { detected: string | null; expected: string | null; foreign: boolean };
}

export interface QueryContext {
  vocabulary?: QueryVocabulary | null;
  documentFrequency?: (term: string) => number;
}

export interface QueryWeights {
  spelling: number;
  synonym: number;
  related: number;
  /** Multiplies a synonym's weight when the question's own word is in the corpus too. */
  synonymOfPresent: number;
}

/**
 * Fitted with src/cli/fit-query-weights.ts on the SQuAD dev articles other than
 * Yuan dynasty and Immune system (those held out). Synonyms peak at 0.2, and at
 * half that for a word the corpus has too; looser relations fit best at 0 (they
 * are stored, so a refit can turn them on). Spelling weights 0.6–1 score the
 * same on SQuAD (it has few typos), so corrections keep "near full": 0.9.
 */
export const DEFAULT_WEIGHTS: QueryWeights = { spelling: 0.9, synonym: 0.2, related: 0, synonymOfPresent: 0.5 };

/** Words that make a phrasal verb with the verb before them. */
const PARTICLES = new Set(['up', 'down', 'out', 'off', 'on', 'over', 'in', 'into', 'back', 'away', 'together', 'through', 'around', 'about', 'forward', 'apart', 'along']);

export function analyzeQuery(question: string, context: QueryContext = {}, weights: QueryWeights = DEFAULT_WEIGHTS): QueryAnalysis {
  const vocabulary = context.vocabulary ?? null;
  const df = context.documentFrequency ?? (() => 0);
  const normalized = normalizeChatForms(question);
  const terms: WeightedTerm[] = [];
  const corrections: Array<{ from: string; to: string }> = [];
  const seen = new Map<string, WeightedTerm>();
  const push = (t: WeightedTerm) => {
    const had = seen.get(t.term);
    if (had && had.weight >= t.weight) return;
    if (had) terms.splice(terms.indexOf(had), 1);
    seen.set(t.term, t);
    terms.push(t);
  };

  const tokens = words(normalized);
  const replaced = new Map<string, string>();
  for (const w of tokens) {
    if (isStopword(w)) continue;
    push({ term: stem(w), word: w, weight: 1, source: 'original' });
    // "the 1700s" is what texts call the 18th century: the ordinal stands for it, in full where the corpus lacks the form asked.
    const century = centuryOf(w);
    if (century && df(stem(century)) > 0)
      push({ term: stem(century), word: century, weight: df(stem(w)) > 0 ? weights.synonym * weights.synonymOfPresent : 1, source: 'synonym', from: w });
    if (!vocabulary) continue;
    const fix = correction(w, vocabulary, df);
    if (fix) {
      // An unknown word is replaced; a rare corpus word ("african" beside "africa") may be right, so its neighbour only joins it, at half weight.
      const unknown = !vocabulary.count(w);
      if (unknown) replaced.set(w, fix);
      if (!corrections.some((c) => c.from === w)) corrections.push({ from: w, to: fix });
      push({ term: stem(fix), word: fix, weight: weights.spelling * (unknown ? 1 : 0.5), source: 'spelling', from: w });
    }
    // A clipped name ("az" for Azerbaijan) is read as the corpus words it begins, the commonest in the question's place.
    const clip = fix ? [] : clipped(w, vocabulary, df);
    if (clip.length) {
      // …replacing it, unless the corpus has the word too ("News.Az"): then they join it at half weight, as a rare word's fix does.
      const unknown = !vocabulary.count(w);
      if (unknown) replaced.set(w, clip[0]!);
      corrections.push({ from: w, to: clip[0]! });
      // Each stands for the word asked (a sentence with "Azerbaijani" holds the "az" of "does az have…").
      for (const c of clip) push({ term: stem(c), word: c, weight: weights.spelling * (unknown ? 1 : 0.5), source: 'variant', from: unknown ? clip[0]! : w });
    }
    // The corpus's own typos of a question word ("Bilnken" beside "Blinken") are that word, misspelt where it answers.
    const word = replaced.get(w) ?? w;
    for (const typo of typosOf(word, vocabulary)) push({ term: stem(typo), word: typo, weight: weights.spelling, source: 'variant', from: word });
  }
  // An acronym written in capitals, and what it is looked up by: itself, without a plural's "s" ("NGOs"), and for a
  // mixed-case one also its capitals alone: its small letters are the small words names' acronyms may skip or the rest
  // of a word ("MoU": Memorandum of Understanding, "BSkyB": British Sky Broadcasting).
  const capitals = new Map<string, string[]>();
  for (const m of normalized.match(/\b\p{Lu}(?:\p{Ll}{1,2}\p{Lu}|\p{Lu})+s?\b/gu) ?? []) {
    const single = m.endsWith('s') && m.length > 2 ? m.slice(0, -1) : m;
    if (single.length > 6) continue;
    capitals.set(fold(m), [...new Set([fold(single), fold(single.replace(/\p{Ll}/gu, ''))])]);
  }
  const opposites: QueryAnalysis['opposites'] = [];
  const thesaurus: QueryAnalysis['thesaurus'] = [];
  const linked = new Set<string>();
  const paired = new Set<string>();
  const particles = new Set<string>(); // "verb particle" pairs read as one phrasal verb
  const choices = new Set(tokens.flatMap((t, i) => (t === 'or' ? [tokens[i - 1], tokens[i + 1]].filter((x) => x !== undefined) : [])));
  // The noun of "what's the point of…" frames a why-question: its WordNet stand-ins ("point": detail, head, design)
  // matched sentences that say nothing of the topic ("discussed in detail", "Head of the Department").
  const frame = PURPOSE_FRAME.exec(normalized)?.[1]?.toLowerCase();
  if (vocabulary)
    tokens.forEach((w, i) => {
      // A phrasal verb ("take over", "go on", "set up") means something its verb alone does not: its synonyms too.
      // They stand for the verb, and its particle is no topic the answer must hold ("kick off"); after a verb too
      // light to be a term ("get together") they stand for the particle.
      const next = tokens[i + 1];
      if (next && PARTICLES.has(next)) {
        const meant = vocabulary.related(replaced.get(w) ?? w, next).filter((r) => r.synonym);
        const light = isStopword(w);
        for (const r of meant) push({ term: r.term, word: r.term, weight: weights.synonym, source: 'synonym', from: light ? next : w });
        if (meant.length && !light) particles.add(`${w} ${next}`);
      }
      if (isStopword(w) || w === frame) return;
      const word = replaced.get(w) ?? w;
      const own = stem(word);
      const present = df(own) > 0;
      if (!present && !linked.has(own)) {
        linked.add(own);
        for (const term of vocabulary.thesaurus(own)) thesaurus.push({ from: own, term });
      }
      // A corrected word is a guess ("peice" read as "peace"): its opposite ("war") is no evidence the sentence contradicts
      // the question. Nor is the opposite of a word offered as a choice ("good or bad"): either may be the answer.
      if (!replaced.has(w) && !choices.has(w))
        for (const term of vocabulary.opposites(word))
          if (!paired.has(`${stem(word)} ${term}`)) {
            paired.add(`${stem(word)} ${term}`);
            opposites.push({ from: stem(word), term });
          }
      // An irregular inflection ("grew") finds its base form ("grow") as the same word, and a role noun its other
      // forms ("spokesman": spokesperson): full weight when the corpus lacks the form asked, a synonym's when it has
      // it too ("held" also pulled in every "hold" at full weight).
      for (const form of [...vocabulary.irregularBases(word), ...roleForms(word)])
        if (df(stem(form)) > 0) push({ term: stem(form), word: form, weight: present ? weights.synonym * weights.synonymOfPresent : 1, source: 'synonym', from: word });
      // An acronym the corpus's names spell ("mfa" → Ministry of Foreign Affairs): the name's words stand for it, in
      // full when the corpus never writes the acronym itself.
      // An ordinary word that happens to spell one ("cat") is read as a word unless written in capitals.
      const written = capitals.get(w);
      const keys = written ?? (word.length > 3 && word.endsWith('s') ? [word, word.slice(0, -1)] : [word]);
      const acronym = keys.map((k) => vocabulary.acronym(k)).find((a) => a.length) ?? [];
      if (acronym.length && (written || !englishWords().has(w)))
        for (const t of acronym) if (df(t) > 0) push({ term: t, word: t, weight: present ? weights.synonym * weights.synonymOfPresent : 1, source: 'synonym', from: word });
      for (const r of vocabulary.related(word)) {
        // A word the corpus has needs no looser stand-ins; its synonyms count less.
        if ((present || !weights.related) && !r.synonym) continue;
        push({
          term: r.term,
          word: r.term,
          weight: (r.synonym ? weights.synonym : weights.related) * (present ? weights.synonymOfPresent : 1),
          source: r.synonym ? 'synonym' : 'related',
          from: word,
        });
      }
    });
  let previous = '';
  const corrected =
    replaced.size || particles.size
      ? normalized
          .replace(/[\p{L}\p{N}]+/gu, (m) => {
            const w = fold(m);
            const drop = particles.has(`${previous} ${w}`);
            previous = w;
            return drop ? '' : (replaced.get(w) ?? m);
          })
          .replace(/ {2,}/g, ' ')
      : normalized;
  if (particles.size) {
    const left = new Set(words(corrected));
    const gone = [...particles].map((p) => p.split(' ')[1]!).filter((p) => !left.has(p));
    for (const p of gone) {
      const at = terms.findIndex((t) => t.source === 'original' && t.word === p);
      if (at >= 0) terms.splice(at, 1);
    }
  }
  return { question, normalized, corrected, terms, opposites, thesaurus, corrections, language: language(question, tokens, vocabulary) };
}


/**
 * franc alone misreads short English chat ("costa v enel - what year" reads as Spanish), so a question counts as
 * foreign only when its words say so too: fewer than half of them known (English or the corpus's); or, for an English
 * corpus, no English function word at all and at most 60% known. A word written with an accent English does not use
 * ("commencé", "conférence") is not known for folding into an English word; a corpus name ("Sánchez") still is.
 * Measured over the 4,325 English questions of the eval sets and 35 foreign ones in nine languages: 1 English question
 * (as before) called foreign, 0 foreign ones missed (9 before). Numbers and one-letter words say nothing and are left out.
 */
function language(question: string, tokens: string[], vocabulary: QueryVocabulary | null): QueryAnalysis['language'] {
  const expected = vocabulary?.language ?? null;
  const detected = detectLanguage(question);
  if (!expected || !detected || detected === expected) return { detected, expected, foreign: false };
  const english = expected === 'eng';
  const accented = new Set(english ? (question.match(/[\p{L}\p{M}]+/gu) ?? []).filter((w) => /[^a-z]/i.test(w)).map(fold) : []);
  const telling = tokens.filter((t) => t.length > 1 && /\p{L}/u.test(t));
  const known = telling.filter((t) => isStopword(t) || (vocabulary!.isKnown(t) && !(accented.has(t) && englishWords().has(t)))).length;
  const share = known / telling.length;
  const functionWord = !english || telling.some(isStopword);
  return { detected, expected, foreign: telling.length >= 3 && (share < 0.5 || (!functionWord && share <= 0.6)) };
}
