import type { Turn } from '../types.js';
import { isFollowUp } from './follow-up.js';
import { mentions, type Mention } from './mentions.js';
import type { QuestionRewriter, Rewrite } from './question-rewriter.js';

type Kind = 'thing' | 'group' | 'person' | 'place';

const PRONOUN = /\b(it|its|they|them|their|theirs|this|that|these|those|he|she|him|his|her|there)\b(\s+[\p{L}\p{N}'’-]+)?/giu;
// After a demonstrative, these mean it stands alone ("was that before…"); any other word makes it a determiner ("that year").
const AFTER_PRONOUN = /^(is|was|were|are|be|been|has|have|had|did|does|do|will|would|can|could|should|may|might|mean|means|meant|happen|happened|end|ended|start|started|begin|began|in|on|at|by|for|from|to|with|about|before|after|during|since|until|and|or|but)$/i;

const KIND: Record<string, Kind> = {
  it: 'thing', its: 'thing', this: 'thing', that: 'thing',
  they: 'group', them: 'group', their: 'group', theirs: 'group', these: 'group', those: 'group',
  he: 'person', she: 'person', him: 'person', his: 'person', her: 'person',
  there: 'place',
};
const POSSESSIVE = new Set(['its', 'their', 'his']);

/**
 * Rewrites a follow-up without a model: each pronoun becomes the noun phrase
 * of the previous turn it most likely stands for (the previous question
 * first, then its answer), so "and who backed it?" after "When was the
 * Karabakh ceasefire introduced?" becomes "Who backed the Karabakh
 * ceasefire?". A follow-up without a pronoun ("what about Armenia?") swaps or
 * adds the previous topic. Linear in the question and the turn it reads.
 */
export class HeuristicRewriter implements QuestionRewriter {
  async rewrite(question: string, history: readonly Turn[]): Promise<Rewrite> {
    const previous = history.at(-1);
    if (!previous || !isFollowUp(question)) return { question, by: 'none' };
    const fromQuestion = await mentions(previous.question);
    // The answer is tagged only when the previous question lacks what a pronoun needs: the tagger took 31 ms a
    // sentence on the shared 2-core machine at load 18 (mean of 50 runs).
    const kinds = new Set<Kind>(['thing']);
    for (const m of question.matchAll(PRONOUN)) kinds.add(KIND[m[1]!.toLowerCase()]!);
    const needAnswer = previous.answer && [...kinds].some((k) => !choose(k, fromQuestion));
    const fromAnswer = needAnswer ? await mentions(firstSentences(previous.answer)) : [];
    const pick = (kind: Kind) => choose(kind, fromQuestion) ?? choose(kind, fromAnswer);

    let replaced = false;
    let text = question.replace(PRONOUN, (whole, pronoun: string, next: string | undefined, offset: number) => {
      const lower = pronoun.toLowerCase();
      const following = next?.trim();
      if (/^(this|that|these|those)$/.test(lower) && following && !AFTER_PRONOUN.test(following)) return whole;
      const target = pick(KIND[lower]!);
      if (!target) return whole;
      replaced = true;
      const possessive = POSSESSIVE.has(lower) || (lower === 'her' && following !== undefined && !AFTER_PRONOUN.test(following));
      const noun = offset === 0 ? target.text : lowerArticle(target.text);
      const before = question.slice(Math.max(0, offset - 5), offset);
      if (lower === 'there' && !/\b(in|at|from|to|near)\s+$/i.test(before)) return `in ${noun}${next ?? ''}`;
      return `${possessive ? `${noun}’s` : noun}${next ?? ''}`;
    });

    if (!replaced) {
      const topic = pick('thing') ?? fromQuestion[0];
      const about = /^\s*(?:and\s+|but\s+)?(?:what|how)\s+about\s+(.+?)[?.!]*\s*$/i.exec(question);
      if (about && topic && previous.question.includes(topic.text)) text = previous.question.replace(topic.text, about[1]!);
      else if (topic) text = aboutTopic(question, topic);
      else text = `${stripEnd(question)} (${stripEnd(previous.question)})?`;
    }
    return { question: tidy(text), by: 'heuristic' };
  }
}

/**
 * A later part of a message in parts that leans on the one before ("how much gold was found, and which paper
 * reported it"): the part with the earlier part's topic added, "which paper reported it (about gold)". The part's own
 * pronouns are kept, as they may point inside it ("what year did az say it got its sovereignty back").
 */
export async function withEarlierTopic(part: string, earlier: string): Promise<string> {
  if (!isFollowUp(part)) return part;
  const list = await mentions(earlier);
  const topic = choose('thing', list) ?? list[0];
  return topic ? aboutTopic(part, topic) : part;
}

/** The question with the topic it leaves unsaid: "when was it launched (about the ceasefire call)?". */
const aboutTopic = (question: string, topic: Mention) => `${stripEnd(question)} (about ${lowerArticle(topic.text)})?`;

function choose(kind: Kind, list: Mention[]): Mention | undefined {
  switch (kind) {
    case 'person':
      return list.find((m) => m.person);
    case 'place':
      return list.find((m) => m.place);
    case 'group':
      return list.find((m) => m.plural && !m.person) ?? list.find((m) => !m.person && /^\p{Lu}/u.test(m.text));
    case 'thing':
      return list.find((m) => !m.person && !m.plural) ?? list.find((m) => !m.person);
  }
}

/** The answer's opening, where its subject is named; citation markers dropped. */
function firstSentences(answer: string): string {
  return answer.replace(/\[\d+\]/g, '').slice(0, 400);
}

const stripEnd = (s: string) => s.trim().replace(/[?.!\s]+$/, '');
const lowerArticle = (s: string) => s.replace(/^(The|A|An)\b/, (a) => a.toLowerCase());

/** Drops the continuing opener ("and", "but") and capitalises what remains. */
function tidy(s: string): string {
  const t = s.replace(/^\s*(and|but|also|so|then)\b[\s,]*/i, '').replace(/\s+/g, ' ').trim();
  return t ? t[0]!.toUpperCase() + t.slice(1) : s.trim();
}
