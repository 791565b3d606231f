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
const NOT_A_TOPIC = /^(it|its|they|them|their|this|that|these|those|he|she|him|his|her|there|what|who|whom|which|i|you|we|me|us|one)$/i;

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
  for (const raw of nouns.out('array') as string[]) {
    const phrase = clean(raw);
    if (!phrase || NOT_A_TOPIC.test(phrase)) continue;
    out.push({
      text: phrase,
      plural: plural.has(phrase),
      person: people.has(phrase) || [...people].some((p) => p && phrase.includes(p)),
      place: places.has(phrase),
    });
  }
  return out;
}
