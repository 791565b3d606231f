import path from 'node:path';
import type { AnswerModel } from '../core/answer/answer-model.js';
import type { EvalSetSpec } from '../core/eval/eval-set.js';
import { median, missingGroups } from '../core/eval/scoring.js';
import { ExtractiveAnswerer } from '../core/extractive-answerer.js';
import type { Example } from './collect.js';

/** SQuAD articles held out from fitting (reported with --articles, fitted with --exclude-articles). */
export const HELD_OUT_ARTICLES = ['Steam_engine', 'Immune_system'];

/** Chat-style questions about the seed corpus written for fitting (20 answerable, 16 it cannot answer). */
export const OWN_SET = path.resolve(import.meta.dirname, 'data/seed-own.dev.jsonl');

/** The parts of the shared evaluation sets the models are fitted on; everything else is held out. */
export function FIT_SETS(dir: string): Array<{ name: string; spec: EvalSetSpec; describe: string }> {
  const held = HELD_OUT_ARTICLES.join(',');
  return [
    { name: 'seed', spec: { questions: `${dir}/seed-questions.dev.jsonl`, corpus: 'corpus', subset: { part: 'fit' } }, describe: 'seed-questions.dev.jsonl --part fit' },
    { name: 'paraphrase', spec: { questions: `${dir}/seed-paraphrase.dev.jsonl`, corpus: 'corpus', subset: { part: 'fit' } }, describe: 'seed-paraphrase.dev.jsonl --part fit' },
    { name: 'own', spec: { questions: OWN_SET, corpus: 'corpus' }, describe: 'src/fit/data/seed-own.dev.jsonl' },
    { name: 'squad5', spec: { squad: `${dir}/squad2-dev-5articles.json` }, describe: 'squad2-dev-5articles.json' },
    { name: 'more', spec: { squad: `${dir}/squad2-dev-more.json`, subset: { excludeArticles: HELD_OUT_ARTICLES } }, describe: `squad2-dev-more.json --exclude-articles ${held}` },
    { name: 'informal', spec: { squad: `${dir}/squad2-informal-dev.json`, subset: { excludeArticles: HELD_OUT_ARTICLES } }, describe: `squad2-informal-dev.json --exclude-articles ${held}` },
  ];
}

const SHARE_VALUES = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.01];
const LENGTHS = [300, 400, 500];
const EXTRA = [150, 200, 250, 500];
/** Every (runner-up share, longest answer, longest runner-up) tried. */
export const SHARES = SHARE_VALUES.flatMap((share) => LENGTHS.flatMap((maxAnswerChars) => EXTRA.map((maxExtraChars) => ({ share, maxAnswerChars, maxExtraChars }))));
/** Longest median answer over the fit sets the settings may give. */
const MAX_MEDIAN = 280;
const THRESHOLDS = Array.from({ length: 39 }, (_, i) => 0.025 * (i + 1));

export interface Outcome {
  set: string;
  answerable: boolean;
  /** Fitted probability that the question is answered. */
  p: number;
  /** Per composition setting (SHARES order): answer correct, answer length. */
  byShare: Array<{ correct: boolean; chars: number }>;
}

/** Answers every example with each runner-up share, abstention off, and scores it like `npm run eval`. */
export async function simulate(examples: Example[], model: AnswerModel): Promise<Outcome[]> {
  const answerer = new ExtractiveAnswerer({ model });
  const out: Outcome[] = [];
  for (const e of examples) {
    const a = await answerer.analyse(e.request);
    const answerable = e.question.kind !== 'unanswerable';
    if (!a) {
      out.push({ set: e.set, answerable, p: 0, byShare: SHARES.map(() => ({ correct: false, chars: 0 })) });
      continue;
    }
    const byShare = SHARES.map(({ share, maxAnswerChars, maxExtraChars }) => {
      const draft = new ExtractiveAnswerer({ model: { ...model, secondShare: share, maxAnswerChars, maxExtraChars } }).compose(a);
      const cited = draft.citations.some((c) => e.question.docs.includes(c.docId));
      return { correct: answerable && cited && missingGroups(draft.text, e.question.expect).length === 0, chars: draft.text.length };
    });
    out.push({ set: e.set, answerable, p: a.answerable, byShare });
  }
  return out;
}

/**
 * Picks the abstention threshold and runner-up share that maximise, averaged
 * over the fit sets, answer accuracy plus half the abstention recall (sets weighted by the square root of their size), with
 * abstention precision at least 80% and the median answer (pooled) at most
 * MAX_MEDIAN characters (the target is 300; the margin is for unseen wording).
 */
export function chooseSettings(outcomes: Outcome[]): { threshold: number; secondShare: number; maxAnswerChars: number; maxExtraChars: number; table: string } {
  const sets = [...new Set(outcomes.map((o) => o.set))];
  const rows: Array<{ t: number; s: number; m: number; e: number; objective: number; line: string }> = [];
  SHARES.forEach(({ share, maxAnswerChars, maxExtraChars }, si) => {
    for (const t of THRESHOLDS) {
      const per = sets.map((set) => {
        const os = outcomes.filter((o) => o.set === set);
        const ans = os.filter((o) => o.answerable);
        const un = os.filter((o) => !o.answerable);
        const abst = os.filter((o) => o.p < t);
        const acc = ans.filter((o) => o.p >= t && o.byShare[si]!.correct).length / (ans.length || 1);
        const recall = un.filter((o) => o.p < t).length / (un.length || 1);
        const precision = abst.length ? abst.filter((o) => !o.answerable).length / abst.length : 1;
        const med = median(os.filter((o) => o.p >= t).map((o) => o.byShare[si]!.chars));
        return { set, acc, recall, precision, med, weight: Math.sqrt(os.length) };
      });
      // Pooled over the fit sets: a per-set cap would let the seed corpus's long sentences starve SQuAD of runner-ups.
      const med = median(outcomes.filter((o) => o.p >= t).map((o) => o.byShare[si]!.chars));
      const abstained = outcomes.filter((o) => o.p < t);
      const precision = abstained.length ? abstained.filter((o) => !o.answerable).length / abstained.length : 1;
      // Sets weigh by the square root of their size, as in the fits: the small hand-written sets count without deciding alone.
      let objective = per.reduce((a, r) => a + r.weight * (r.acc + 0.5 * r.recall), 0) / per.reduce((a, r) => a + r.weight, 0);
      if (precision < 0.8 || med > MAX_MEDIAN) objective -= 1;
      const line = `share=${share} max=${maxAnswerChars} extra=${maxExtraChars} threshold=${t.toFixed(3)} median=${med} precision=${(100 * precision).toFixed(1)} ${per.map((r) => `${r.set}:acc=${(100 * r.acc).toFixed(1)},rec=${(100 * r.recall).toFixed(1)}`).join(' ')}`;
      rows.push({ t, s: share, m: maxAnswerChars, e: maxExtraChars, objective, line });
    }
  });
  rows.sort((a, b) => b.objective - a.objective);
  return { threshold: rows[0]!.t, secondShare: rows[0]!.s, maxAnswerChars: rows[0]!.m, maxExtraChars: rows[0]!.e, table: rows.slice(0, 8).map((r) => `${r.objective.toFixed(4)} ${r.line}`).join('\n') };
}
