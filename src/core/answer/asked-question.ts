import type { AnswerRequest } from '../answerer.js';
import { isFollowUp } from '../conversation/follow-up.js';
import type { QueryAnalysis } from '../query/analyze-query.js';
import { terms, words } from '../text.js';
import { analyseQuestion as analyseTerms, type QuestionTerms } from './features.js';

/**
 * Term weights: idf of the question's terms. With the query analysis (src/core/query), the question is read
 * with chat forms written out and typos corrected, and its synonyms count at their fitted weight; a
 * follow-up's previous question counts half.
 */
export function askedQuestion(question: string, history: AnswerRequest['history'], idf: (t: string) => number, query?: QueryAnalysis): QuestionTerms {
  const expansions = new Map<string, number>();
  const text = query?.corrected ?? question;
  const own = new Set(terms(text));
  for (const t of query?.terms ?? []) if (t.source !== 'original' && !own.has(t.term)) expansions.set(t.term, Math.max(expansions.get(t.term) ?? 0, t.weight));
  const previous = history.at(-1);
  if (previous && isFollowUp(question)) for (const t of terms(previous.question)) if (!expansions.has(t)) expansions.set(t, 0.5);
  const q = analyseTerms(text, idf, expansions);
  // Names as typed: a spelling correction must not turn a name the corpus lacks ("Peru") into a word it has ("per").
  if (query) q.names = [...new Set([...analyseTerms(question, idf).names, ...q.names])];
  for (const t of query?.terms ?? []) {
    if (t.source === 'spelling') q.corrected.add(t.term);
    const from = t.from && terms(t.from)[0];
    if ((t.source === 'synonym' || t.source === 'variant') && from && q.own.has(from)) q.variants.set(from, [...(q.variants.get(from) ?? []), t.term]);
  }
  for (const o of query?.opposites ?? []) if (q.own.has(o.from)) q.opposites.set(o.from, [...(q.opposites.get(o.from) ?? []), o.term]);
  for (const o of query?.thesaurus ?? []) {
    if (!q.own.has(o.from)) continue;
    const list = q.thesaurus.get(o.from);
    if (list) list.push(o.term);
    else q.thesaurus.set(o.from, [o.term]);
  }
  if (previous && isFollowUp(question)) for (const w of words(previous.question)) q.words.add(w);
  return q;
}
