import { readFileSync } from 'node:fs';
// The module only names its word file; the file is read on first use.
import wordListPath from 'word-list';

let lexicon: Set<string> | null = null;

/**
 * English words, inflected forms and function words included ("anything",
 * "went", "children"): 274,000 from the `word-list` package. A question word
 * found here is a real word and is never "corrected". Read on first use
 * (~60 ms, ~20 MB), not at start-up: most questions need no correction.
 */
export function englishWords(): Set<string> {
  lexicon ??= new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  return lexicon;
}
