/**
 * Chooses the abstention model's L2 penalty by leaving each fit set out in turn
 * (`npm run fit -- --l2-cv`): fit on the other sets, pick the threshold by the
 * fit objective there, score the set left out. Prints the table; the chosen
 * value is written into main.ts by hand, so a plain fit stays quick.
 */
import { linear, sigmoid } from '../core/answer/answer-model.js';
import { fitBinary } from './logistic.js';
import { objectiveAt, THRESHOLDS, type Outcome } from './settings.js';

export interface CvRow {
  /** The question answered at every composition setting, abstention aside (its `p` is replaced by the fold's model). */
  outcome: Outcome;
  /** Abstention features; null when the answerer declines whatever the model says (the floors, a name the corpus lacks). */
  x: number[] | null;
}

/** Mean objective over the sets at composition setting `si`, each scored with a model fitted on the others (sets weighted by the square root of their size). */
export function leaveOneSetOut(rows: CvRow[], l2: number, si: number): { mean: number; perSet: Array<{ set: string; objective: number; threshold: number }> } {
  const perSet: Array<{ set: string; objective: number; threshold: number }> = [];
  let sum = 0;
  let weights = 0;
  for (const set of new Set(rows.map((r) => r.outcome.set))) {
    const train = rows.filter((r) => r.outcome.set !== set);
    const test = rows.filter((r) => r.outcome.set === set);
    const fitted = train.filter((r): r is CvRow & { x: number[] } => r.x !== null);
    const size = new Map<string, number>();
    for (const r of fitted) size.set(r.outcome.set, (size.get(r.outcome.set) ?? 0) + 1);
    const m = fitBinary(
      fitted.map((r) => r.x),
      fitted.map((r) => r.outcome.answerable),
      { l2, iterations: 500, sampleWeights: fitted.map((r) => 1 / size.get(r.outcome.set)!) },
    );
    const scored = (rs: CvRow[]) => rs.map((r) => ({ ...r.outcome, p: r.x ? sigmoid(linear({ features: [], ...m }, r.x)) : 0 }));
    const trainOutcomes = scored(train);
    const score = (t: number) => {
      const o = objectiveAt(trainOutcomes, t, si);
      return o.objective - (o.ruledOut ? 1 : 0);
    };
    const threshold = THRESHOLDS.reduce((best, t) => (score(t) > score(best) ? t : best), THRESHOLDS[0]!);
    const objective = objectiveAt(scored(test), threshold, si).objective;
    perSet.push({ set, objective, threshold });
    sum += Math.sqrt(test.length) * objective;
    weights += Math.sqrt(test.length);
  }
  return { mean: weights ? sum / weights : 0, perSet };
}
