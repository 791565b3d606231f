import type { AnswerRequest } from '../answerer.js';

/** Cosine of the question with each sentence: the cheap embedder inline, the neural one in one batch. */
export function denseScorer(request: AnswerRequest): ((texts: string[]) => Promise<number[]>) | undefined {
  if (request.embed) {
    const embed = request.embed;
    return async (texts) => {
      const qv = embed(request.query?.corrected ?? request.question);
      return texts.map((t) => cosine(qv, embed(t)));
    };
  }
  if (request.embedBatch) {
    const batch = request.embedBatch;
    return async (texts) => {
      const [qv, ...vs] = await batch([request.query?.corrected ?? request.question, ...texts]);
      return vs.map((v) => cosine(qv!, v));
    };
  }
  return undefined;
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
