import type pg from 'pg';
import { collectionOf } from '../collections.js';
import type { CoreConfig } from '../config.js';
import { createEmbedder } from '../embeddings/create-embedder.js';
import type { Embedder } from '../embeddings/embedder.js';
import { userError } from '../errors.js';
import { SPLITTER_VERSION, type FileOutcome, type IngestOptions, type IngestReport } from '../ingest.js';
import { silentLogger } from '../logger.js';
import { terms } from '../text.js';
import type { Chunk, Document } from '../types.js';
import { describeDatabase, qualify } from './pg-pool.js';
import { ensureVectorColumn, readState, vectorLiteral, withoutSearchIndexes, writeState } from './pg-schema.js';

/** Rows a statement: large enough to amortise the round trip, small enough to keep one statement's parameters bounded. */
const BATCH = 500;
/** From this many rows into an empty table, the search indexes are built after the load rather than during it. */
const BULK_FROM = 1000;

type PgIngestConfig = Pick<
  CoreConfig,
  'corpusDir' | 'chunkSize' | 'chunkOverlap' | 'embeddings' | 'model' | 'modelCacheDir' | 'modelLoadTimeoutMs' | 'allowRemoteModels' | 'maxFileMb' | 'webDir'
> & { database: NonNullable<CoreConfig['database']> };

interface NewChunk {
  chunk: Chunk;
  collection: string | null;
  /** pgvector text form, reused from a chunk with the same text or computed now. */
  vector: string;
  terms: string;
}

/**
 * An ingest into Postgres: the same plan as the file index (unchanged
 * documents untouched, a changed document's chunks re-embedded only where
 * their text changed, removed documents deleted), applied in one transaction
 * under an advisory lock. Readers see the old corpus or the new, never half;
 * a second ingest waits for the first and then plans against its result.
 */
