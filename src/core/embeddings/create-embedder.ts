import path from 'node:path';
import type { CoreConfig } from '../config.js';
import { userError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Embedder } from './embedder.js';
import { LexicalEmbeddings } from './lexical-embeddings.js';
import { TransformersEmbeddings } from './transformers-embeddings.js';

/** Any embedder the engine can use; kept as the name the rest of the tree imports. */
export type FootnoteEmbeddings = Embedder;

type EmbedderConfig = Pick<CoreConfig, 'embeddings' | 'model' | 'modelCacheDir' | 'modelLoadTimeoutMs' | 'allowRemoteModels'> &
  Partial<Pick<CoreConfig, 'indexDir'>>;

const LEXICAL_ID = /^lexical-hash-v1-(\d+)$/;
const TRANSFORMERS_ID = /^transformers:(.+)$/;

/**
 * Picks the embedder. With `indexEmbedderId` (querying an existing index) it
 * must be the one that built the index; without it (a fresh ingest) the
 * EMBEDDINGS setting decides, and `auto` falls back to lexical with one warning.
 */
export async function createEmbedder(
  config: EmbedderConfig,
  logger: Logger,
  indexEmbedderId?: string,
): Promise<FootnoteEmbeddings> {
  if (indexEmbedderId !== undefined) return embedderForIndex(config, indexEmbedderId);
  if (config.embeddings === 'lexical') return new LexicalEmbeddings();
  try {
    const embedder = await loadTransformers(config, config.model);
    await import('node:fs/promises').then((fs) => fs.rm(fallbackMarker(config), { force: true })).catch(() => {});
    return embedder;
  } catch (err) {
    if (config.embeddings === 'transformers') throw userError('MODEL_UNAVAILABLE', config.model, reason(err));
    // Warned once per model cache; after that one quiet line, not the same warning on every ingest.
    if (await fallbackNoted(config, reason(err))) logger.info(`Embedder: built-in lexical (${config.model} still unavailable; EMBEDDINGS=lexical stops trying).`);
    else
      logger.warn(
        `Embedding model ${config.model} unavailable (${reason(err)}); using the built-in lexical embedder. Set EMBEDDINGS=lexical to skip this check.`,
      );
    return new LexicalEmbeddings();
  }
}

async function embedderForIndex(config: EmbedderConfig, id: string): Promise<FootnoteEmbeddings> {
  const wanted = config.embeddings === 'lexical' ? 'lexical' : config.embeddings === 'transformers' ? `transformers:${config.model}` : null;
  const lexical = LEXICAL_ID.exec(id);
  if (lexical) {
    if (config.embeddings === 'transformers') throw userError('EMBEDDER_MISMATCH', id, wanted!);
    return new LexicalEmbeddings({ dimension: Number(lexical[1]) });
  }
  const neural = TRANSFORMERS_ID.exec(id);
  if (!neural) throw userError('INDEX_CORRUPT', config.indexDir ?? 'the index folder', `unknown embedder "${id}"`);
  if (config.embeddings === 'lexical' || (config.embeddings === 'transformers' && neural[1] !== config.model))
    throw userError('EMBEDDER_MISMATCH', id, wanted!);
  try {
    return await loadTransformers(config, neural[1]!);
  } catch (err) {
    throw userError('MODEL_UNAVAILABLE', neural[1]!, reason(err));
  }
}

async function loadTransformers(config: EmbedderConfig, model: string): Promise<TransformersEmbeddings> {
  const embeddings = new TransformersEmbeddings({
    model,
    cacheDir: config.modelCacheDir,
    localModelPath: config.modelCacheDir,
    allowRemoteModels: config.allowRemoteModels,
  });
  let timer: NodeJS.Timeout | undefined;
  // A hung network must not hang the CLI: give up after the configured time.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${config.modelLoadTimeoutMs} ms`)), config.modelLoadTimeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([embeddings.load(), timeout]);
    return embeddings;
  } finally {
    clearTimeout(timer);
  }
}

const fallbackMarker = (config: EmbedderConfig) => path.join(config.modelCacheDir, `.unavailable-${config.model.replace(/[^\w.-]+/g, '_')}`);

/** Whether this model's fallback was already reported from this model cache; records it if not. */
async function fallbackNoted(config: EmbedderConfig, why: string): Promise<boolean> {
  const { mkdir, stat, writeFile } = await import('node:fs/promises');
  const marker = fallbackMarker(config);
  if (await stat(marker).then(() => true, () => false)) return true;
  await mkdir(config.modelCacheDir, { recursive: true })
    .then(() => writeFile(marker, `${new Date().toISOString()} ${why}\n`))
    .catch(() => {}); // a read-only cache only means the warning is repeated
  return false;
}

function reason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0]!.slice(0, 160);
}
