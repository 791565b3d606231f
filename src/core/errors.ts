/**
 * The catalogue of user errors. Each code has a one-line message that says
 * what to do; fronts show `err.message` and never a stack. Anything thrown
 * that is not a FootnoteError is a bug.
 */
export const ERRORS = {
  CONFIG_INVALID: (detail: string) => `Invalid setting: ${detail}. See .env.example for every setting and its default.`,
  CORPUS_NOT_FOLDER: (file: string) =>
    `${file} is a file, not a folder. Point ingest (or CORPUS_DIR) at the folder that holds your documents.`,
  CORPUS_MISSING: (dir: string) => `Corpus folder not found: ${dir}. Create it and put documents in it (.txt, .md, .html, .pdf, .docx).`,
  CORPUS_EMPTY: (dir: string) => `No readable documents in ${dir}. Add documents (.txt, .md, .html, .pdf, .docx), then run \`npm run ingest\`.`,
  INDEX_MISSING: (dir: string) => `No index at ${dir}. Run \`npm run ingest\` to build it.`,
  INDEX_CORRUPT: (dir: string, detail: string) =>
    `The index at ${dir} is unreadable (${detail}). Run \`npm run ingest\` to rebuild it.`,
  EMBEDDER_MISMATCH: (built: string, wanted: string) =>
    `The index was built with the ${built} embedder but ${wanted} is configured. Run \`npm run ingest\` to rebuild it, or set EMBEDDINGS to match.`,
  MODEL_UNAVAILABLE: (model: string, detail: string) =>
    `Could not load the embedding model ${model} (${detail}). Set EMBEDDINGS=lexical to work without it, or EMBEDDINGS=auto to fall back automatically.`,
  EMPTY_QUESTION: (what: 'question' | 'query' = 'question') =>
    what === 'query' ? 'The query is empty. Give words to look for.' : 'The question is empty. Ask something about the documents.',
  QUESTION_TOO_LONG: (max: number, what: 'question' | 'query' = 'question') => `The ${what} is too long (at most ${max} characters). Shorten it.`,
  QUESTION_NOT_TEXT: (what: 'question' | 'query' = 'question') =>
    `The ${what} contains no readable words. ${what === 'query' ? 'Search' : 'Ask'} in plain text.`,
  QUESTION_LANGUAGE: (language: string) => `I answer questions in ${language}; please ask in ${language}.`,
  UNKNOWN_REF: (ref: string) =>
    `No document or passage with id "${ref}". Use \`npm run docs\` for document ids, or a chunk id from a citation.`,
  INGEST_BUSY: () => 'An ingest is already running. Wait for it to finish.',
  STATE_BUSY: (lock: string, pid: number) =>
    `The state database is in use by process ${pid} (lock ${lock}). Stop the bot first, or use /report in Discord.`,
  UNKNOWN_COLLECTION: (name: string, known: string) =>
    `No collection named "${name}". Collections are the top-level folders of the corpus: ${known || 'none yet'}.`,
  DB_UNREACHABLE: (where: string, detail: string) =>
    `Cannot use the database at ${where} (${detail}). Check DATABASE_URL and that the server is running and accepts this login.`,
  DB_NO_VECTOR: (where: string, detail: string) =>
    `The database at ${where} has no pgvector extension (${detail}). Install pgvector on the server or enable the "vector" extension on your host, then retry.`,
  DB_DIMENSION_MISMATCH: (stored: number, wanted: number) =>
    `The database holds ${stored}-dimension vectors but the configured embedder makes ${wanted}-dimension ones. Run \`npm run ingest\` to rebuild the index, or set EMBEDDINGS to match.`,
  DB_SCHEMA_NEWER: (found: number, known: number) =>
    `The database schema is at version ${found}, newer than this Footnote knows (${known}). Update Footnote before using this database.`,
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class FootnoteError extends Error {
  override readonly name = 'FootnoteError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Builds a coded user error from the catalogue. */
export function userError<C extends ErrorCode>(code: C, ...args: Parameters<(typeof ERRORS)[C]>): FootnoteError {
  const make = ERRORS[code] as (...a: unknown[]) => string;
  return new FootnoteError(code, make(...args));
}

export function isUserError(err: unknown): err is FootnoteError {
  return err instanceof FootnoteError;
}
