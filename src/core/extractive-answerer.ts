import { ABSTAIN_FEATURES, abstainFeatures, heldNearBest } from './answer/abstain-features.js';
import { listsBeside } from './answer/besides.js';
import { asksRole, asksWhere, emphasise, placesSomething, SENTENCE_STOP, shortAnswer, type AnswerType, type ShortSpan } from './answer/answer-kind.js';
import { linear, loadAnswerModel, sigmoid, type AnswerModel } from './answer/answer-model.js';
import { denseScorer } from './answer/dense-scorer.js';
import { candidateFeatures, SENTENCE_FEATURES, type Candidate } from './answer/features.js';
import { askedQuestion, holds, type QuestionTerms } from './answer/question-terms.js';
import type { AnswerDraft, AnswerRequest, Answerer } from './answerer.js';
import { abstain, dateAnswer, withheldAnswer, type Dated, type Withheld } from './answer/fixed-answers.js';
import { anchors, opensMidSentence, shortAnswerIn, weightedAnchors } from './answer/short-answer-in.js';
import { clauseWindow, type Window } from './answer/clause-window.js';
import { questionClause, questionParts } from './answer/question-parts.js';
import { withEarlierTopic } from './conversation/heuristic-rewriter.js';

import { askedSpeaker, sentenceSpeaker } from './answer/speaker.js';
import { withheldIn } from './answer/withheld.js';
import { titleBefore } from './answer/described.js';
import { loadNlp } from './nlp.js';
import { findDateSpan } from './document-date.js';
import { terms, words } from './text.js';
import type { Citation } from './types.js';

export { answerType } from './answer/answer-kind.js';
export type { AnswerType, Candidate };
export type Question = QuestionTerms;

export interface ExtractiveAnswererOptions {
  /** The fitted ranker and abstention model (default: the committed answer-model.json). */
  model?: AnswerModel;
  /** Most sentences in one answer. */
  maxSentences?: number;
  /** Sentences longer than this are cut to the clause that answers. */
  maxSentenceChars?: number;
  /** A further sentence is added only while the answer stays within this many characters. */
  maxAnswerChars?: number;
  /** Override the model's abstention threshold (0: never abstain). */
  abstainThreshold?: number;
  /** Override the model's runner-up share. */
  secondShare?: number;
}

/** What the answerer decides from: the ranked sentences and the probability that the best one answers. */
export interface Analysis {
  question: QuestionTerms;
  ranked: Candidate[];
  /** Features of the abstention model. */
  abstainFeatures: number[];
  /** Probability (fitted) that the question is answered by the best sentence. */
  answerable: number;
  /** A question in parts ("when was X, and when was Y"): each part analysed on its own passages. */
  parts?: Analysis[];
  /** For "when was that article published": where the best sentence's document states its own date. */
  dated?: Dated;
  /**
   * The best sentence says that what is asked is withheld or unknown ("does not disclose the name"), or dates it only
   * roughly when a date is asked ("on Sunday", `undated`): declined, quoting what it does say.
   */
  withheld?: Withheld;
}

const NUMBER_KIND_MISSING = (ABSTAIN_FEATURES as readonly string[]).indexOf('numberKindMissing');

/** Least idf-weighted share of the question's own terms in the best sentence (below it nothing of the question is there). */
const MIN_COVERAGE = 0.15;
/** Least share in the best sentence's passage and the text around it. */
const MIN_PASSAGE_COVERAGE = 0.3;

