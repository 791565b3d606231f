import path from 'node:path';
import type { AnswerModel } from '../core/answer/answer-model.js';
import type { EvalSetSpec } from '../core/eval/eval-set.js';
import { median, missingGroups } from '../core/eval/scoring.js';
import { ExtractiveAnswerer, type Candidate } from '../core/extractive-answerer.js';
import type { Example } from './collect.js';

/** SQuAD articles held out from fitting (reported with --articles, fitted with --exclude-articles). */
export const HELD_OUT_ARTICLES = ['Steam_engine', 'Immune_system'];

/**
 * Chat-style questions about the seed corpus, fitted on as one set: seed-own (44, written for fitting), seed-own-2 (119)
 * and seed-own-3 (88), held out until session 39, and seed-own-1, -4, -5 and -6 (211, named seed-own-held… until
 * session 47, when two fresh blind sets took over as the held-out chat questions). Fitting on the four as well moved no
 * held-out figure by more than a question (seed-own-held-8 one more answer and one more abstention; -7, -9, -10 and the
 * held-out SQuAD answers unchanged, one SQuAD abstention fewer). Fitting on each file as a set of its own, which gives the bot's register about
 * half the objective's weight, was worse held out: seed-own-held-9 lost 3 of its 7 abstentions, held-out SQuAD fell
 * 90.5 → 90.0% and its chat rewrites 90.6 → 87.5%.
 */
export const OWN_SETS = ['seed-own.dev.jsonl', 'seed-own-1.dev.jsonl', 'seed-own-2.dev.jsonl', 'seed-own-3.dev.jsonl', 'seed-own-4.dev.jsonl', 'seed-own-5.dev.jsonl', 'seed-own-6.dev.jsonl'];

/**
 * The project's sets that are never fitted on, each written blind to the answerer (from the five documents, and for
 * -12 to -15 the earlier sets' question texts, to ask what those ask less): nine in chat style (-11 written in
 * session 52, -12 to -15 in session 53), and one
 * in the documents' own formal wording (session 48, two writers, 61 questions once near-repeats were dropped). Sets
 * -11 to -13 have since been read; -14 and -15 have not. Two more formal sets of 60 (session 54), each with 24
 * near-miss unanswerables (a changed count, date, place or party; an attribute or reason the text never gives):
 * seed-verbatim-2, read and used to develop, and seed-verbatim-held-3, blind.
 */
export const HELD_OWN_SETS = [
  'seed-own-held-7.dev.jsonl',
  'seed-own-held-8.dev.jsonl',
  'seed-own-held-9.dev.jsonl',
  'seed-own-held-10.dev.jsonl',
  'seed-own-held-11.dev.jsonl',
  'seed-own-held-12.dev.jsonl',
  'seed-own-held-13.dev.jsonl',
  'seed-own-held-14.dev.jsonl',
  'seed-own-held-15.dev.jsonl',
  'seed-verbatim-held.dev.jsonl',
  'seed-verbatim-2.dev.jsonl',
  'seed-verbatim-held-3.dev.jsonl',
];

/** One of the project's own question sets (src/fit/data), about the seed corpus. */
const ownSet = (file: string): EvalSetSpec => ({ questions: path.resolve(import.meta.dirname, 'data', file), corpus: 'corpus' });

/** The parts of the shared evaluation sets the models are fitted on; everything else is held out. */
export function FIT_SETS(dir: string, articles: readonly string[] = HELD_OUT_ARTICLES): Array<{ name: string; spec: EvalSetSpec; describe: string }> {
  const held = articles.join(',');
  return [
    { name: 'seed', spec: { questions: `${dir}/seed-questions.dev.jsonl`, corpus: 'corpus', subset: { part: 'fit' } }, describe: 'seed-questions.dev.jsonl --part fit' },
    { name: 'paraphrase', spec: { questions: `${dir}/seed-paraphrase.dev.jsonl`, corpus: 'corpus', subset: { part: 'fit' } }, describe: 'seed-paraphrase.dev.jsonl --part fit' },
    ...OWN_SETS.map((f) => ({ name: 'own', spec: ownSet(f), describe: `src/fit/data/${f}` })),
    { name: 'squad5', spec: { squad: `${dir}/squad2-dev-5articles.json` }, describe: 'squad2-dev-5articles.json' },
    { name: 'more', spec: { squad: `${dir}/squad2-dev-more.json`, subset: { excludeArticles: [...articles] } }, describe: `squad2-dev-more.json --exclude-articles ${held}` },
    { name: 'informal', spec: { squad: `${dir}/squad2-informal-dev.json`, subset: { excludeArticles: [...articles] } }, describe: `squad2-informal-dev.json --exclude-articles ${held}` },
  ];
}