export async function ingestIntoPostgres(config: PgIngestConfig, pool: pg.Pool, options: IngestOptions = {}): Promise<IngestReport> {
  const t0 = performance.now();
  const logger = options.logger ?? silentLogger;
  const progress = options.onProgress ?? (() => {});
  const schema = config.database.schema;
  const t = (name: string) => qualify(schema, name);
  progress({ phase: 'load', done: 0, total: 1 });
  const [{ loadCorpus }, { DocumentSplitter }, { readStoredPages }] = await Promise.all([
    import('../loader.js'),
    import('../splitter.js'),
    import('../web/page-store.js'),
  ]);
  const { documents, skipped } = await loadCorpus(config.corpusDir, {
    maxFileBytes: config.maxFileMb * 1024 * 1024,
    // The report lists skipped files; logging them here too would print each twice.
    onSkip: (s) => logger.debug(`Skipped ${s.id}: ${s.reason}`),
  });
  // Web pages fetched by `ingest --url` are kept in their own folder and indexed with the files.
  documents.push(...(await readStoredPages(config.webDir)));
  if (documents.length === 0) throw userError('CORPUS_EMPTY', config.corpusDir);
  const embedder = options.embedder ?? (await createEmbedder(config, logger));
  const splitter = new DocumentSplitter({ chunkSize: config.chunkSize, chunkOverlap: config.chunkOverlap });
  const splitterState = { chunkSize: config.chunkSize, chunkOverlap: config.chunkOverlap, version: SPLITTER_VERSION };

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`footnote-ingest:${schema}`]);
    const previous = await readState(client, schema);
    const sameEmbedder = previous?.embedderId === embedder.id;
    const sameSplitter =
      previous?.splitter.chunkSize === splitterState.chunkSize &&
      previous.splitter.chunkOverlap === splitterState.chunkOverlap &&
      previous.splitter.version === splitterState.version;
    if (!sameEmbedder || !sameSplitter) {
      // Another embedder or splitter: nothing stored is reusable.
      await client.query(`TRUNCATE ${t('documents')}, ${t('chunks')}, ${t('term_df')}`);
      await ensureVectorColumn(client, schema, embedder.dimension);
    }
    const stored = new Map(
      (await client.query<{ id: string; hash: string }>(`SELECT id, hash FROM ${t('documents')}`)).rows.map((r) => [r.id, r.hash]),
    );
    const current = new Set(documents.map((d) => d.id));
    const fresh = documents.filter((d) => stored.get(d.id) !== d.hash);
    const added = fresh.filter((d) => !stored.has(d.id)).length;
    const changed = fresh.length - added;
    const removedIds = [...stored.keys()].filter((id) => !current.has(id));
    const files: FileOutcome[] = skipped.map((s) => ({ id: s.id, status: 'skipped', reason: s.reason }));
    for (const d of documents) files.push({ id: d.id, status: !stored.has(d.id) ? 'new' : stored.get(d.id) === d.hash ? 'unchanged' : 'changed' });
    for (const id of removedIds) files.push({ id, status: 'removed' });
    files.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    const chunks: Array<{ chunk: Chunk; collection: string | null }> = [];
    for (const [i, doc] of fresh.entries()) {
      for (const chunk of await splitter.split(doc)) chunks.push({ chunk, collection: collectionOfDoc(doc) });
      progress({ phase: 'split', done: i + 1, total: fresh.length });
    }
    const rows = await vectorsFor(client, t('chunks'), chunks, embedder, (done) => progress({ phase: 'embed', done, total: chunks.length }));

    progress({ phase: 'index', done: 0, total: rows.length });
    const gone = [...removedIds, ...fresh.filter((d) => stored.has(d.id)).map((d) => d.id)];
    if (gone.length) {
      await adjustTermCounts(client, t, gone, -1);
      await client.query(`DELETE FROM ${t('documents')} WHERE id = ANY($1::text[])`, [gone]);
    }
    await insertDocuments(client, t('documents'), fresh);
    const load = async () => {
      for (let b = 0; b < rows.length; b += BATCH) {
        await insertChunks(client, t('chunks'), rows.slice(b, b + BATCH));
        progress({ phase: 'index', done: Math.min(b + BATCH, rows.length), total: rows.length });
      }
    };
    // Into an empty table, one index build at the end beats maintaining the indexes row by row.
    const empty = stored.size === 0 || gone.length === stored.size;
    if (empty && rows.length >= BULK_FROM) await withoutSearchIndexes(client, schema, load);
    else await load();
    await adjustTermCounts(client, t, fresh.map((d) => d.id), 1);
    // Corpus order for every document, including the untouched ones.
    await client.query(
      `UPDATE ${t('documents')} d SET position = o.position FROM unnest($1::text[]) WITH ORDINALITY AS o(id, position) WHERE d.id = o.id AND d.position <> o.position`,
      [documents.map((d) => d.id)],
    );
    const touched = fresh.length > 0 || removedIds.length > 0 || !previous || !sameEmbedder || !sameSplitter;
    if (touched) {
      // The vocabulary for spelling and synonyms (query/), rebuilt from the loaded corpus.
      const { buildQueryData } = await import('../query/query-data.js');
      await client.query(
        `INSERT INTO ${t('meta')} (key, value) VALUES ('query', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [JSON.stringify(buildQueryData(documents, null))],
      );
    }
    progress({ phase: 'write', done: 0, total: 1 });
    const count = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t('chunks')}`)).rows[0]!.n;
    await writeState(client, schema, {
      embedderId: embedder.id,
      dimension: embedder.dimension,
      splitter: splitterState,
      documents: documents.length,
      chunks: count,
      builtAt: touched || !previous ? new Date().toISOString() : previous.builtAt,
      generation: (previous?.generation ?? 0) + (touched ? 1 : 0),
    });
    await client.query('COMMIT');
    progress({ phase: 'write', done: 1, total: 1 });
    return {
      documents: documents.length,
      chunks: count,
      skipped,
      files,
      added,
      changed,
      removed: removedIds.length,
      embedded: rows.filter((r) => r.embeddedNow).length,
      reused: count - rows.filter((r) => r.embeddedNow).length,
      incremental: Boolean(previous && sameEmbedder && sameSplitter),
      embedder: embedder.id,
      indexDir: `postgres ${describeDatabase(config.database.url)} schema ${schema}`,
      ms: Math.round(performance.now() - t0),
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** The collection a document belongs to (its top-level corpus folder), or null. */
const collectionOfDoc = (doc: Document) => collectionOf(doc.id);

/**
 * Vector and terms of each new chunk: a stored vector when a chunk with the
 * same text exists (same embedder: the table was emptied otherwise), else
 * embedded now, in batches.
 */
async function vectorsFor(
  client: pg.PoolClient,
  chunksTable: string,
  chunks: Array<{ chunk: Chunk; collection: string | null }>,
  embedder: Embedder,
  progress: (done: number) => void,
): Promise<Array<NewChunk & { embeddedNow: boolean }>> {
  const known = new Map<string, string>();
  for (let b = 0; b < chunks.length; b += BATCH) {
    const hashes = chunks.slice(b, b + BATCH).map((c) => c.chunk.hash);
    const { rows } = await client.query<{ hash: string; v: string }>(
      `SELECT DISTINCT ON (hash) hash, embedding::text AS v FROM ${chunksTable} WHERE hash = ANY($1::text[]) AND embedding IS NOT NULL`,
      [hashes],
    );
    for (const r of rows) known.set(r.hash, r.v);
  }
  const dim = embedder.dimension;
  const out: Array<NewChunk & { embeddedNow: boolean }> = [];
  for (let b = 0; b < chunks.length; b += BATCH) {
    const batch = chunks.slice(b, b + BATCH);
    const todo = batch.filter((c) => !known.has(c.chunk.hash));
    const vectors = new Map<string, string>();
    const termsOf = new Map<string, string[]>();
    if (embedder.embedInto) {
      const buf = new Float32Array(dim);
      for (const { chunk } of todo) {
        buf.fill(0);
        const list: string[] = [];
        embedder.embedInto(chunk.text, buf, 0, list);
        vectors.set(chunk.id, vectorLiteral(buf));
        termsOf.set(chunk.id, list);
      }
    } else if (todo.length) {
      const embedded = await embedder.embedDocuments(todo.map((c) => c.chunk.text));
      todo.forEach((c, i) => vectors.set(c.chunk.id, vectorLiteral(embedded[i]!)));
    }
    for (const c of batch) {
      const reused = known.get(c.chunk.hash);
      out.push({
        ...c,
        vector: reused ?? vectors.get(c.chunk.id)!,
        terms: (termsOf.get(c.chunk.id) ?? terms(c.chunk.text)).join(' '),
        embeddedNow: reused === undefined,
      });
    }
    progress(Math.min(b + BATCH, chunks.length));
    // Let timers and other requests through between batches.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return out;
}

async function insertDocuments(client: pg.PoolClient, table: string, docs: Document[]): Promise<void> {
  for (let b = 0; b < docs.length; b += BATCH) {
    const batch = docs.slice(b, b + BATCH);
    await client.query(
      `INSERT INTO ${table} (id, position, hash, collection, info, body)
       SELECT id, 0, hash, collection, info::jsonb, body FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, hash, collection, info, body)`,
      [
        batch.map((d) => d.id),
        batch.map((d) => d.hash),
        batch.map(collectionOfDoc),
        batch.map((d) => JSON.stringify(infoOf(d))),
        batch.map((d) => d.text),
      ],
    );
  }
}

/** Everything about a document but its text, plus the counts the document list shows. */
function infoOf(doc: Document): Record<string, unknown> {
  const { text, ...info } = doc;
  return { ...info, chars: text.length, chunks: 0 };
}

async function insertChunks(client: pg.PoolClient, table: string, rows: NewChunk[]): Promise<void> {
  await client.query(
    `INSERT INTO ${table} (id, doc_id, start_at, end_at, hash, collection, extra, body, terms, embedding)
     SELECT id, doc_id, start_at, end_at, hash, collection, extra::jsonb, body, terms, v::vector
     FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
       AS t(id, doc_id, start_at, end_at, hash, collection, extra, body, terms, v)`,
    [
      rows.map((r) => r.chunk.id),
      rows.map((r) => r.chunk.docId),
      rows.map((r) => r.chunk.start),
      rows.map((r) => r.chunk.end),
      rows.map((r) => r.chunk.hash),
      rows.map((r) => r.collection),
      rows.map((r) => extraOf(r.chunk)),
      rows.map((r) => r.chunk.text),
      rows.map((r) => r.terms),
      rows.map((r) => r.vector),
    ],
  );
}

/** Chunk fields beyond the core ones (page, section, … as loaders add them), kept as JSON. */
function extraOf(chunk: Chunk): string | null {
  const { id: _i, docId: _d, text: _t, start: _s, end: _e, hash: _h, ...extra } = chunk;
  return Object.keys(extra).length ? JSON.stringify(extra) : null;
}

/**
 * Adds (`sign` 1) or removes (-1) the chunks of these documents from the
 * document-frequency table the answerer's term weights come from.
 */
async function adjustTermCounts(client: pg.PoolClient, t: (n: string) => string, docIds: string[], sign: 1 | -1): Promise<void> {
  if (docIds.length === 0) return;
  await client.query(
    `INSERT INTO ${t('term_df')} (term, df)
     SELECT term, ${sign} * count(*) FROM (
       SELECT DISTINCT c.id, term FROM ${t('chunks')} c, unnest(string_to_array(c.terms, ' ')) AS term
       WHERE c.doc_id = ANY($1::text[]) AND term <> '') x
     GROUP BY term
     ON CONFLICT (term) DO UPDATE SET df = ${t('term_df')}.df + excluded.df`,
    [docIds],
  );
  if (sign < 0) await client.query(`DELETE FROM ${t('term_df')} WHERE df <= 0`);
  // Each document's chunk count, for the document list.
  if (sign > 0)
    await client.query(
      `UPDATE ${t('documents')} d SET info = jsonb_set(d.info, '{chunks}', to_jsonb(n.count)) FROM
       (SELECT doc_id, count(*)::int AS count FROM ${t('chunks')} WHERE doc_id = ANY($1::text[]) GROUP BY doc_id) n WHERE d.id = n.doc_id`,
      [docIds],
    );
}
