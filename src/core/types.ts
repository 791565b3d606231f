/** A loaded corpus document. `id` is its path relative to the corpus folder. */
export interface Document {
  id: string;
  title: string;
  /** ISO date (YYYY-MM-DD) when the text states one. */
  date: string | null;
  text: string;
  /** sha256 of the text, for change detection. */
  hash: string;
}

/** A span of a document; `doc.text.slice(start, end) === text`. */
export interface Chunk {
  /** `<docId>#<n>`: stable while the document is unchanged. */
  id: string;
  docId: string;
  text: string;
  start: number;
  end: number;
  hash: string;
}

export type DocumentInfo = Omit<Document, 'text'> & { chunks: number; chars: number };

export interface Passage {
  chunk: Chunk;
  doc: DocumentInfo;
  /** Fused score (reciprocal rank fusion); higher is better. */
  score: number;
  denseRank: number | null;
  keywordRank: number | null;
  /** Cosine similarity of question and chunk, when it was among the dense hits. */
  similarity: number | null;
}

export interface Citation {
  n: number;
  docId: string;
  title: string;
  date: string | null;
  chunkId: string;
  start: number;
  end: number;
  /** The exact cited text: `doc.text.slice(start, end)`. */
  quote: string;
}

export interface Turn {
  question: string;
  answer: string;
}

export interface Answer {
  question: string;
  /** The standalone question searched and answered, when `question` was a follow-up rewritten from the history. */
  standalone?: string;
  text: string;
  abstained: boolean;
  citations: Citation[];
  /** The retrieved passages the answer was drawn from (nearest sources when abstaining). */
  passages: Passage[];
  timingsMs: Record<string, number>;
}
