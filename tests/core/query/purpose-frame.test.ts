import { describe, expect, it } from 'vitest';
import { analyzeQuery } from '../../../src/core/query/analyze-query.js';
import { buildQueryData } from '../../../src/core/query/query-data.js';
import { QueryVocabulary } from '../../../src/core/query/query-vocabulary.js';
import { stem, terms } from '../../../src/core/text.js';

const text = 'The talks were discussed in detail by the head of the department.';
const vocabulary = new QueryVocabulary(buildQueryData([{ id: 'a.txt', hash: '1', text }], null));
const present = new Set(terms(text));
const context = { vocabulary, documentFrequency: (t: string) => (present.has(t) ? 1 : 0) };
const from = (question: string, word: string) => analyzeQuery(question, context).terms.filter((t) => t.from === word).map((t) => t.term);

describe('the noun of "what is the point of…"', () => {
  it('frames a why-question: no WordNet stand-ins ("detail", "head") for it, which would match sentences off the topic', () => {
    // Elsewhere "point" keeps its synonyms the corpus has.
    expect(from('at which point were the talks discussed', 'point')).toEqual(expect.arrayContaining([stem('detail')]));
    expect(from("whats the point of the talks", 'point')).toEqual([]);
    expect(from('what was the point of the talks', 'point')).toEqual([]);
    // The noun itself stays a term, so a sentence that says "the point of the talks is…" still matches it.
    expect(analyzeQuery('what was the point of the talks', context).terms.map((t) => t.term)).toContain('point');
  });
});
