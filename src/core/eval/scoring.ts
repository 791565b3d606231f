import { isAnswerable, type EvalQuestion } from './question-set.js';

/** What the engine did for one question, as the scorer needs it. */
export interface Observation {
  /** The answer text as returned (with its [n] markers). */
  answer: string;
  abstained: boolean;
  /** Document ids of the citations, in citation order. */
  citedDocs: string[];
  /** Document ids of the retrieved passages, best first (at least 5 when the corpus has them). */
  retrievedDocs: string[];
  latencyMs: number;
  /** The naive baseline's answer to the same question (see baseline.ts), when the run computes it. */
  baseline?: { answer: string; citedDocs: string[] };
}

export interface QuestionResult {
  id: string;
  question: string;
  kind: EvalQuestion['kind'];
  answerable: boolean;
  /** Answerable: answer and citation correct. Unanswerable: abstained. */
  ok: boolean;
  answerCorrect: boolean;
  citationCorrect: boolean;
  docHitAt1: boolean;
  docHitAt5: boolean;
  abstained: boolean;
  /** Expect groups none of whose alternatives the answer contains. */
  missing: string[][];
  citedDocs: string[];
  retrievedDocs: string[];
  answer: string;
  /** Length of the answer text as shown (with markers); 0 for an abstention. */
  answerChars: number;
  latencyMs: number;
  /**
   * A right answer's short answer in bold: `right` when a bold span contains a gold alternative or lies inside one,
   * `wrong` when none does; absent when nothing is in bold (or the answer is not right).
   */
  bold?: 'right' | 'wrong';
  /** The naive baseline on the same question: its answer contains every expect group and it cites a right document. */
  baseline?: { answerCorrect: boolean; citationCorrect: boolean; answerChars: number };
}

export interface EvalSummary {
  questions: number;
  answerable: number;
  /** Percentages 0–100. */
  answerAccuracy: number;
  citationAccuracy: number;
  docHitAt1: number;
  docHitAt5: number;
  abstainPrecision: number;
  abstainRecall: number;
  medianAnswerChars: number;
  medianLatencyMs: number;
  /** Of the right answers, the share whose bold holds a gold answer, and the share whose bold holds none. */
  boldRight: number;
  boldWrong: number;
  /** The naive baseline over the same questions, when the run computed it. */
  baseline?: { answerAccuracy: number; citationAccuracy: number; medianAnswerChars: number };
}

