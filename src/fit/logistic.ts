/**
 * Two small logistic models fitted by full-batch gradient descent (Adam) with
 * an L2 penalty: a listwise ranker (softmax over one question's candidates,
 * maximising the probability of the right ones) and a binary classifier.
 * Written here because the npm logistic-regression packages fit only the
 * binary or multinomial case, not a softmax over lists of varying length.
 */

export interface Standardiser {
  mean: number[];
  scale: number[];
}

export function standardiser(rows: number[][]): Standardiser {
  const d = rows[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const sq = new Array<number>(d).fill(0);
  for (const r of rows) for (let i = 0; i < d; i++) mean[i]! += r[i]!;
  for (let i = 0; i < d; i++) mean[i]! /= rows.length || 1;
  for (const r of rows) for (let i = 0; i < d; i++) sq[i]! += (r[i]! - mean[i]!) ** 2;
  const scale = sq.map((s) => Math.sqrt(s / (rows.length || 1)) || 1);
  return { mean, scale };
}

const apply = (s: Standardiser, r: number[]) => r.map((v, i) => (v - s.mean[i]!) / s.scale[i]!);

class Adam {
  private m: number[];
  private v: number[];
  private t = 0;
  constructor(
    size: number,
    private readonly lr: number,
  ) {
    this.m = new Array<number>(size).fill(0);
    this.v = new Array<number>(size).fill(0);
  }
  step(w: number[], g: number[]): void {
    this.t++;
    for (let i = 0; i < w.length; i++) {
      this.m[i] = 0.9 * this.m[i]! + 0.1 * g[i]!;
      this.v[i] = 0.999 * this.v[i]! + 0.001 * g[i]! ** 2;
      const mh = this.m[i]! / (1 - 0.9 ** this.t);
      const vh = this.v[i]! / (1 - 0.999 ** this.t);
      w[i]! -= (this.lr * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
}

export interface FitOptions {
  l2?: number;
  iterations?: number;
  learningRate?: number;
}

export interface ListGroup {
  x: number[][];
  /** At least one true. */
  positive: boolean[];
  /** Weight of this list in the loss (default 1). */
  weight?: number;
}

/** Listwise ranker: weights (on standardised features) maximising Σ log Σ_{positive} softmax(x·w). */
export function fitListwise(groups: ListGroup[], options: FitOptions = {}): Standardiser & { weights: number[] } {
  const s = standardiser(groups.flatMap((g) => g.x));
  const data = groups.map((g) => ({ x: g.x.map((r) => apply(s, r)), positive: g.positive, weight: g.weight ?? 1 }));
  const totalWeight = data.reduce((a, g) => a + g.weight, 0) || 1;
  const d = s.mean.length;
  const w = new Array<number>(d).fill(0);
  const adam = new Adam(d, options.learningRate ?? 0.05);
  const l2 = options.l2 ?? 1e-3;
  for (let it = 0; it < (options.iterations ?? 400); it++) {
    const g = w.map((wi) => l2 * wi);
    for (const { x, positive, weight } of data) {
      const scores = x.map((r) => r.reduce((a, v, i) => a + v * w[i]!, 0));
      const max = Math.max(...scores);
      const e = scores.map((v) => Math.exp(v - max));
      const z = e.reduce((a, b) => a + b, 0);
      const zp = e.reduce((a, b, i) => a + (positive[i] ? b : 0), 0);
      for (let j = 0; j < x.length; j++) {
        const coef = ((e[j]! / z - (positive[j] ? e[j]! / zp : 0)) * weight) / totalWeight;
        if (coef === 0) continue;
        const r = x[j]!;
        for (let i = 0; i < d; i++) g[i]! += coef * r[i]!;
      }
    }
    adam.step(w, g);
  }
  return { ...s, weights: w };
}

/** Binary logistic regression on standardised features; returns weights and bias. */
export function fitBinary(x: number[][], y: boolean[], options: FitOptions & { sampleWeights?: number[] } = {}): Standardiser & { weights: number[]; bias: number } {
  const sw = options.sampleWeights ?? x.map(() => 1);
  const totalWeight = sw.reduce((a, b) => a + b, 0) || 1;
  const s = standardiser(x);
  const data = x.map((r) => apply(s, r));
  const d = s.mean.length;
  const w = new Array<number>(d + 1).fill(0);
  const adam = new Adam(d + 1, options.learningRate ?? 0.05);
  const l2 = options.l2 ?? 1e-3;
  for (let it = 0; it < (options.iterations ?? 600); it++) {
    const g = w.map((wi, i) => (i < d ? l2 * wi : 0));
    data.forEach((r, k) => {
      let z = w[d]!;
      for (let i = 0; i < d; i++) z += w[i]! * r[i]!;
      const err = ((1 / (1 + Math.exp(-z)) - (y[k] ? 1 : 0)) * sw[k]!) / totalWeight;
      for (let i = 0; i < d; i++) g[i]! += err * r[i]!;
      g[d]! += err;
    });
    adam.step(w, g);
  }
  return { ...s, weights: w.slice(0, d), bias: w[d]! };
}
