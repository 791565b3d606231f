/** A loaded corpus document. `id` is its path relative to the corpus folder. */
export interface Document {
  id: string;
  title: string;
  /** ISO date (YYYY-MM-DD) when the text states one. */
  date: string | null;
  text: string;
  /** sha256 of the text, for change detection. */
  hash: string;
  /** Offset where each page starts (page n at pages[n - 1]), for paged formats (PDF). */
  pages?: number[];
  /** Heading paths by offset, for formats with headings (Markdown, HTML, DOCX). */
  sections?: SectionMark[];
}

/** A heading path in force from `start` (an offset into the document text) onwards. */
export interface SectionMark {
  start: number;
  /** Headings from the outermost in: ["Bot settings", "Intents"]. */
  path: string[];
  /** The heading's HTML id, when it has one: a citation of a web page links to `<url>#<anchor>`. */
  anchor?: string;
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
  /** 1-based page of the quote's start, for paged formats; filled in by the engine. */
  page?: number | null;
  /** Heading path at the quote ("Bot settings › Intents"); filled in by the engine. */
  section?: string | null;
  /** For a web page: its address, with the section's anchor when it has one; filled in by the engine. */
  url?: string | null;
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
  /** Which answerer wrote `text`: `llm` or `extractive`. */
  answerer?: string;
  /** Why the extractive answer stood in for the chat model's. */
  fallback?: string;
  /** Generated sentences removed as unsupported by the passage they cite. */
  unsupported?: { sentence: string; reason: string }[];
  /** Sentences the chat model generated. */
  generated?: number;
  /** The retrieved passages the answer was drawn from (nearest sources when abstaining). */
  passages: Passage[];
  timingsMs: Record<string, number>;
}
