import type { Answerer } from './answerer.js';
import type { CoreConfig } from './config.js';
import { collectionsOf } from './collections.js';
import { createEmbedder } from './embeddings/create-embedder.js';
import type { Embedder } from './embeddings/embedder.js';
import { userError } from './errors.js';
import { HeuristicRewriter } from './conversation/heuristic-rewriter.js';
import type { QuestionRewriter } from './conversation/question-rewriter.js';
import { ExtractiveAnswerer } from './extractive-answerer.js';
import { ingestInChild, SPLITTER_VERSION, type IngestOptions, type IngestReport } from './ingest.js';
import { silentLogger, type Logger } from './logger.js';
import type { QueryAnalysis } from './query/analyze-query.js';
import { languageName } from './query/language.js';
import { QUERY_DATA_VERSION } from './query/query-data.js';
import { locate } from './locate.js';
import { HybridRetriever } from './retriever.js';
import { indexBackend, type IndexBackend } from './storage/backend.js';
import type { IndexReader } from './storage/index-backend.js';
import type { Answer, Chunk, Citation, DocumentInfo, Passage, Turn } from './types.js';

export interface EngineOptions {
  logger?: Logger;
  answerer?: Answerer;
  /** Turns follow-ups into standalone questions before retrieval (default: the heuristic). */
  rewriter?: QuestionRewriter;
  /** Build the index when none exists yet (the first `ask` on a fresh clone). */
  buildIfMissing?: boolean;
  onProgress?: IngestOptions['onProgress'];
  /** Re-index in a child process, off this process's event loop (the bot). */
  ingestInChild?: boolean;
}

export type SourceResult =
  | { kind: 'chunk'; chunk: Chunk; doc: DocumentInfo }
  | { kind: 'document'; doc: DocumentInfo; text: string };

/** The whole engine behind one object: the CLI and the bot only parse input and render what it returns. */
export class Footnote {
  private constructor(
    readonly config: CoreConfig,
    private readonly backend: IndexBackend,
    private readonly index: IndexReader,
    private embedder: Embedder,
    private retriever: HybridRetriever,
    private readonly answerer: Answerer,
    private readonly logger: Logger,
    private readonly rewriter: QuestionRewriter,
  ) {}

  private ingestInChild = false;

  static async open(config: CoreConfig, options: EngineOptions = {}): Promise<Footnote> {
    const logger = options.logger ?? silentLogger;
    const backend = indexBackend(config, logger);
    if (options.buildIfMissing && !(await backend.exists())) {
      logger.info(`No index yet; building one from ${config.corpusDir}.`);
      // Several first asks at once: one builds, the others wait for its index (the file backend's lock).
      const onWait = (pid: number) => logger.info(`Another ingest (process ${pid}) is building the index; waiting for it to finish.`);
      await (backend.ingestIfMissing ?? backend.ingest)({ logger, onProgress: options.onProgress, onWait });
    }
    const index = await backend.open();
    // Still answers (some words read differently, or without the newer word relations), but the next ingest rebuilds
    // what changed.
    if (index.stats.splitterVersion < SPLITTER_VERSION || (index.vocabulary?.version ?? 0) < QUERY_DATA_VERSION)
      logger.warn('The index was built by an older Footnote that read some words differently. Run `npm run ingest` to rebuild it.');
    try {
      const embedder = await createEmbedder(config, logger, index.stats.embedderId);
      const retriever = new HybridRetriever(index, embedder, { k: config.topK });
      let answerer = options.answerer ?? new ExtractiveAnswerer();
      let rewriter = options.rewriter ?? new HeuristicRewriter();
      if (config.llm && !options.answerer) {
        // Imported only for ANSWERER=llm; LangChain itself loads on the first question.
        const { createLlm } = await import('./llm/create-llm.js');
        ({ answerer, rewriter } = createLlm(config.llm, { answerer, rewriter }));
      }
      const engine = new Footnote(config, backend, index, embedder, retriever, answerer, logger, rewriter);
      engine.ingestInChild = options.ingestInChild ?? false;
      return engine;
    } catch (err) {
      await index.close();
      throw err;
    }
  }

  /** Releases the index (a database pool, for the Postgres backend). */
  async close(): Promise<void> {
    await this.index.close();
  }

