import { franc } from 'franc-min';

/** ISO 639-3 code of the language a text is written in (franc's trigram model), or null when too short to tell. */
export function detectLanguage(text: string, minLength = 10): string | null {
  const code = franc(text, { minLength });
  return code === 'und' ? null : code;
}

const names = new Intl.DisplayNames(['en'], { type: 'language' });

/** "eng" → "English"; the code itself when the runtime has no name for it. */
export function languageName(code: string): string {
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The language most of a corpus is written in: each document's opening
 * (up to 1,000 characters, of at most 50 documents spread over the corpus)
 * votes. ~1 ms per document.
 */
export function corpusLanguage(texts: readonly string[]): string | null {
  const votes = new Map<string, number>();
  const step = Math.max(1, Math.floor(texts.length / 50));
  for (let i = 0; i < texts.length; i += step) {
    const code = detectLanguage(texts[i]!.slice(0, 1000), 40);
    if (code) votes.set(code, (votes.get(code) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [code, n] of votes) if (best === null || n > votes.get(best)!) best = code;
  return best;
}