/** A news dateline: a place in capitals, a comma, then more place and the date. */
const DATELINE = /^\p{Lu}[\p{Lu} .'’-]{2,},\s/u;

const featureIndex = (name: string) => (SENTENCE_FEATURES as readonly string[]).indexOf(name);

/** Sentences quoted for each part of a question in parts: its best, and one runner-up. */
const PART_SENTENCES = 2;

/** A sentence to quote, the question (part) it answers, and other parts it answers as well. */
interface Quoted {
  c: Candidate;
  q: QuestionTerms;
  also?: QuestionTerms[];
  /** Where the best sentence lies in a pair quoted in its place (offsets into `c.text`). */
  core?: Window;
}

/** Text that ends a sentence (not "U.S."). */
const SENTENCE_END = new RegExp(`${SENTENCE_STOP}$`, 'u');

/** A question about a topic, with no slot to fill, as the chat forms write it out ("what about…", "about…"). */
const TOPIC_QUESTION = /^\s*(?:(?:what|how)\s+)?about\b/i;

/** A role question looks this far down the ranking for a sentence that titles the person, of at least MIN_TITLE capitals. */
const ROLE_CANDIDATES = 8;
const MIN_TITLE = 2;
/** A "besides X" question looks this far down the ranking for a sentence that lists X with others. */
const BESIDES_CANDIDATES = 3;

/** The best sentence holds enough of the question for the abstention model to have a say. */
export const passesFloors = (best: Candidate): boolean =>
  best.features[featureIndex('coverage')]! >= MIN_COVERAGE && best.features[featureIndex('passageCoverage')]! >= MIN_PASSAGE_COVERAGE;

/**
 * Picks the sentence that answers, with a fitted model rather than hand-set
 * weights (src/fit): a listwise logistic ranker over every whole sentence of
 * the retrieved passages (coverage of the question's terms, proximity,
 * phrases, dense similarity, passage rank, whether it holds the kind of answer
 * asked for…), then a logistic abstention model over the best sentence's
 * signals (missing rare terms, names and numbers the source never states…).
 * The short answer (number, date, name) is shown in bold inside the quote.
 */
export class ExtractiveAnswerer implements Answerer {
  readonly id = 'extractive';
  readonly model: AnswerModel;
  private readonly maxSentences: number;
  private readonly maxSentenceChars: number;
  private readonly maxAnswerChars: number;
  private readonly threshold: number;
  private readonly secondShare: number;

  constructor(options: ExtractiveAnswererOptions = {}) {
    this.model = options.model ?? loadAnswerModel();
    this.maxSentences = options.maxSentences ?? 3;
    this.maxSentenceChars = options.maxSentenceChars ?? this.model.maxSentenceChars;
    this.maxAnswerChars = options.maxAnswerChars ?? this.model.maxAnswerChars;
    this.threshold = options.abstainThreshold ?? this.model.abstain.threshold;
    this.secondShare = options.secondShare ?? this.model.secondShare;
  }

  /**
   * Ranks the candidate sentences and estimates whether the best one answers; null when there is nothing to rank.
   * A question in parts is analysed part by part, each with passages retrieved for it alone: one search for
   * "when was X, and when was Y" finds X or Y, rarely both.
   */
  async analyse(request: AnswerRequest): Promise<Analysis | null> {
    const parts = request.retrieve && request.analyze ? questionParts(request.question) : [request.question];
    if (parts.length < 2) return this.analyseOne(request);
    const analysed: Analysis[] = [];
    for (const [i, part] of parts.entries()) {
      // "…and which paper reported it", "…, and on what date": a part that leans on the one before is asked about its topic,
      // taken from what that part asks before any context typed ahead of it ("saw the story about the gold - how much
      // was found and which paper reported it": the gold, not the story).
      const asked = i > 0 ? await withEarlierTopicOf(part, parts[i - 1]!) : part;
      const query = request.analyze!(asked);
      const a = await this.analyseOne({ ...request, question: asked, query, history: [], passages: await request.retrieve!(query) });
      if (a) analysed.push(a);
    }
    if (analysed.length === 0) return null;
    const best = analysed.reduce((a, b) => (b.answerable > a.answerable ? b : a));
    return { ...best, parts: analysed };
  }

  private async analyseOne(request: AnswerRequest): Promise<Analysis | null> {
    const q = askedQuestion(request.question, request.history, request.idf, request.query);
    if (q.total === 0 || request.passages.length === 0) return null;
    // The tagger tells the names of a who/where answer apart (places, people); loaded once, for such questions only.
    if (q.type === 'person' || q.type === 'place') await loadNlp();
    const ranked = await candidateFeatures(q, request, denseScorer(request));
    if (ranked.length === 0) return null;
    for (const c of ranked) c.score = linear(this.model.ranker, c.features);
    ranked.sort((a, b) => b.score - a.score);
    // A sentence below the floors (nothing of the question in it, a dateline) is never the best while one above them
    // ranks lower; it may still join the answer as a runner-up (the answer is often the next sentence).
    const first = passesFloors(ranked[0]!) ? 0 : ranked.findIndex(passesFloors);
    if (first > 0) ranked.unshift(...ranked.splice(first, 1));
    const x = abstainFeatures(q, ranked, request, featureIndex);
    // "What's Blinken's job title", "who is Hajiyev": the sentence that puts a title before the name says what the person
    // is; one that only mentions the name ("Secretary Blinken again urged…") does not. Whether to answer is still read
    // from the ranker's best (the titled sentence ranks lower, and its lower score is no sign the question is off-corpus).
    if (asksRole(q.text)) {
      const titles = ranked.slice(0, ROLE_CANDIDATES).map((c) => (passesFloors(c) ? titleBefore(c.text, q) : -1));
      const most = titles.indexOf(Math.max(...titles));
      if (most > 0 && titles[most]! >= MIN_TITLE && titles[most]! > titles[0]!) ranked.unshift(...ranked.splice(most, 1));
    }
    // "Apart from the OIC, which organisations did Hajiyev mention": the sentence that lists the OIC with others answers;
    // one that only mentions the OIC ("…ambassadors of the member countries of the Organization of Islamic Cooperation,
    // Azernews reports") does not. Among the ranker's first few, as for a role; whether to answer is read as before.
    const aside = q.aside;
    if (aside && !listsBeside(ranked[0]!.text, aside)) {
      const listed = ranked.slice(0, BESIDES_CANDIDATES).findIndex((c) => passesFloors(c) && listsBeside(c.text, aside));
      if (listed > 0) ranked.unshift(...ranked.splice(listed, 1));
    }
    // Two floors no fitted weight can lift: the best sentence, and its passage, must hold enough of the question.
    // …and a name the whole corpus never mentions ("the capital of Peru") is never answered, nor a yes/no question by a
    // sentence that does not mention what it asks about, or a name it asks with ("Did Blinken also speak with the
    // President of Russia…": a sentence naming only Aliyev and Pashinyan settles nothing about Russia).
    const nearBest = q.polarSubject === null ? null : heldNearBest(ranked);
    const offSubject = nearBest !== null && [q.polarSubject!, ...q.names.flatMap((n) => terms(n).slice(0, 1))].some((t) => !holds(q, nearBest, t));
    // "What did Pashinyan say" is not answered by what Blinken said to him.
    const asked = askedSpeaker(q.text);
    const speaker = asked ? sentenceSpeaker(ranked[0]!.text) : null;
    const otherSpeaker = asked !== null && speaker !== null && !asked.some((t) => holds(q, speaker, t));
    // …nor a question that asks for a date ("on what date", "when exactly") by a sentence that gives no day of a month
    // ("on Sunday", "in 2020"): of 33 such questions in the sets, the 10 whose best sentence gives none are 9
    // unanswerable and 1 answered wrong (session 51).
    const noDate = q.numberKind === 'calendarDay' && x[NUMBER_KIND_MISSING] === 1;
    if (!passesFloors(ranked[0]!) || offSubject || otherSpeaker || x[(ABSTAIN_FEATURES as readonly string[]).indexOf('unknownToCorpus')] === 1)
      return { question: q, ranked, abstainFeatures: x, answerable: 0 };
    if (noDate) {
      // What it gives instead ("on Sunday", "in 2020"), quoted with the decline.
      const rough = shortAnswer(ranked[0]!.text, 'date', null, q.words);
      return { question: q, ranked, abstainFeatures: x, answerable: 0, ...(rough && { withheld: { best: ranked[0]!, cue: rough, undated: true } }) };
    }
    // What the corpus says is not given ("does not disclose the name of the 'diplomat', only his initials") is not in it.
    const cue = withheldIn(ranked[0]!.text, q);
    if (cue) return { question: q, ranked, abstainFeatures: x, answerable: 0, withheld: { best: ranked[0]!, cue } };
    const docText = q.asksPublished ? await request.documentText?.(ranked[0]!.passage.chunk.docId) : undefined;
    const span = docText ? findDateSpan(docText) : null;
    const dated = span ? { best: ranked[0]!, span, text: docText!.slice(span.start, span.end) } : undefined;
    const p = sigmoid(linear(this.model.abstain, x));
    // "What about X" ("whats the deal with X", "tell me about X") asks what the corpus says of X, not for a slot the text
    // may lack (what the abstainer was fitted to catch): a passage that holds all of X answers it.
    const topic = TOPIC_QUESTION.test(q.text) && ranked[0]!.features[featureIndex('passageCoverage')]! >= 1 - 1e-9;
    return { question: q, ranked, abstainFeatures: x, answerable: topic ? Math.max(p, this.threshold) : p, ...(dated && { dated }) };
  }

  async answer(request: AnswerRequest): Promise<AnswerDraft> {
    const analysis = await this.analyse(request);
    if (analysis?.withheld && !analysis.parts) return withheldAnswer(analysis.withheld, this.maxSentenceChars);
    if (!analysis || analysis.answerable < this.threshold) return abstain();
    return this.compose(analysis);
  }

  /** The best sentence, plus runners-up that score nearly as well or cover another part of the question. */
  compose(analysis: Analysis): AnswerDraft {
    if (analysis.parts) return this.composeParts(analysis.parts);
    if (analysis.dated) return dateAnswer(analysis.dated);
    const { question: q, ranked } = analysis;
    return this.render(this.withRunnersUp(q, ranked, [], this.maxSentences).map((k) => ({ ...k, q })));
  }

  /** The best of `ranked` and the runners-up that join it, at most `most` sentences, none restating one `quoted` already. */
  private withRunnersUp(q: QuestionTerms, ranked: Candidate[], quoted: readonly Candidate[], most: number): Array<{ c: Candidate; core?: Window }> {
    const best = ranked[0]!;
    const chosen = [best];
    // A sentence counts as long as it will be quoted (a long one is cut to its answering clauses).
    const chars = (c: Candidate) => Math.min(c.text.length, this.maxSentenceChars);
    let length = chars(best);
    const f = (c: Candidate, name: string) => c.features[featureIndex(name)]!;
    // The best sentence read together with the one after it that refers back to it ("…the plot of land." + "The
    // site … was allocated under a directive from the President"), holding more of the question, or for "where"
    // the place the best sentence lacks ("The site, in the Yasamal district"): quote the pair, whatever ranks between.
    const pair = ranked.slice(1, 8).find((c) => f(c, 'pair') > 0 && c.passage.chunk.docId === best.passage.chunk.docId && c.start <= best.start && c.end > best.end);
    const holdsMore = (c: Candidate) =>
      f(c, 'ownCoverage') > f(best, 'ownCoverage') ||
      f(c, 'thesaurusCoverage') > f(best, 'thesaurusCoverage') ||
      (asksWhere(q.text) && !placesSomething(best.text, q.words) && placesSomething(c.text, q.words));
    let core: Window | undefined;
    if (pair && Math.exp(pair.score - best.score) >= this.secondShare && chars(pair) <= this.maxAnswerChars && holdsMore(pair)) {
      chosen[0] = pair;
      length = chars(pair);
      core = { start: best.start - pair.start, end: best.end - pair.start };
    }
    for (const c of ranked.slice(1, 8)) {
      if (chosen.length >= most) break;
      if (length + chars(c) > this.maxAnswerChars || chars(c) > this.model.maxExtraChars) continue;
      // A dateline ("BAKU, Azerbaijan, Oct.8") may answer "when" on its own, never as an addition.
      if (DATELINE.test(c.text) && words(c.text).length < 6) continue;
      if ([...quoted, ...chosen].some((k) => overlaps(k, c) || restates(k.text, c.text))) continue;
      const share = Math.exp(c.score - best.score);
      const adds = [...c.matched].filter((t) => q.own.has(t) && !chosen.some((k) => k.matched.has(t)));
      const addWeight = adds.reduce((a, t) => a + q.weights.get(t)!, 0) / q.total;
      // A question in parts ("when was X, and when was Y"): a sentence answering another part joins however it ranks.
      if (share >= this.secondShare || (q.parts > 1 && addWeight >= 0.3 && c.features[featureIndex('ownCoverage')]! >= 0.3)) {
        chosen.push(c);
        length += chars(c);
      }
    }
    return chosen.map((c, i) => (i === 0 && core ? { c, core } : { c }));
  }

  /**
   * Each part that is answered gives its best sentence, and a runner-up as a question of its own would (the next
   * sentence often holds the answer), in the order asked; a sentence already quoted is not repeated.
   */
  private composeParts(parts: Analysis[]): AnswerDraft {
    const chosen: Quoted[] = [];
    for (const p of parts) {
      const c = p.ranked[0]!;
      if (p.answerable < this.threshold) continue;
      // A part answered by a sentence already quoted ("where did the OTS adopt the declaration, and on what date"):
      // that sentence bolds this part's answer too.
      const same = chosen.find((k) => k.c.passage.chunk.docId === c.passage.chunk.docId && k.c.start === c.start && k.c.end === c.end);
      if (same) (same.also ??= []).push(p.question);
      if (same || chosen.some((k) => overlaps(k.c, c) || restates(k.c.text, c.text))) continue;
      for (const r of this.withRunnersUp(p.question, p.ranked, chosen.map((k) => k.c), PART_SENTENCES)) chosen.push({ ...r, q: p.question });
    }
    return chosen.length ? this.render(chosen) : abstain();
  }

  /** Quotes the chosen sentences with citation markers; each sentence's short answer (for its own question) in bold. */
  private render(chosen: readonly Quoted[]): AnswerDraft {
    const citations: Citation[] = [];
    const bolded = new Set<QuestionTerms>();
    // No bold inside a sentence that has asterisks of its own (the bot could not tell the two apart).
    const shortFor = (c: Candidate, q: QuestionTerms, at: number[]) => (bolded.has(q) || c.text.includes('*') ? null : shortAnswerIn(c.text, q, at));
    const parts = chosen.map(({ c, q, also = [], core }) => {
      const n = citations.length + 1;
      const weighted = weightedAnchors(c.text, q);
      const at = weighted.map((a) => a.at);
      const short = shortFor(c, q, at);
      // A long sentence is quoted as the clauses that answer; the quote stays exact (offsets into the document). What
      // the quote must hold whole: the short answer; else, in a pair quoted in place of the best sentence, that
      // sentence (the clauses with the most question words may all lie in the other one); and other parts' short
      // answers too, where all of it fits ("whats the garabagh declaration, where was it adopted": "On 6 June in
      // Shusha…"). Keeping a pair's first sentence whenever a pair is the best cut the answer out of the second
      // (four SQuAD questions lost, none gained).
      const others = also.map((other) => ({ other, s: shortFor(c, other, anchors(c.text, other)) }));
      let keep: Window | null = short ?? (core && core.end - core.start <= this.maxSentenceChars ? core : null);
      for (const { s } of others) {
        const joined = s && (keep ? { start: Math.min(keep.start, s.start), end: Math.max(keep.end, s.end) } : s);
        if (joined && joined.end - joined.start <= this.maxSentenceChars) keep = joined;
      }
      const w = clauseWindow(c.text, this.maxSentenceChars, weighted, keep);
      const text = c.text.slice(w.start, w.end);
      const spans: ShortSpan[] = [];
      if (short) spans.push(short);
      if (short) bolded.add(q);
      // Other parts this sentence answers: their short answers, where the quote holds them apart from the first.
      for (const { other, s } of others) {
        if (!s || s.start < w.start || s.end > w.end || spans.some((k) => s.start < k.end && k.start < s.end)) continue;
        spans.push(s);
        bolded.add(other);
      }
      citations.push({ n, docId: c.passage.chunk.docId, title: c.passage.doc.title, date: c.passage.doc.date, chunkId: c.passage.chunk.id, start: c.start + w.start, end: c.start + w.end, quote: text });
      const shown = spans.map((s) => ({ ...s, start: s.start - w.start, end: s.end - w.start }));
      // No ellipsis where the quote begins or ends a sentence of a pair: nothing of that sentence is left out.
      const cutBefore = w.start > 0 && !SENTENCE_END.test(c.text.slice(Math.max(0, w.start - 6), w.start).trimEnd());
      const cutAfter = w.end < c.text.length && !SENTENCE_END.test(text);
      return `${cutBefore || opensMidSentence(text) ? '…' : ''}${emphasise(text, shown)}${cutAfter ? '…' : ''} [${n}]`;
    });
    return { text: parts.join(' '), abstained: false, citations };
  }
}

async function withEarlierTopicOf(part: string, earlier: string): Promise<string> {
  const clause = questionClause(earlier);
  const asked = await withEarlierTopic(part, clause);
  return asked === part && clause !== earlier ? withEarlierTopic(part, earlier) : asked;
}

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.passage.chunk.docId === b.passage.chunk.docId && a.start < b.end && b.start < a.end;
}

/** One sentence says nothing the other does not (same words, or one inside the other). */
function restates(a: string, b: string): boolean {
  const wa = words(a).join(' ');
  const wb = words(b).join(' ');
  return wa.includes(wb) || wb.includes(wa);
}
