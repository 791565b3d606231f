/**
 * Collections are the top-level folders of the corpus (`corpus/faq/x.md` is
 * in `faq`). A document at the top level belongs to no collection and so to
 * every scope. Derived from the document id (its corpus-relative path), so
 * the index format needs no new field and a moved file changes collection.
 */
import type { Chunk } from './types.js';

/** Learned answers (moderators' replies) are indexed under this collection. */
export const LEARNED_COLLECTION = 'learned';

export function collectionOf(docId: string): string | null {
  // A web page (its id is its address) belongs to its site.
  if (/^https?:\/\//.test(docId)) return new URL(docId).host;
  const slash = docId.indexOf('/');
  return slash > 0 ? docId.slice(0, slash) : null;
}

/** Distinct collections of these document ids, sorted. */
export function collectionsOf(docIds: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const id of docIds) {
    const c = collectionOf(id);
    if (c) out.add(c);
  }
  return [...out].sort();
}

/**
 * A chunk-position predicate for a scope: chunks of the named collections and
 * of top-level documents. Built once per scope in O(chunks).
 */
export function scopeFilter(chunks: readonly Chunk[], collections: readonly string[]): (id: number) => boolean {
  const wanted = new Set(collections);
  const allowed = new Uint8Array(chunks.length);
  chunks.forEach((c, i) => {
    const col = collectionOf(c.docId);
    allowed[i] = col === null || wanted.has(col) ? 1 : 0;
  });
  return (id) => allowed[id] === 1;
}