  get embedderId(): string {
    return this.embedder.id;
  }

  get stats(): { documents: number; chunks: number; builtAt: string; backend: 'file' | 'postgres' } {
    const { documents, chunks, builtAt, backend } = this.index.stats;
    return { documents, chunks, builtAt, backend };
  }

  /** Checks a question from a user; returns it trimmed. */
  validateQuestion(question: string, what: 'question' | 'query' = 'question'): string {
    const q = question.replace(/\s+/g, ' ').trim();
    if (!q) throw userError('EMPTY_QUESTION', what);
    if (q.length > this.config.maxQuestionChars) throw userError('QUESTION_TOO_LONG', this.config.maxQuestionChars, what);
    if (!/[\p{L}\p{N}]/u.test(q)) throw userError('QUESTION_NOT_TEXT', what);
    return q;
  }

  /** `onText` sees a generative answer as it streams (unverified); `signal` stops it early. */
  async ask(
    question: string,
    options: { history?: Turn[]; k?: number; collections?: readonly string[]; onText?: (textSoFar: string, done?: boolean) => void; signal?: AbortSignal } = {},
  ): Promise<Answer> {
    const t0 = performance.now();
    const q = this.validateQuestion(question);
    const history = options.history ?? [];
    await this.current();
    const collections = this.checkCollections(options.collections);
    const asked = this.retriever.analyze(q);
    if (asked.language.foreign) throw userError('QUESTION_LANGUAGE', languageName(asked.language.expected!));
    const rewrite = await this.rewriter.rewrite(q, history);
    if (rewrite.fallback) this.logger.warn(`Follow-up rewritten without the chat model: ${rewrite.fallback}`);
    const analysis = rewrite.question === q ? asked : this.retriever.analyze(rewrite.question);
    const retrieval = await this.retriever.retrieve(analysis, options.k, collections);
    const t1 = performance.now();
    const draft = await this.answerer.answer({
      question: rewrite.question,
      history,
      passages: retrieval.passages,
      idf: (t) => this.index.terms.idf(t),
      embed: cheapEmbed(this.embedder),
      documentFrequency: (t) => this.index.terms.documentFrequency(t),
      sisters: (a, b) => this.index.vocabulary?.sisters(a, b) ?? false,
      query: analysis,
      analyze: (text) => this.retriever.analyze(text),
      onText: options.onText,
      signal: options.signal,
      embedBatch: batchEmbed(this.embedder),
      documentText: async (id) => (await this.index.document(id))?.text,
      retrieve: async (query) => (await this.retriever.retrieve(query, options.k, collections)).passages,
    });
    const t2 = performance.now();
    if (draft.fallback) this.logger.warn(`Answered without the chat model: ${draft.fallback}.`);
    if (draft.unsupported?.length)
      this.logger.info(`Removed ${draft.unsupported.length} unsupported sentence(s): ${draft.unsupported.map((u) => u.reason).join('; ')}`);
    return {
      question: q,
      ...(rewrite.question !== q && { standalone: rewrite.question }),
      answerer: this.answerer.id,
      ...draft,
      citations: draft.citations.map((c) => this.located(c)),
      passages: retrieval.passages,
      timingsMs: { ...roundAll(retrieval.timingsMs), retrieve: round(t1 - t0), answer: round(t2 - t1), total: round(t2 - t0) },
    };
  }

  /** How the engine reads a question: chat forms, spelling corrections, synonyms, language (see query/analyze-query). */
  analyze(question: string): QueryAnalysis {
    return this.retriever.analyze(this.validateQuestion(question));
  }

  async search(query: string, k = this.config.topK, collections?: readonly string[]): Promise<Passage[]> {
    const q = this.validateQuestion(query, 'query');
    await this.current();
    return (await this.retriever.retrieve(q, k, this.checkCollections(collections))).passages;
  }

  /** The corpus' collections (its top-level folders), sorted. */
  collections(): string[] {
    return collectionsOf(this.index.documents().map((d) => d.id));
  }

