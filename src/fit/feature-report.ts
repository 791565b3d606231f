/** One question the abstention model is fitted on: its set, its features, and whether the corpus answers it. */
export interface FeatureRow {
  set: string;
  x: readonly number[];
  answerable: boolean;
}

/**
 * How each yes/no abstention feature behaves in each fit set: on how many questions it fires, and how many of those
 * are answerable, against the set's share of answerable questions. The model gives a feature one weight for every
 * set, so a feature that is a sure sign in one set and noise in another gets a weak weight: "the asked kind of
 * number is missing" fired on 31 fitted chat questions, none answerable, and on 31 SQuAD ones, 8 answerable
 * (session 48). Features with other values than 0 and 1 (scores, shares, products) are left out.
 */
export function featureReport(rows: readonly FeatureRow[], names: readonly string[]): string {
  const sets = [...new Set(rows.map((r) => r.set))];
  const binary = names.map((_, i) => rows.every((r) => r.x[i] === 0 || r.x[i] === 1));
  const count = (set: string, fires: (r: FeatureRow) => boolean) => {
    const hit = rows.filter((r) => r.set === set && fires(r));
    return `${hit.filter((r) => r.answerable).length}/${hit.length}`;
  };
  const head = `${'answerable/fired'.padEnd(22)} ${sets.map((s) => s.padEnd(12)).join(' ')}`;
  const base = `${'(all questions)'.padEnd(22)} ${sets.map((s) => count(s, () => true).padEnd(12)).join(' ')}`;
  const lines = names.flatMap((name, i) =>
    binary[i] && rows.some((r) => r.x[i] === 1) ? [`${name.padEnd(22)} ${sets.map((s) => count(s, (r) => r.x[i] === 1).padEnd(12)).join(' ')}`] : [],
  );
  return [head, base, ...lines].join('\n');
}