/** The held-out parts and sets, reported after fitting (never fitted on). */
export function HELD_SETS(dir: string, articles: readonly string[] = HELD_OUT_ARTICLES): Array<{ name: string; spec: EvalSetSpec }> {
  return [
    { name: 'seed-held', spec: { questions: `${dir}/seed-questions.dev.jsonl`, corpus: 'corpus', subset: { part: 'held-out' } } },
    { name: 'paraphrase-held', spec: { questions: `${dir}/seed-paraphrase.dev.jsonl`, corpus: 'corpus', subset: { part: 'held-out' } } },
    { name: 'more-held', spec: { squad: `${dir}/squad2-dev-more.json`, subset: { articles: [...articles] } } },
    { name: 'informal-held', spec: { squad: `${dir}/squad2-informal-dev.json`, subset: { articles: [...articles] } } },
    ...HELD_OWN_SETS.map((f) => ({ name: f.replace(/^seed-|\.dev\.jsonl$/g, ''), spec: ownSet(f) })),
  ];
}

/** Counts for one set's outcomes at abstention threshold `t` and composition setting `si`. */
interface SetStats {
  answerable: number;
  unanswerable: number;
  /** Answerable, answered, and right. */
  right: number;
  /** Answerable and right if it were never abstained on. */
  rightAlways: number;
  abstained: number;
  /** Unanswerable and abstained on. */
  abstainedRight: number;
  median: number;
}

function setStats(os: Outcome[], t: number, si: number): SetStats {
  const answered = os.filter((o) => o.p >= t);
  return {
    answerable: os.filter((o) => o.answerable).length,
    unanswerable: os.filter((o) => !o.answerable).length,
    right: answered.filter((o) => o.answerable && o.byShare[si]!.correct).length,
    rightAlways: os.filter((o) => o.answerable && o.byShare[si]!.correct).length,
    abstained: os.length - answered.length,
    abstainedRight: os.filter((o) => o.p < t && !o.answerable).length,
    median: median(answered.map((o) => o.byShare[si]!.chars)),
  };
}

const bySet = (outcomes: Outcome[]) => [...new Set(outcomes.map((o) => o.set))].map((set) => ({ set, os: outcomes.filter((o) => o.set === set) }));
const pct = (n: number, d: number) => (d ? ((100 * n) / d).toFixed(1) : '-');

/** One line per set at the chosen settings: answers right, abstention recall and precision, median length, ranker top-1 and oracle. */
export function describe(outcomes: Outcome[], threshold: number, si: number): string {
  return bySet(outcomes)
    .map(({ set, os }) => {
      const st = setStats(os, threshold, si);
      const ans = os.filter((o) => o.answerable);
      const auc = abstainAuc(ans.filter((o) => o.byShare[si]!.correct).map((o) => o.p), os.filter((o) => !o.answerable).map((o) => o.p));
      return `${set.padEnd(16)} n=${os.length} acc=${pct(st.right, st.answerable)} acc_no_abstain=${pct(st.rightAlways, st.answerable)} recall=${pct(st.abstainedRight, st.unanswerable)} precision=${pct(st.abstainedRight, st.abstained)} median=${st.median} top1=${pct(ans.filter((o) => o.top1).length, st.answerable)} oracle=${pct(ans.filter((o) => o.oracle).length, st.answerable)} auc=${auc === null ? '-' : auc.toFixed(3)}`;
    })
    .join('\n');
}

/**
 * How well the abstention model orders questions, whatever the threshold: the chance that a question it would answer
 * right gets a higher probability than an unanswerable one (ties count half). A refit moves the threshold by a step
 * or two, which moves a small set's figures by a question either way; this does not move with it. Null when either
 * side is empty. Sorting, so n log n.
 */
export function abstainAuc(right: number[], unanswerable: number[]): number | null {
  if (!right.length || !unanswerable.length) return null;
  const all = [...right.map((p) => ({ p, pos: true })), ...unanswerable.map((p) => ({ p, pos: false }))].sort((a, b) => a.p - b.p);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.p === all[i]!.p) j++;
    const mid = (i + 1 + j) / 2; // average 1-based rank of a tie run
    for (let k = i; k < j; k++) if (all[k]!.pos) rankSum += mid;
    i = j;
  }
  return (rankSum - (right.length * (right.length + 1)) / 2) / (right.length * unanswerable.length);
}

