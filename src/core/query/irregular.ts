import { createRequire } from 'node:module';

/**
 * WordNet's exception lists (irregular inflections: "grew" → "grow",
 * "children" → "child", "better" → "good"), as the wink-lexicon package
 * publishes them. The stemmer and WordNet's suffix rules cannot undo these, so
 * without them "how much did the budget grow" misses "the budget grew".
 * Read at ingest only (~290 kB of tables, ~15 ms to load): the entries a
 * corpus needs are stored in its query data (QueryData.irregular), so
 * answering a question never loads them.
 */
let tables: Array<Record<string, string>> | null = null;

function load(): Array<Record<string, string>> {
  if (!tables) {
    const require = createRequire(import.meta.url);
    tables = ['wn-verb-exceptions', 'wn-noun-exceptions', 'wn-adjective-exceptions'].map((f) => require(`wink-lexicon/src/${f}.js`) as Record<string, string>);
  }
  return tables;
}

const POS = ['v', 'n', 'a'] as const;

/** Base forms of an irregular inflection (lower case) with their part of speech; empty for a regular word. */
export function irregularBases(word: string): Array<[(typeof POS)[number], string]> {
  const out: Array<[(typeof POS)[number], string]> = [];
  load().forEach((table, i) => {
    const base = Object.hasOwn(table, word) ? table[word] : undefined;
    if (typeof base === 'string' && base !== word) out.push([POS[i]!, base]);
  });
  return out;
}

/** Every irregular form with its base form. */
export function* irregularEntries(): Generator<[string, string]> {
  for (const table of load()) for (const form of Object.keys(table)) if (typeof table[form] === 'string' && table[form] !== form) yield [form, table[form]!];
}
