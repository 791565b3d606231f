/** The part-of-speech tagger (compromise), imported once on first use: ~60 ms, paid only by what needs it. */
export type Nlp = typeof import('compromise').default;

let nlp: Nlp | null = null;
let loading: Promise<Nlp> | null = null;

export function loadNlp(): Promise<Nlp> {
  loading ??= import('compromise').then((m) => (nlp = m.default));
  return loading;
}

/** The tagger if it has loaded, else null (for synchronous callers that loaded it beforehand). */
export const loadedNlp = (): Nlp | null => nlp;