/** Answers right, abstention recall and precision per set as the threshold moves (the trade-off, for the record). */
export function thresholdCurve(outcomes: Outcome[], si: number, thresholds = [0.3, 0.375, 0.45, 0.5, 0.55, 0.6]): string {
  return bySet(outcomes)
    .map(({ set, os }) => {
      const cells = thresholds.map((t) => {
        const st = setStats(os, t, si);
        return `t=${t}:${pct(st.right, st.answerable)}/${pct(st.abstainedRight, st.unanswerable)}/${pct(st.abstainedRight, st.abstained)}`;
      });
      return `${set.padEnd(16)} acc/recall/precision ${cells.join(' ')}`;
    })
    .join('\n');
}

const SHARE_VALUES = [0.02, 0.05, 0.1, 0.3, 1.01];
const LENGTHS = [300, 400, 500];
/**
 * Runner-ups of up to 500 characters and sentences quoted whole up to 400 were in the grid until session 43. The fit
 * took them there (objective 1.0765 against 1.0696 for the settings below, about ten questions, mostly SQuAD), at medians of 337–394 on the
 * seed corpus's chat sets, whose target is 300: held out, two more of 96 chat-style SQuAD rewrites answered
 * (90.6% → 92.7%) and none of the seed corpus's. Within the target, the fit chooses among the shorter settings.
 */
const EXTRA = [150, 250];
const SENTENCE = [300, 350];
/** Every (runner-up share, longest answer, longest runner-up, longest sentence quoted whole) tried. */
export const SHARES = SHARE_VALUES.flatMap((share) =>
  LENGTHS.flatMap((maxAnswerChars) => EXTRA.flatMap((maxExtraChars) => SENTENCE.map((maxSentenceChars) => ({ share, maxAnswerChars, maxExtraChars, maxSentenceChars })))),
);
/** Longest median answer (pooled over the fit sets) the settings may give. */
const MAX_MEDIAN = 280;
export const THRESHOLDS = Array.from({ length: 39 }, (_, i) => 0.025 * (i + 1));

