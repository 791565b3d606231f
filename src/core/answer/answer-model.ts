import { z } from 'zod';
import { SENTENCE_FEATURES } from './features.js';
import { ABSTAIN_FEATURES } from './abstain-features.js';
import committed from './answer-model.json' with { type: 'json' };

/** A linear model over named features, applied to standardised inputs ((x - mean) / scale). */
const linearSchema = z.object({
  features: z.array(z.string()),
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  weights: z.array(z.number()),
  bias: z.number(),
});

export const answerModelSchema = z.object({
  version: z.literal(1),
  /** What it was fitted on, for the record (see src/fit). */
  fittedOn: z.array(z.string()),
  /** Listwise logistic ranker: softmax over a question's candidate sentences. */
  ranker: linearSchema,
  /** Logistic: probability that the question is answerable from the best sentence. */
  abstain: linearSchema.extend({ threshold: z.number() }),
  /** A runner-up sentence joins the answer when its softmax share is at least this fraction of the best one's. */
  secondShare: z.number(),
  /** A runner-up joins only while the answer stays within this many characters. */
  maxAnswerChars: z.number().int().positive(),
  /** … and only when the runner-up itself is at most this long (long sentences make long answers). */
  maxExtraChars: z.number().int().positive(),
  /** A longer sentence is quoted as its clauses that hold the question's words and the short answer. */
  maxSentenceChars: z.number().int().positive().default(400),
});

export type LinearModel = z.infer<typeof linearSchema>;
export type AnswerModel = z.output<typeof answerModelSchema>;

export function linear(model: LinearModel, x: readonly number[]): number {
  let s = model.bias;
  for (let i = 0; i < model.weights.length; i++) s += model.weights[i]! * ((x[i]! - model.mean[i]!) / model.scale[i]!);
  return s;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The committed model (answer-model.json next to this file), checked against the features this code computes. */
export function loadAnswerModel(json: unknown = committed): AnswerModel {
  const model = answerModelSchema.parse(json);
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (!same(model.ranker.features, SENTENCE_FEATURES) || !same(model.abstain.features, ABSTAIN_FEATURES))
    throw new Error('answer-model.json does not match the features in code; run `npm run fit`');
  return model;
}
