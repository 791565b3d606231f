import { loadedNlp } from '../nlp.js';

/** What the tagger reads a name in a sentence as. */
export interface NameKind {
  /** A word of it is a place ("Kampala, Uganda", "the Sarıyer district"). */
  place: boolean;
  /** Its last word is a place: "Kampala" does, "Los Angeles Times" (a newspaper) does not. */
  headPlace: boolean;
  person: boolean;
  city: boolean;
  country: boolean;
  organization: boolean;
  /** One word the tagger reads as a role or title ("Assistant", "President"). */
  title: boolean;
}

/** What a who/where question asks for, to tell the names of a sentence apart. */
export interface NameContext {
  /** The kind of each name (offsets into the sentence). */
  kindOf: (start: number, end: number) => NameKind;
  /** "Which newspaper / agency / leader": a kind of name that a place never is (a bare "who" may be a country). */
  namedKind: boolean;
  /** "Which city / town" or "which country / nation". */
  placeNoun: 'city' | 'country' | null;
  /** Asks who someone the question describes is ("who is the Georgian PM", "whats the name of…"), not whom they met. */
  describedIsAnswer: boolean;
}

/** Longest text the tagger reads (a sentence that long is text with no sentence ends). */
const MAX_TAGGED_CHARS = 2000;

interface Term {
  offset: { start: number; length: number };
  tags: string[];
}

/** Sentences whose tagging is kept: the best sentence is read for the abstainer and again when it is quoted. */
const TAGGED_KEPT = 8;
const tagged = new Map<string, Term[]>();

/** The tagger's terms of `text`, from the few sentences read last when it is one of them. */
function taggedTerms(nlp: NonNullable<ReturnType<typeof loadedNlp>>, text: string): Term[] {
  let terms = tagged.get(text);
  if (terms) {
    // Most recently used last, so the oldest is dropped first.
    tagged.delete(text);
  } else {
    terms = (nlp(text).json({ offset: true }) as Array<{ terms: Term[] }>).flatMap((s) => s.terms);
    if (tagged.size >= TAGGED_KEPT) tagged.delete(tagged.keys().next().value!);
  }
  tagged.set(text, terms);
  return terms;
}

/**
 * Reads `text` with the tagger (compromise: its lexicon of countries and cities, and context such as "the city of
 * Lankaran"); null when the tagger has not been loaded or the text is too long to read. The tagger takes ~3.4 ms
 * on a 300-character sentence, most of a who/where answer's time at 100,000 chunks (session 42), so it runs only
 * when a name's kind is first asked for, and a sentence read for one question is not read twice.
 */
export function nameKinds(text: string): ((start: number, end: number) => NameKind) | null {
  const nlp = loadedNlp();
  // Text with no sentence end for thousands of characters is not read (the tagger takes ~40 ms on 4,000 words).
  if (!nlp || text.length > MAX_TAGGED_CHARS) return null;
  let terms: Term[] | undefined;
  // Each name is asked about by several rules in turn: read it once.
  const seen = new Map<string, NameKind>();
  return (start, end) => {
    const key = `${start}:${end}`;
    let kind = seen.get(key);
    if (kind) return kind;
    terms ??= taggedTerms(nlp, text);
    const inside = terms.filter((t) => t.offset.start < end && t.offset.start + t.offset.length > start);
    const has = (tag: string) => inside.some((t) => t.tags.includes(tag));
    // "Sybilla of Normandy", "Bank of Ireland": the word before "of" heads the name, not the place after it.
    const of = inside.findIndex((t) => /^of$/i.test(text.slice(t.offset.start, t.offset.start + t.offset.length)));
    const head = of > 0 ? inside[of - 1] : inside.at(-1);
    kind = { place: has('Place'), headPlace: head?.tags.includes('Place') ?? false, person: has('Person'), city: has('City'), country: has('Country'), organization: has('Organization'), title: inside.length === 1 && (has('Actor') || has('Honorific')) };
    seen.set(key, kind);
    return kind;
  };
}