  /** A scope naming an unknown collection is a user error, never a silent empty search. */
  private checkCollections(collections: readonly string[] | undefined): readonly string[] | undefined {
    if (!collections?.length) return undefined;
    const known = this.collections();
    const unknown = collections.find((c) => !known.includes(c));
    if (unknown !== undefined) throw userError('UNKNOWN_COLLECTION', unknown.slice(0, 100), known.join(', '));
    return collections;
  }

  /** A chunk id (`doc#n`) or a document id; anything else is an unknown reference, never a path. */
  async source(ref: string): Promise<SourceResult> {
    const id = ref.trim();
    await this.current();
    const [chunk] = id.includes('#') ? await this.index.chunks([id]) : [];
    const chunkDoc = chunk && this.index.documentInfo(chunk.docId);
    if (chunk && chunkDoc) return { kind: 'chunk', chunk, doc: chunkDoc };
    const doc = this.index.documentInfo(id) && (await this.index.document(id));
    if (doc) {
      const { text, ...info } = doc;
      return { kind: 'document', doc: info, text };
    }
    throw userError('UNKNOWN_REF', id.slice(0, 200));
  }

  docs(): DocumentInfo[] {
    return this.index.documents();
  }

  /** Every chunk id (`doc#0` … `doc#n-1` of each document). */
  *chunkIds(): IterableIterator<string> {
    for (const d of this.index.documents()) for (let i = 0; i < d.chunks; i++) yield `${d.id}#${i}`;
  }

  /** Re-ingests the corpus and swaps the new index in; questions keep using the old one until then. */
  async reindex(options: Omit<IngestOptions, 'logger'> = {}): Promise<IngestReport> {
    // One at a time in this process (the index lock only keeps other processes out): /reindex and
    // the corpus watcher may ask together; the later one waits and then sees the latest files.
    const previous = this.reindexing;
    let done!: () => void;
    this.reindexing = new Promise<void>((resolve) => (done = resolve));
    await previous;
    try {
      return await this.reindexNow(options);
    } finally {
      done();
    }
  }

  private reindexing: Promise<void> = Promise.resolve();

  private async reindexNow(options: Omit<IngestOptions, 'logger'>): Promise<IngestReport> {
    // The bot re-indexes the file index in a child process: its event loop keeps answering Discord.
    const report =
      this.ingestInChild && this.backend.kind === 'file'
        ? await ingestInChild(this.config, { onProgress: options.onProgress, logger: this.logger })
        : await this.backend.ingest({ ...options, logger: this.logger });
    await this.current();
    return report;
  }

  /** Follows an index written by another process (another shard's `/reindex`, another replica's ingest). */
  private async current(): Promise<void> {
    this.refreshing ??= this.index
      .refresh()
      .then(async (changed) => {
        if (!changed) return;
        this.logger.debug(`Now reading the index built at ${this.index.stats.builtAt} (${this.index.stats.chunks} chunks).`);
        if (this.index.stats.embedderId !== this.embedder.id) {
          this.embedder = await createEmbedder(this.config, this.logger, this.index.stats.embedderId);
          this.retriever = new HybridRetriever(this.index, this.embedder, { k: this.config.topK });
        }
      })
      .finally(() => (this.refreshing = null));
    await this.refreshing;
  }

  private refreshing: Promise<void> | null = null;

  private located(c: Citation): Citation {
    const doc = this.index.documentInfo(c.docId);
    const { page, section, anchor } = doc ? locate(doc, c.start) : { page: null, section: null, anchor: null };
    const url = /^https?:\/\//.test(c.docId) ? `${c.docId}${anchor ? `#${encodeURIComponent(anchor)}` : ''}` : null;
    return { ...c, page, section, url };
  }

}

/** Sentence-level embedding for the answerer, only when it costs microseconds (the lexical embedder). */
function cheapEmbed(embedder: Embedder): ((text: string) => Float32Array) | undefined {
  return embedder.embed ? (text) => embedder.embed!(text) : undefined;
}

/** An embedder without the cheap capability (the neural one) scores the answer's candidate sentences in one batch. */
function batchEmbed(embedder: Embedder): ((texts: string[]) => Promise<number[][]>) | undefined {
  return embedder.embed ? undefined : (texts) => embedder.embedDocuments(texts);
}

const round = (n: number) => Math.round(n * 10) / 10;
const roundAll = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v)]));
