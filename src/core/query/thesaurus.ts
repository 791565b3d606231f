import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isStopword, stem } from '../text.js';

/** The word list parsed once: every line's head and words as ids of their stems. */
interface Parsed {
  stems: string[];
  /** Per line: its head's stem id, then where its words' stem ids start in `words` (a line's end is the next's start). */
  heads: Int32Array;
  starts: Int32Array;
  words: Int32Array;
}

/** Parsed lists by file, so a process that ingests often (the tests, the watcher) reads each once. */
const parsedFiles = new Map<string, Parsed>();

/**
 * The Moby thesaurus (Grady Ward's, public domain), as the `moby` package
 * ships it: `words.txt`, one line per head word followed by the words a writer
 * might use in its place, comma-separated. WordNet relates words that share a
 * sense; Moby also lists the looser stand-ins that chat wording leans on and
 * WordNet lacks ("hope" → plan, "order" → directive, "act" → decree, "bloc" →
 * member). It leaves out opposites ("refuse" is not listed with "agree" or
 * "join"), which word vectors do not: that is why it can tell a paraphrase
 * from a changed question where GloVe could not (session-10 note on issue 8).
 *
 * Its lists are long (about 80 words a head) and loose, so only ingest reads
 * it: for question words the corpus lacks, it keeps the corpus stems they may
 * stand for, and the answerer counts those as a feature of their own, never in
 * the keyword search. Reading the list costs ~1 s once per process (24 MB,
 * kept as ~10 MB of stem ids); deriving a corpus's links from it ~0.1 s.
 */
export class MobyThesaurus {
  private constructor(
    private readonly file: string,
    readonly version: string,
  ) {}

  /** The word list of the installed `moby` package. */
  static load(): MobyThesaurus {
    const require = createRequire(import.meta.url);
    const manifest = require.resolve('moby/package.json');
    const { version } = require('moby/package.json') as { version: string };
    return new MobyThesaurus(path.join(path.dirname(manifest), 'words.txt'), `moby@${version}`);
  }

  /** A thesaurus read from another file of the same format (tests). */
  static fromFile(file: string, version = 'test'): MobyThesaurus {
    return new MobyThesaurus(file, version);
  }

  /**
   * Stem the corpus lacks → space-separated corpus stems it may stand for, the
   * most often linked first, at most `max` of them. A link counts whichever way
   * Moby lists it (head to word or word to head); multi-word entries and
   * stopwords are left out.
   */
  links(corpusStems: ReadonlySet<string>, max: number): Record<string, string> {
    const { stems, heads, starts, words } = this.parsed();
    const inCorpus = new Uint8Array(stems.length);
    stems.forEach((s, i) => (inCorpus[i] = corpusStems.has(s) ? 1 : 0));
    const found = new Map<number, Map<number, number>>(); // absent stem → corpus stem → times linked
    const add = (from: number, to: number) => {
      let m = found.get(from);
      if (!m) found.set(from, (m = new Map()));
      m.set(to, (m.get(to) ?? 0) + 1);
    };
    for (let line = 0; line < heads.length; line++) {
      const head = heads[line]!;
      const end = line + 1 < heads.length ? starts[line + 1]! : words.length;
      for (let i = starts[line]!; i < end; i++) {
        const s = words[i]!;
        if (s === head) continue;
        if (inCorpus[s] && !inCorpus[head]) add(head, s);
        else if (inCorpus[head] && !inCorpus[s]) add(s, head);
      }
    }
    const out: Record<string, string> = {};
    for (const [from, targets] of found)
      out[stems[from]!] = [...targets]
        .map(([t, n]) => [stems[t]!, n] as const)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, max)
        .map(([t]) => t)
        .join(' ');
    return out;
  }

  /** ~1 s for the 24 MB list, once per process. */
  private parsed(): Parsed {
    const had = parsedFiles.get(this.file);
    if (had) return had;
    const stems: string[] = [];
    const stemIds = new Map<string, number>();
    const wordIds = new Map<string, number>(); // word → stem id, -1: not a word kept
    const idOf = (w: string): number => {
      let id = wordIds.get(w);
      if (id !== undefined) return id;
      id = -1;
      if (/^[a-z]{3,}$/.test(w) && !isStopword(w)) {
        const s = stem(w);
        id = stemIds.get(s) ?? -1;
        if (id < 0) stemIds.set(s, (id = stems.push(s) - 1));
      }
      wordIds.set(w, id);
      return id;
    };
    const heads: number[] = [];
    const starts: number[] = [];
    const words: number[] = [];
    for (const line of readFileSync(this.file, 'utf8').toLowerCase().split('\n')) {
      const comma = line.indexOf(',');
      const head = comma < 0 ? -1 : idOf(line.slice(0, comma));
      if (head < 0) continue;
      heads.push(head);
      starts.push(words.length);
      for (const w of line.slice(comma + 1).split(',')) {
        const id = idOf(w);
        if (id >= 0 && id !== head) words.push(id);
      }
    }
    const parsed = { stems, heads: Int32Array.from(heads), starts: Int32Array.from(starts), words: Int32Array.from(words) };
    parsedFiles.set(this.file, parsed);
    return parsed;
  }
}
