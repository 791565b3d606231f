import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';

export interface TransformersEmbeddingsParams extends EmbeddingsParams {
  /** Hub id or local folder name under `localModelPath`. */
  model?: string;
  /** Where downloaded models are cached. */
  cacheDir?: string;
  /** Folder searched for models before the hub. */
  localModelPath?: string;
  allowRemoteModels?: boolean;
  /** Use the 8-bit quantized ONNX file (smaller, faster on CPU). */
  quantized?: boolean;
  batchSize?: number;
}

type Extractor = (texts: string[], options: { pooling: 'mean'; normalize: boolean }) => Promise<{ dims: number[]; data: Float32Array }>;

/**
 * Sentence embeddings from a local ONNX model through @xenova/transformers:
 * mean pooling, L2-normalised. The library is imported and the model loaded
 * lazily, once, on first use (or by `load()`).
 */
export class TransformersEmbeddings extends Embeddings {
  readonly model: string;
  readonly batchSize: number;
  private readonly params: TransformersEmbeddingsParams;
  private extractor?: Promise<Extractor>;
  private dim = 0;

  constructor(params: TransformersEmbeddingsParams = {}) {
    super(params);
    this.params = params;
    this.model = params.model ?? 'Xenova/all-MiniLM-L6-v2';
    this.batchSize = params.batchSize ?? 32;
  }

  get id(): string {
    return `transformers:${this.model}`;
  }

  /** Known after `load()`. */
  get dimension(): number {
    return this.dim;
  }

  load(): Promise<Extractor> {
    this.extractor ??= (async () => {
      const { pipeline, env } = await import('@xenova/transformers');
      if (this.params.cacheDir) env.cacheDir = this.params.cacheDir;
      if (this.params.localModelPath) env.localModelPath = this.params.localModelPath;
      env.allowRemoteModels = this.params.allowRemoteModels ?? true;
      env.allowLocalModels = true;
      const extractor = (await pipeline('feature-extraction', this.model, {
        quantized: this.params.quantized ?? true,
      })) as unknown as Extractor;
      const probe = await extractor(['probe'], { pooling: 'mean', normalize: true });
      this.dim = probe.dims[1] ?? 0;
      return extractor;
    })();
    // A failed load may be retried later (e.g. once the network is back).
    this.extractor.catch(() => {
      this.extractor = undefined;
    });
    return this.extractor;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const extractor = await this.load();
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      const batch = texts.slice(i, i + this.batchSize);
      const { dims, data } = await extractor(batch, { pooling: 'mean', normalize: true });
      const d = dims[1]!;
      for (let r = 0; r < batch.length; r++) out.push(Array.from(data.subarray(r * d, (r + 1) * d)));
    }
    return out;
  }

  async embedQuery(text: string): Promise<number[]> {
    const [v] = await this.embedDocuments([text]);
    return v!;
  }
}
