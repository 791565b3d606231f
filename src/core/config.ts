import path from 'node:path';
import { z } from 'zod';
import { userError } from './errors.js';

const int = (min: number, max: number, dflt: number) => z.coerce.number().int().min(min).max(max).default(dflt);

/** Every engine setting, read from the environment once at the edge. */
export const coreEnvSchema = z.object({
  CORPUS_DIR: z.string().min(1).default('corpus'),
  INDEX_DIR: z.string().min(1).default('embeddings/index'),
  MODEL_CACHE_DIR: z.string().min(1).default('embeddings/models'),
  EMBEDDINGS: z.enum(['auto', 'transformers', 'lexical']).default('auto'),
  EMBEDDING_MODEL: z.string().min(1).default('Xenova/all-MiniLM-L6-v2'),
  ALLOW_REMOTE_MODELS: z.enum(['true', 'false']).default('true'),
  MODEL_LOAD_TIMEOUT_MS: int(100, 600_000, 8000),
  CHUNK_SIZE: int(100, 8000, 600),
  CHUNK_OVERLAP: int(0, 4000, 80),
  TOP_K: int(1, 50, 5),
  MAX_QUESTION_CHARS: int(10, 4000, 500),
  STATE_DIR: z.string().min(1).default('embeddings/state'),
  QUESTION_LOG_DAYS: int(1, 36_500, 90),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  MAX_FILE_MB: int(1, 4096, 20),
  WATCH_CORPUS: z.enum(['true', 'false']).default('true'),
  WATCH_DEBOUNCE_MS: int(50, 600_000, 1000),
  WEB_DIR: z.string().min(1).default('embeddings/web'),
  SOURCE_URLS: z.string().default(''),
  CRAWL_DELAY_MS: int(0, 60_000, 1000),
  CRAWL_DEPTH: int(0, 50, 3),
  CRAWL_MAX_PAGES: int(1, 100_000, 500),
  ANSWERER: z.enum(['extractive', 'llm']).default('extractive'),
  LLM_BASE_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:11434/v1'),
  LLM_MODEL: z.string().min(1).optional(),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_TIMEOUT_MS: int(1000, 600_000, 60_000),
  LLM_MAX_TOKENS: int(16, 32_768, 512),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.2),
  INDEX_BACKEND: z.enum(['file', 'postgres']).default('file'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _').default('footnote'),
  DATABASE_POOL_SIZE: int(1, 100, 5),
});

/** The chat model behind ANSWERER=llm: any OpenAI-compatible endpoint (Ollama, llama.cpp server, vLLM, LM Studio, OpenAI). */
export interface LlmConfig {
  baseUrl: string;
  model: string;
  /** Sent as the bearer token; local servers need none. Never logged. */
  apiKey: string | null;
  /** Bounds the whole answer, first token included. */
  timeoutMs: number;
  maxTokens: number;
  temperature: number;
}

export type EmbeddingsMode = 'auto' | 'transformers' | 'lexical';

export interface CoreConfig {
  corpusDir: string;
  indexDir: string;
  modelCacheDir: string;
  embeddings: EmbeddingsMode;
  model: string;
  allowRemoteModels: boolean;
  modelLoadTimeoutMs: number;
  chunkSize: number;
  chunkOverlap: number;
  topK: number;
  maxQuestionChars: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** The embedded state database (threads, channel settings, feedback, learned answers, question log). */
  stateDir: string;
  /** Days the question log keeps a question. */
  questionLogDays: number;
  /** Files larger than this are skipped (and so are web pages). */
  maxFileMb: number;
  /** `npm start` re-indexes when files in the corpus folder change. */
  watchCorpus: boolean;
  watchDebounceMs: number;
  /** Where fetched web pages are kept between crawls (with their ETag / Last-Modified). */
  webDir: string;
  /** Sites `npm run ingest` crawls (SOURCE_URLS, comma- or space-separated). */
  sourceUrls: string[];
  crawlDelayMs: number;
  crawlDepth: number;
  crawlMaxPages: number;
  answerer: 'extractive' | 'llm';
  /** Set when ANSWERER=llm. */
  llm: LlmConfig | null;
  /** Where the index lives: `file` (INDEX_DIR) or `postgres` (DATABASE_URL). */
  indexBackend: 'file' | 'postgres';
  database: DatabaseConfig | null;
}

