import { terms } from '../text.js';

/** Words that point back at the previous turn, and openers that continue it. */
const POINTS_BACK = /\b(it|its|they|them|their|this|that|those|these|he|she|him|his|her|there|then)\b|^\s*(and|but|also|so|what about|how about)\b/i;
/** A name or a number after the first word: a short question that brings its own subject ("What is the capital of France?"). */
const OWN_SUBJECT = /\s(\p{Lu}|\p{N})/u;

/**
 * Does the question lean on the turn before it? A pronoun, a continuing
 * opener, or too few content words to stand alone and no name of its own
 * ("why?", "when exactly?").
 */
export function isFollowUp(question: string): boolean {
  return POINTS_BACK.test(question) || (terms(question).length <= 2 && !OWN_SUBJECT.test(question));
}
