/**
 * The rule lexicons of data/lexicon/*.txt: one entry per line, `#` comments, optional TAB-separated
 * second column (a canonical name or a mode). Loaded once per folder; pure parsing is exported for tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataPath } from '../../paths.js';

export type OrgSuffixMode = 'strong' | 'weak' | 'alone';
export type ProgramCueMode = 'alone' | 'stem' | 'quoted';

/** A word list that answers "which entry starts (or ends) here?" by longest match. */
export class WordList {
  readonly words: ReadonlySet<string>;
  /** Lengths present, longest first. */
  readonly lengths: readonly number[];
  /**
   * The entries as a trie of UTF-16 units, forwards (`fwd`, for longestAt) and backwards (`bwd`, for
   * longestEndingAt): a lookup (several per character of every text) walks it by char code and allocates no
   * substring. Node 0 is the root; `next` maps `node * 0x10000 + code` to the child node, and `ends[node]` is 1
   * where an entry ends.
   */
  private readonly fwd: Trie;
  private readonly bwd: Trie;

  constructor(words: Iterable<string>) {
    const set = new Set<string>();
    for (const w of words) if (w.length > 0) set.add(w);
    this.words = set;
    this.lengths = [...new Set([...set].map((w) => w.length))].sort((a, b) => b - a);
    this.fwd = buildTrie(set, false);
    this.bwd = buildTrie(set, true);
  }

  has(w: string): boolean {
    return this.words.has(w);
  }

  /** Length of the longest entry starting at `i` (0 if none). */
  longestAt(text: string, i: number, maxLen = Infinity): number {
    if (i < 0 || i >= text.length) return 0;
    const { first, next, ends } = this.fwd;
    const c0 = text.charCodeAt(i);
    if (first[c0] !== 1) return 0;
    const limit = Math.min(text.length, i + maxLen);
    let node = 0;
    let best = 0;
    for (let k = i; k < limit; k++) {
      const child = next.get(node * 0x10000 + text.charCodeAt(k));
      if (child === undefined) break;
      node = child;
      if (ends[node] === 1) best = k - i + 1;
    }
    return best;
  }

  /** Length of the longest entry ending at `end` (exclusive), 0 if none. */
  longestEndingAt(text: string, end: number, minStart = 0): number {
    if (end < 1 || end > text.length) return 0;
    const { first, next, ends } = this.bwd;
    const c0 = text.charCodeAt(end - 1);
    if (first[c0] !== 1) return 0;
    const limit = Math.max(minStart, 0);
    let node = 0;
    let best = 0;
    for (let k = end - 1; k >= limit; k--) {
      const child = next.get(node * 0x10000 + text.charCodeAt(k));
      if (child === undefined) break;
      node = child;
      if (ends[node] === 1) best = end - k;
    }
    return best;
  }
}

interface Trie {
  /** first[code] = 1 when some entry opens (fwd) or closes (bwd) with that unit. */
  first: Uint8Array;
  next: Map<number, number>;
  ends: Uint8Array;
}

function buildTrie(words: ReadonlySet<string>, backwards: boolean): Trie {
  const first = new Uint8Array(0x10000);
  const next = new Map<number, number>();
  const endList: number[] = [0];
  let nodes = 1;
  for (const w of words) {
    let node = 0;
    for (let j = 0; j < w.length; j++) {
      const c = w.charCodeAt(backwards ? w.length - 1 - j : j);
      let child = next.get(node * 0x10000 + c);
      if (child === undefined) {
        child = nodes++;
        endList.push(0);
        next.set(node * 0x10000 + c, child);
        if (node === 0) first[c] = 1;
      }
      node = child;
    }
    endList[node] = 1;
  }
  return { first, next, ends: Uint8Array.from(endList) };
}

