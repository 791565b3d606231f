/**
 * Chooses the abstention model's L2 penalty by leaving each fit set out in turn
 * (`npm run fit -- --l2-cv`): fit on the other sets, pick the threshold by the
 * fit objective there, score the set left out. Prints the table; the chosen
 * value is written into main.ts by hand, so a plain fit stays quick.
 */
import { fitBinary } from './logistic.js';
import { THRESHOLDS } from './settings.js';

export interface CvRow {
  set: string;
  answerable: boolean;
  /** The answer, composed at the fitted settings, is right (abstention aside). */
  correct: boolean;
  /** The best sentence passes the floors: below them the question is declined whatever the model says. */
  passes: boolean;
  x: number[];
}

/** Answer accuracy plus half the abstention recall, averaged over sets weighted by the square root of their size, and the abstention precision. */
export function cvObjective(rows: CvRow[], p: number[], t: number): { objective: number; precision: number } {
  const sets = new Map<string, { answerable: number; right: number; unanswerable: number; declined: number; n: number }>();
  let abstained = 0;
  let abstainedRight = 0;
  rows.forEach((r, i) => {
    const s = sets.get(r.set) ?? { answerable: 0, right: 0, unanswerable: 0, declined: 0, n: 0 };
    sets.set(r.set, s);
    s.n++;
    const answered = r.passes && p[i]! >= t;
    if (r.answerable) {
      s.answerable++;
      if (answered && r.correct) s.right++;
    } else {
      s.unanswerable++;
      if (!answered) s.declined++;
    }
    if (!answered) {
      abstained++;
      if (!r.answerable) abstainedRight++;
    }
  });
  let sum = 0;
  let weights = 0;
  for (const s of sets.values()) {
    sum += Math.sqrt(s.n) * (s.right / (s.answerable || 1) + (0.5 * s.declined) / (s.unanswerable || 1));
    weights += Math.sqrt(s.n);
  }
  return { objective: weights ? sum / weights : 0, precision: abstained ? abstainedRight / abstained : 1 };
}

/** Mean objective over the sets, each scored with a model fitted on the others (sets weighted by the square root of their size). */
export function leaveOneSetOut(rows: CvRow[], l2: number): { mean: number; perSet: Array<{ set: string; objective: number; threshold: number }> } {
  const perSet: Array<{ set: string; objective: number; threshold: number }> = [];
  let sum = 0;
  let weights = 0;
  for (const set of new Set(rows.map((r) => r.set))) {
    const train = rows.filter((r) => r.set !== set);
    const test = rows.filter((r) => r.set === set);
    const fitted = train.filter((r) => r.passes);
    const size = new Map<string, number>();
    for (const r of fitted) size.set(r.set, (size.get(r.set) ?? 0) + 1);
    const m = fitBinary(
      fitted.map((r) => r.x),
      fitted.map((r) => r.answerable),
      { l2, iterations: 500, sampleWeights: fitted.map((r) => 1 / size.get(r.set)!) },
    );
    const predict = (x: number[]) => 1 / (1 + Math.exp(-x.reduce((z, v, i) => z + (m.weights[i]! * (v - m.mean[i]!)) / m.scale[i]!, m.bias)));
    const pTrain = train.map((r) => predict(r.x));
    // As chooseSettings: abstention precision below 80% rules a threshold out.
    const score = (t: number) => {
      const o = cvObjective(train, pTrain, t);
      return o.objective - (o.precision < 0.8 ? 1 : 0);
    };
    const threshold = THRESHOLDS.reduce((best, t) => (score(t) > score(best) ? t : best), THRESHOLDS[0]!);
    const objective = cvObjective(test, test.map((r) => predict(r.x)), threshold).objective;
    perSet.push({ set, objective, threshold });
    sum += Math.sqrt(test.length) * objective;
    weights += Math.sqrt(test.length);
  }
  return { mean: weights ? sum / weights : 0, perSet };
}
