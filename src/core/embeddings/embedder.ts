/**
 * What the engine needs from an embedder. The two optional capabilities let
 * hot paths skip the async batch API when an embedder offers something
 * cheaper, without the core checking which class it holds.
 */
export interface Embedder {
  /** Recorded in the index; a different id means the stored vectors are not comparable. */
  readonly id: string;
  readonly dimension: number;
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
  /** Capability: a synchronous vector in microseconds (lexical embedder), usable for single sentences. */
  embed?(text: string): Float32Array;
  /**
   * Capability: writes the vector of `text` into `out` at `offset` (zeros
   * there) and appends its content terms (`terms()` of text.ts) to `terms`, so
   * an ingest tokenizes each chunk once for the vector and the keyword index.
   */
  embedInto?(text: string, out: Float32Array, offset: number, terms: string[] | null): Float32Array;
  /**
   * Weight of dense hits against keyword hits (1) in fusion. The lexical
   * embedder says 0.5: its vectors largely repeat BM25's evidence.
   */
  readonly denseWeight?: number;
}

/** A query vector, synchronously when the embedder can. */
export async function embedQuery(embedder: Embedder, text: string): Promise<ArrayLike<number>> {
  return embedder.embed ? embedder.embed(text) : embedder.embedQuery(text);
}