export interface Lexicons {
  surnames: WordList;
  titles: WordList;
  personCues: WordList;
  orgSuffixes: Map<string, OrgSuffixMode>;
  orgSuffixList: WordList;
  organizations: Map<string, string | undefined>;
  organizationList: WordList;
  placeSuffixes: WordList;
  places: Map<string, string>;
  placeList: WordList;
  abbreviations: Map<string, string>;
  abbreviationList: WordList;
  provinceAbbreviations: Map<string, string>;
  programs: Map<string, string | undefined>;
  programList: WordList;
  programCues: Map<string, ProgramCueMode>;
  programCueList: WordList;
  programModifiers: WordList;
  programTriggers: WordList;
  nonEntities: ReadonlySet<string>;
  /** nonEntities and the terms that are no entity in the graph only (graph-non-entities.txt): for nested readings. */
  graphNonEntities: ReadonlySet<string>;
  /** Elements of Mongolian names (那仁, 满都拉): see mongolianCover. */
  mongolianParts: WordList;
}

/** Parses one lexicon file: rows of TAB-separated fields, comments and blank lines dropped. */
export function parseLexicon(content: string): string[][] {
  const rows: string[][] = [];
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    rows.push(line.split('\t').map((f) => f.trim()));
  }
  return rows;
}

function mapOf<V extends string>(rows: string[][], allowed?: readonly V[]): Map<string, V> {
  const m = new Map<string, V>();
  for (const [k, v] of rows) {
    if (!k) continue;
    if (allowed && !allowed.includes(v as V)) throw new Error(`lexicon: bad mode "${v}" for "${k}"`);
    m.set(k, v as V);
  }
  return m;
}

/** Builds the lexicons from file contents keyed by file name (without .txt). */
export function buildLexicons(files: Record<string, string>): Lexicons {
  const rows = (name: string): string[][] => {
    const c = files[name];
    if (c === undefined) throw new Error(`lexicon: missing ${name}.txt`);
    return parseLexicon(c);
  };
  const first = (name: string): string[] => rows(name).map((r) => r[0]!);
  const orgSuffixes = mapOf<OrgSuffixMode>(rows('org-suffixes'), ['strong', 'weak', 'alone']);
  const organizations = new Map<string, string | undefined>(rows('organizations').map((r) => [r[0]!, r[1]]));
  const places = mapOf<string>(rows('places'));
  const abbreviations = mapOf<string>(rows('abbreviations'));
  const programs = new Map<string, string | undefined>(rows('programs').map((r) => [r[0]!, r[1]]));
  const programCues = mapOf<ProgramCueMode>(rows('program-cues'), ['alone', 'stem', 'quoted']);
  return {
    surnames: new WordList(first('surnames')),
    titles: new WordList(first('titles')),
    personCues: new WordList(first('person-cues')),
    orgSuffixes,
    orgSuffixList: new WordList(orgSuffixes.keys()),
    organizations,
    organizationList: new WordList(organizations.keys()),
    placeSuffixes: new WordList(first('place-suffixes')),
    places,
    placeList: new WordList(places.keys()),
    abbreviations,
    abbreviationList: new WordList(abbreviations.keys()),
    provinceAbbreviations: mapOf<string>(rows('province-abbreviations')),
    programs,
    programList: new WordList(programs.keys()),
    programCues,
    programCueList: new WordList(programCues.keys()),
    programModifiers: new WordList(first('program-modifiers')),
    programTriggers: new WordList(first('program-triggers')),
    nonEntities: new Set(first('non-entities')),
    graphNonEntities: new Set([...first('non-entities'), ...first('graph-non-entities')]),
    mongolianParts: new WordList(first('mongolian-name-parts')),
  };
}

export const LEXICON_FILES = [
  'surnames',
  'titles',
  'person-cues',
  'org-suffixes',
  'organizations',
  'place-suffixes',
  'places',
  'abbreviations',
  'province-abbreviations',
  'programs',
  'program-cues',
  'program-modifiers',
  'program-triggers',
  'non-entities',
  'graph-non-entities',
  'mongolian-name-parts',
] as const;

const cache = new Map<string, Lexicons>();
/** data/lexicon, resolved once (recognize asks for the default lexicons several times per call). */
let defaultDir: string | undefined;

/** The lexicons of `dir` (default data/lexicon), read once. */
export function loadLexicons(dir: string = (defaultDir ??= dataPath('lexicon'))): Lexicons {
  let lex = cache.get(dir);
  if (!lex) {
    const files: Record<string, string> = {};
    for (const f of LEXICON_FILES) files[f] = readFileSync(join(dir, `${f}.txt`), 'utf8');
    lex = buildLexicons(files);
    cache.set(dir, lex);
  }
  return lex;
}