/** The answer text without its [n] citation markers, whitespace collapsed (the source list is never part of Answer.text). */
export function stripCitations(text: string): string {
  return text
    .replace(/\s*\[\d+(?:\s*[,–-]\s*\d+)*\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The answer text as a reader sees it: no [n] markers, no **bold** emphasis, whitespace collapsed. */
export function stripMarkup(text: string): string {
  return stripCitations(text.replace(/\*\*/g, ''));
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Expect groups not matched: a group is matched when the answer (without markup) contains one of its alternatives, ignoring case. */
export function missingGroups(answer: string, expect: string[][]): string[][] {
  const text = normalise(stripMarkup(answer));
  return expect.filter((group) => !group.some((alt) => text.includes(normalise(alt))));
}

/** Letters and digits only, lower-cased ("Foreign Ministry’s" → "foreign ministry s"), so a bold compares with a gold answer as read. */
const plain = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Does a bold span of the answer hold a gold alternative, or lie inside one? Null when nothing is in bold. */
export function boldHoldsGold(answer: string, expect: string[][]): boolean | null {
  const spans = [...answer.matchAll(/\*\*(.+?)\*\*/g)].map((m) => plain(m[1]!)).filter(Boolean);
  if (spans.length === 0) return null;
  const gold = expect.flat().map(plain).filter(Boolean);
  return spans.some((b) => gold.some((g) => ` ${b} `.includes(` ${g} `) || ` ${g} `.includes(` ${b} `)));
}

export function scoreQuestion(q: EvalQuestion, o: Observation): QuestionResult {
  const answerable = isAnswerable(q);
  const docs = new Set(q.docs);
  const missing = answerable && !o.abstained ? missingGroups(o.answer, q.expect) : answerable ? q.expect : [];
  const answerCorrect = answerable && !o.abstained && missing.length === 0;
  const citationCorrect = answerable && !o.abstained && o.citedDocs.some((d) => docs.has(d));
  const bold = answerCorrect ? boldHoldsGold(o.answer, q.expect) : null;
  return {
    id: q.id,
    question: q.question,
    kind: q.kind,
    answerable,
    ok: answerable ? answerCorrect && citationCorrect : o.abstained,
    answerCorrect,
    citationCorrect,
    docHitAt1: answerable && o.retrievedDocs.slice(0, 1).some((d) => docs.has(d)),
    docHitAt5: answerable && o.retrievedDocs.slice(0, 5).some((d) => docs.has(d)),
    abstained: o.abstained,
    missing,
    citedDocs: [...new Set(o.citedDocs)],
    retrievedDocs: o.retrievedDocs,
    answer: o.answer,
    answerChars: o.abstained ? 0 : o.answer.length,
    latencyMs: o.latencyMs,
    ...(bold !== null && { bold: bold ? ('right' as const) : ('wrong' as const) }),
    ...(o.baseline && {
      baseline: {
        answerCorrect: answerable && missingGroups(o.baseline.answer, q.expect).length === 0,
        citationCorrect: answerable && o.baseline.citedDocs.some((d) => docs.has(d)),
        answerChars: o.baseline.answer.length,
      },
    }),
  };
}

/** A share as a percentage; an empty denominator counts as 0%. */
const pct = (n: number, d: number) => (d === 0 ? 0 : (100 * n) / d);

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function summarize(results: QuestionResult[]): EvalSummary {
  const answerable = results.filter((r) => r.answerable);
  const unanswerable = results.filter((r) => !r.answerable);
  const abstentions = results.filter((r) => r.abstained);
  const count = (rs: QuestionResult[], f: (r: QuestionResult) => boolean) => rs.filter(f).length;
  return {
    questions: results.length,
    answerable: answerable.length,
    answerAccuracy: pct(count(answerable, (r) => r.answerCorrect), answerable.length),
    citationAccuracy: pct(count(answerable, (r) => r.citationCorrect), answerable.length),
    docHitAt1: pct(count(answerable, (r) => r.docHitAt1), answerable.length),
    docHitAt5: pct(count(answerable, (r) => r.docHitAt5), answerable.length),
    abstainPrecision: pct(count(abstentions, (r) => !r.answerable), abstentions.length),
    abstainRecall: pct(count(unanswerable, (r) => r.abstained), unanswerable.length),
    medianAnswerChars: median(results.filter((r) => !r.abstained).map((r) => r.answerChars)),
    medianLatencyMs: median(results.map((r) => r.latencyMs)),
    boldRight: pct(count(answerable, (r) => r.bold === 'right'), count(answerable, (r) => r.answerCorrect)),
    boldWrong: pct(count(answerable, (r) => r.bold === 'wrong'), count(answerable, (r) => r.answerCorrect)),
    ...(results.length > 0 &&
      results.every((r) => r.baseline) && {
        baseline: {
          answerAccuracy: pct(count(answerable, (r) => r.baseline!.answerCorrect), answerable.length),
          citationAccuracy: pct(count(answerable, (r) => r.baseline!.citationCorrect), answerable.length),
          medianAnswerChars: median(results.map((r) => r.baseline!.answerChars)),
        },
      }),
  };
}

const p1 = (n: number) => n.toFixed(1);

/**
 * The summary line, always the last line of an eval run. Percentages and the
 * latency have one decimal; the answer length is a whole number of characters.
 */
export function formatSummary(s: EvalSummary): string {
  return (
    `eval: questions=${s.questions} answerable=${s.answerable} answer_accuracy=${p1(s.answerAccuracy)}% ` +
    `citation_accuracy=${p1(s.citationAccuracy)}% doc_hit_at_1=${p1(s.docHitAt1)}% doc_hit_at_5=${p1(s.docHitAt5)}% ` +
    `abstain_precision=${p1(s.abstainPrecision)}% abstain_recall=${p1(s.abstainRecall)}% ` +
    `median_answer_chars=${Math.round(s.medianAnswerChars)} median_latency_ms=${p1(s.medianLatencyMs)} ` +
    `bold_right=${p1(s.boldRight)}% bold_wrong=${p1(s.boldWrong)}%` +
    (s.baseline
      ? ` baseline_answer_accuracy=${p1(s.baseline.answerAccuracy)}% baseline_citation_accuracy=${p1(s.baseline.citationAccuracy)}% ` +
        `baseline_median_answer_chars=${Math.round(s.baseline.medianAnswerChars)} margin=${signed(s.answerAccuracy - s.baseline.answerAccuracy)}`
      : '')
  );
}

const signed = (n: number) => `${n >= 0 ? '+' : ''}${p1(n)}`;

/**
 * One line per question: id, ok|wrong, the baseline's verdict (`base=ok|wrong|answered`: its answer holds the gold answer, misses it, or answers an unanswerable question), cited
 * documents, the answer's first 100 characters.
 */
export function formatResult(r: QuestionResult): string {
  const cited = r.citedDocs.length ? r.citedDocs.join(',') : '-';
  const answer = r.answer.replace(/\s+/g, ' ').trim().slice(0, 100);
  const base = r.baseline ? ` base=${r.baseline.answerCorrect ? 'ok' : r.answerable ? 'wrong' : 'answered'}` : '';
  return `${r.id} ${r.ok ? 'ok' : 'wrong'}${base} ${cited} ${answer}`;
}