export interface DatabaseConfig {
  url: string;
  /** Every table lives in this schema, so one database can hold several Footnotes. */
  schema: string;
  poolSize: number;
}

/** Turns a zod failure into one readable line naming the setting. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
}

export function parseCoreConfig(env: Record<string, string | undefined>, cwd = process.cwd()): CoreConfig {
  // Empty strings in .env mean "use the default".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = coreEnvSchema.safeParse(cleaned);
  if (!parsed.success) throw userError('CONFIG_INVALID', describeIssues(parsed.error));
  const e = parsed.data;
  if (e.CHUNK_OVERLAP >= e.CHUNK_SIZE) throw userError('CONFIG_INVALID', 'CHUNK_OVERLAP must be smaller than CHUNK_SIZE');
  if (e.ANSWERER === 'llm' && !e.LLM_MODEL) throw userError('CONFIG_INVALID', 'ANSWERER=llm needs LLM_MODEL (for Ollama, a model you pulled, such as llama3.2)');
  if (e.INDEX_BACKEND === 'postgres' && !e.DATABASE_URL) throw userError('CONFIG_INVALID', 'INDEX_BACKEND=postgres needs DATABASE_URL');
  return {
    corpusDir: path.resolve(cwd, e.CORPUS_DIR),
    indexDir: path.resolve(cwd, e.INDEX_DIR),
    modelCacheDir: path.resolve(cwd, e.MODEL_CACHE_DIR),
    embeddings: e.EMBEDDINGS,
    model: e.EMBEDDING_MODEL,
    allowRemoteModels: e.ALLOW_REMOTE_MODELS === 'true',
    modelLoadTimeoutMs: e.MODEL_LOAD_TIMEOUT_MS,
    chunkSize: e.CHUNK_SIZE,
    chunkOverlap: e.CHUNK_OVERLAP,
    topK: e.TOP_K,
    maxQuestionChars: e.MAX_QUESTION_CHARS,
    logLevel: e.LOG_LEVEL,
    stateDir: path.resolve(cwd, e.STATE_DIR),
    questionLogDays: e.QUESTION_LOG_DAYS,
    maxFileMb: e.MAX_FILE_MB,
    watchCorpus: e.WATCH_CORPUS === 'true',
    watchDebounceMs: e.WATCH_DEBOUNCE_MS,
    webDir: path.resolve(cwd, e.WEB_DIR),
    sourceUrls: parseUrls(e.SOURCE_URLS),
    crawlDelayMs: e.CRAWL_DELAY_MS,
    crawlDepth: e.CRAWL_DEPTH,
    crawlMaxPages: e.CRAWL_MAX_PAGES,
    answerer: e.ANSWERER,
    llm:
      e.ANSWERER === 'llm'
        ? {
            baseUrl: e.LLM_BASE_URL.replace(/\/+$/, ''),
            model: e.LLM_MODEL!,
            apiKey: e.LLM_API_KEY ?? null,
            timeoutMs: e.LLM_TIMEOUT_MS,
            maxTokens: e.LLM_MAX_TOKENS,
            temperature: e.LLM_TEMPERATURE,
          }
        : null,
    indexBackend: e.INDEX_BACKEND,
    database: e.DATABASE_URL ? { url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA, poolSize: e.DATABASE_POOL_SIZE } : null,
  };
}

/** SOURCE_URLS: absolute http(s) addresses separated by commas or spaces. */
function parseUrls(list: string): string[] {
  return list
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((u) => {
      let url: URL;
      try {
        url = new URL(u);
      } catch {
        throw userError('CONFIG_INVALID', `SOURCE_URLS: "${u.slice(0, 100)}" is not an address`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw userError('CONFIG_INVALID', `SOURCE_URLS: "${u.slice(0, 100)}" is not http(s)`);
      return url.href;
    });
}