export interface Outcome {
  set: string;
  answerable: boolean;
  /** Fitted probability that the question is answered. */
  p: number;
  /** Per composition setting (SHARES order): answer correct, answer length. */
  byShare: Array<{ correct: boolean; chars: number }>;
  /** The best-ranked sentence alone holds a gold answer (answerable questions). */
  top1?: boolean;
  /** Some candidate sentence holds one. */
  oracle?: boolean;
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** The candidate sentence holds a gold answer, in a right document (the ranker's positive label). */
export function holdsGold(e: Example, c: Candidate): boolean {
  if (!e.question.docs.includes(c.passage.chunk.docId)) return false;
  const text = normalise(c.text);
  return e.question.expect.flat().some((a) => text.includes(normalise(a)));
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
    const byShare = SHARES.map(({ share, maxAnswerChars, maxExtraChars, maxSentenceChars }) => {
      const draft = new ExtractiveAnswerer({ model: { ...model, secondShare: share, maxAnswerChars, maxExtraChars, maxSentenceChars } }).compose(a);
      const cited = draft.citations.some((c) => e.question.docs.includes(c.docId));
      return { correct: answerable && cited && missingGroups(draft.text, e.question.expect).length === 0, chars: draft.text.length };
    });
    const top = a.ranked[0]!;
    out.push({ set: e.set, answerable, p: a.answerable, byShare, top1: holdsGold(e, top), oracle: a.ranked.some((c) => holdsGold(e, c)) });
  }
  return out;
}

/**
 * The fit objective at threshold `t` and composition setting `si`: answer accuracy plus half the abstention recall,
 * averaged over the sets weighted by the square root of their size (as in the fits: the small hand-written sets count
 * without deciding alone). `ruledOut`: abstention precision under 80% or the median answer (pooled) over MAX_MEDIAN.
 */
export function objectiveAt(outcomes: Outcome[], t: number, si: number) {
  const sets = bySet(outcomes);
  const per = sets.map(({ set, os }) => {
    const st = setStats(os, t, si);
    return { set, acc: st.right / (st.answerable || 1), recall: st.abstainedRight / (st.unanswerable || 1), weight: Math.sqrt(os.length), median: st.median };
  });
  // Pooled over the fit sets. A cap on every set was tried: the news corpus's long sentences then forced
  // cutting sentences to 250 characters, which cut answers out (seed verbatim 100 → 93.3%, paraphrase 77 → 64%).
  // Tried again with a cap (265) on the seed-corpus sets pooled: the fit then takes fewer runner-ups (share 0.3),
  // objective 1.0747 → 1.0434, held-out paraphrase 84.6 → 69.2%, and that set's median still 341. Its best
  // sentence alone has a median of 270; runner-ups push it past 300, and hold the only right answer for 6 of its 35 questions.
  const med = median(outcomes.filter((o) => o.p >= t).map((o) => o.byShare[si]!.chars));
  const abstained = outcomes.filter((o) => o.p < t);
  const precision = abstained.length ? abstained.filter((o) => !o.answerable).length / abstained.length : 1;
  const objective = per.reduce((a, r) => a + r.weight * (r.acc + 0.5 * r.recall), 0) / (per.reduce((a, r) => a + r.weight, 0) || 1);
  const longest = Math.max(...per.map((r) => r.median));
  return { per, median: med, longest, precision, objective, ruledOut: precision < 0.8 || med > MAX_MEDIAN };
}

/**
 * Settings whose objective is this close to the best are taken as equal (about two questions: one of the 251 chat
 * questions moves it by ~0.0006, one SQuAD question by ~0.0005), and the one whose longest per-set median is shortest
 * wins; between equally short ones, the one whose abstentions are most often right (the lower threshold, as a rule).
 * Until session 46 the objective decided there, and a change anywhere in the abstainer's data flipped the threshold
 * between 0.525 and 0.55 on differences of 0.0001–0.003: at 0.55 held-out SQuAD answers fell 91.6 → 90.2–90.7%.
 * Session 41: sentences cut past 400 characters scored 1.0706 and past 350 1.0703; 350 keeps the chat sets'
 * medians at 300–302 where 400 gave 325–337, while 400 answered two more of the 430 held-out SQuAD questions
 * (92.1% against 91.6%) and one more of the 96 held-out chat rewrites.
 */
const TIE = 0.001;

/**
 * Picks the abstention threshold and runner-up share that maximise, averaged
 * over the fit sets, answer accuracy plus half the abstention recall (sets weighted by the square root of their size), with
 * abstention precision at least 80% and the median answer (pooled) at most
 * MAX_MEDIAN characters (the target is 300; the margin is for unseen wording); of those within TIE of the best, the
 * one with the shortest longest per-set median, then the most precise abstentions.
 */
export function chooseSettings(outcomes: Outcome[]): { threshold: number; secondShare: number; maxAnswerChars: number; maxExtraChars: number; maxSentenceChars: number; table: string } {
  const rows: Array<{ t: number; s: number; m: number; e: number; c: number; objective: number; longest: number; precision: number; line: string }> = [];
  SHARES.forEach(({ share, maxAnswerChars, maxExtraChars, maxSentenceChars }, si) => {
    for (const t of THRESHOLDS) {
      const { per, median: med, longest, precision, objective: raw, ruledOut } = objectiveAt(outcomes, t, si);
      const objective = raw - (ruledOut ? 1 : 0);
      const line = `share=${share} max=${maxAnswerChars} extra=${maxExtraChars} sentence=${maxSentenceChars} threshold=${t.toFixed(3)} median=${med} longest=${longest} precision=${(100 * precision).toFixed(1)} ${per.map((r) => `${r.set}:acc=${(100 * r.acc).toFixed(1)},rec=${(100 * r.recall).toFixed(1)}`).join(' ')}`;
      rows.push({ t, s: share, m: maxAnswerChars, e: maxExtraChars, c: maxSentenceChars, objective, longest, precision, line });
    }
  });
  rows.sort((a, b) => b.objective - a.objective);
  const best = rows.filter((r) => r.objective >= rows[0]!.objective - TIE).sort((a, b) => a.longest - b.longest || b.precision - a.precision || b.objective - a.objective)[0]!;
  return { threshold: best.t, secondShare: best.s, maxAnswerChars: best.m, maxExtraChars: best.e, maxSentenceChars: best.c, table: rows.slice(0, 8).map((r) => `${r === best ? '*' : ' '}${r.objective.toFixed(4)} ${r.line}`).join('\n') };
}
