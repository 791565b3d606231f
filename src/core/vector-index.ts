import hnswlib from 'hnswlib-node';

export interface VectorHit {
  id: number;
  similarity: number;
}

export interface VectorIndexOptions {
  /** Graph degree: higher is more accurate, slower to build, larger on disk. */
  m?: number;
  efConstruction?: number;
  efSearch?: number;
}

/**
 * Approximate nearest neighbours over unit vectors (inner product = cosine),
 * backed by hnswlib. Labels are chunk positions in the index.
 */
export class VectorIndex {
  private constructor(
    private readonly hnsw: hnswlib.HierarchicalNSW,
    readonly dimension: number,
    readonly size: number,
    private readonly efSearch: number,
  ) {}

  static build(vectors: ArrayLike<number>[], dimension: number, options: VectorIndexOptions = {}): VectorIndex {
    const hnsw = new hnswlib.HierarchicalNSW('ip', dimension);
    hnsw.initIndex(Math.max(vectors.length, 1), options.m ?? 16, options.efConstruction ?? 100, 42);
    vectors.forEach((v, i) => hnsw.addPoint(Array.from(v), i));
    return new VectorIndex(hnsw, dimension, vectors.length, options.efSearch ?? 64);
  }

  static load(file: string, dimension: number, size: number, options: VectorIndexOptions = {}): VectorIndex {
    const hnsw = new hnswlib.HierarchicalNSW('ip', dimension);
    hnsw.readIndexSync(file);
    return new VectorIndex(hnsw, dimension, size, options.efSearch ?? 64);
  }

  save(file: string): void {
    this.hnsw.writeIndexSync(file);
  }

  vector(id: number): number[] {
    return this.hnsw.getPoint(id);
  }

  search(query: ArrayLike<number>, k: number): VectorHit[] {
    const n = Math.min(k, this.size);
    if (n === 0) return [];
    this.hnsw.setEf(Math.max(this.efSearch, n));
    const { neighbors, distances } = this.hnsw.searchKnn(Array.from(query), n);
    // hnswlib's inner-product distance is 1 - dot.
    return neighbors.map((id, i) => ({ id, similarity: 1 - distances[i]! }));
  }
}
