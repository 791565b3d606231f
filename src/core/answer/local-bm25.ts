/** Okapi BM25 of each unit against the question's own terms, with idf over the units themselves (as the naive baseline ranks sentences). */
export function localBm25(own: ReadonlySet<string>, units: ReadonlyArray<{ terms: ReadonlySet<string>; seq: readonly string[] }>): number[] {
  const df = new Map<string, number>();
  let total = 0;
  for (const u of units) {
    total += u.seq.length;
    for (const t of u.terms) if (own.has(t)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const avg = total / (units.length || 1) || 1;
  const n = units.length;
  return units.map((u) => {
    const tf = new Map<string, number>();
    for (const t of u.seq) if (own.has(t)) tf.set(t, (tf.get(t) ?? 0) + 1);
    let score = 0;
    for (const [t, f] of tf) {
      const d = df.get(t)!;
      const idf = Math.log(1 + (n - d + 0.5) / (d + 0.5));
      score += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * u.seq.length) / avg));
    }
    return score;
  });
}
