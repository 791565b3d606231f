import { loadNlp } from '../nlp.js';

/** Things a pronoun in a follow-up may stand for, found by a part-of-speech tagger (compromise, loaded once on first use). */
export interface Mention {
  text: string;
  plural: boolean;
  person: boolean;
  place: boolean;
}

const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
// Quantifiers and question words the tagger leaves on a noun phrase ("many countries").
const LEAD = /^(how\s+)?(many|much|several|some|any|what|which|whose)\s+/i;
// One noun after "what" / "which" names the kind of answer asked for, not a topic: "What year did the Karabakh conflict
// begin?" then "who started it?" asks who started the conflict, not "who started year". "How many countries" is kept: a
// follow-up's "they" may be those countries.
const ASKED_KIND = /\b(what|which|whose)\s+$/i;
const NOT_A_TOPIC = /^(it|its|they|them|their|this|that|these|those|he|she|him|his|her|there|what|whats|who|whos|whom|which|i|you|we|me|us|one)$/i;

const clean = (s: string) => s.replace(/\[\d+\]/g, ' ').replace(/\s+/g, ' ').replace(EDGE, '').replace(LEAD, '').trim();

/** Noun phrases of `text` in order of appearance, with what kind of thing each names. */
export async function mentions(text: string): Promise<Mention[]> {
  const nlp = await loadNlp();
  const doc = nlp(text.replace(/\[\d+\]/g, ' '));
  const set = (view: { out(kind: 'array'): string[] }) => new Set(view.out('array').map(clean));
  const nouns = doc.nouns();
  const plural = set(nouns.isPlural());
  const people = set(doc.people());
  const places = set(doc.places());
  const out: Mention[] = [];
  // Where each phrase sits in the text, found left to right from the last one.
  const lower = text.toLowerCase();
  let from = 0;
  for (const raw of nouns.out('array') as string[]) {
    const phrase = clean(raw);
    const at = phrase ? lower.indexOf(phrase.toLowerCase(), from) : -1;
    if (at >= 0) from = at + phrase.length;
    if (!phrase || NOT_A_TOPIC.test(phrase) || (at >= 0 && !/\s/.test(phrase) && ASKED_KIND.test(lower.slice(Math.max(0, at - 10), at)))) continue;
    out.push({
      text: phrase,
      plural: plural.has(phrase),
      person: people.has(phrase) || [...people].some((p) => p && phrase.includes(p)),
      place: places.has(phrase),
    });
  }
  return out;
}
