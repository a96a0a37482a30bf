/**
 * Feature extraction for the character tagger. Every UTF-16 unit of the text gets exactly NUM_TEMPLATES
 * feature slots; a slot holds a 32-bit hash of (template id, values) or 0 when the template does not fire.
 * Hashing numbers instead of building strings keeps extraction allocation-free and fast (the decoder's
 * speed is dominated by it), and the same function serves training and run time, so they cannot drift.
 */
import type { Token } from '../../types.js';
import { U32Map } from './u32map.js';
import { Scratch } from './scratch.js';
import { mayHold, presenceFilter } from './presence.js';
import { firstUnits } from '../../text/units.js';
import { DOUBLE_SURNAMES, HAN_NUMERALS, ORG_SUFFIX_WORDS, PLACE_SUFFIX_CHARS, PLACE_SUFFIX_WORDS, SINGLE_SURNAMES } from './lexicon.js';

/** Bump when the templates change: a model trained with other templates is refused at load time. */
export const FEATURE_VERSION = 7;
export const NUM_TEMPLATES = 47;

const BOS = 0x02;
const EOS = 0x03;

// Word-position codes of a character inside its jieba word; NONE when jieba dropped it.
const WB = 0;
const WM = 1;
const WE = 2;
const WS = 3;
const NONE = 4;

/** murmur3's finalizer: spreads the bits so that nearby inputs land far apart. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function step(h: number, v: number): number {
  return Math.imul(h ^ v, 0x01000193);
}

function nz(h: number): number {
  return h === 0 ? 1 : h;
}

// h1/h2/h3 spell out step, fmix and nz (the same arithmetic) so that each is one small function: the
// extractor calls them ~40 times per unit, and V8 inlines a small leaf where it stops inlining nested calls.
// They return the hash as a signed 32-bit integer, which the Uint32Array slot they are stored into reads as the
// same bits: `h >>> 0` above 2^31 is no small integer, and where V8 did not inline the call (the extractor's
// loops exceed its inlining budget) it boxed every second hash as a heap number (~12 % of what `recognize`
// allocated on People's Daily dev).
function h1(t: number, a: number): number {
  let h = Math.imul(Math.imul(0x811c9dc5 ^ t, 0x01000193) ^ a, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h === 0 ? 1 : h;
}
function h2(t: number, a: number, b: number): number {
  let h = Math.imul(Math.imul(Math.imul(0x811c9dc5 ^ t, 0x01000193) ^ a, 0x01000193) ^ b, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h === 0 ? 1 : h;
}
function h3(t: number, a: number, b: number, c: number): number {
  let h = Math.imul(Math.imul(Math.imul(Math.imul(0x811c9dc5 ^ t, 0x01000193) ^ a, 0x01000193) ^ b, 0x01000193) ^ c, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h === 0 ? 1 : h;
}

/** Hash of a string's normalized code units (for words and POS tags). */
export function hashString(s: string): number {
  let h = 0x9747b28c;
  for (let i = 0; i < s.length; i++) h = step(h, normUnit(s.charCodeAt(i)));
  return fmix(h);
}

/**
 * Normalizes a code unit for n-gram features: full-width ASCII to ASCII, ideographic space to space,
 * every digit to 0 (numbers are never names, and their values do not matter), Latin to lower case.
 */
export function normUnit(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  else if (c === 0x3000) c = 0x20;
  if (c >= 48 && c <= 57) return 48;
  if (c >= 65 && c <= 90) return c + 32;
  return c;
}

/** Character classes: 1 digit, 2 Latin, 3 punctuation/symbol, 4 Han, 5 space, 6 surrogate, 7 Han numeral, 0 other. */
export function charClass(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  if (c >= 48 && c <= 57) return 1;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return 2;
  if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000 || c === 0xa0) return 5;
  if (c >= 0xd800 && c <= 0xdfff) return 6;
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) {
    return HAN_NUMERAL_CODES.has(c) ? 7 : 4;
  }
  if (c < 128 || (c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef)) return 3;
  return 0;
}

const HAN_NUMERAL_CODES = new Set([...HAN_NUMERALS].map((s) => s.charCodeAt(0)));

/** Flags of the single-unit surnames and place suffixes. */
const SURNAME_CODES = firstUnits(SINGLE_SURNAMES);
const PLACE_SUFFIX_CODES = firstUnits(PLACE_SUFFIX_CHARS);
/** First units of the double surnames: only there is a two-unit slice compared with the list. */
const DOUBLE_SURNAME_FIRST = firstUnits(DOUBLE_SURNAMES);
/** charClass of every code unit, computed once. */
const CHAR_CLASS = (() => {
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) t[c] = charClass(c);
  return t;
})();
const MAX_SUFFIX = 6;

/**
 * Word lists matched without building substrings: words are keyed by a hash of their units read backwards
 * (for "ends here") or forwards (for "starts here"); value 0 marks a proper prefix, so a scan stops as soon
 * as no listed word can continue.
 */
function reverseHash(s: string): number {
  let h = 0x3c6ef372;
  for (let i = s.length - 1; i >= 0; i--) h = step(h, normUnit(s.charCodeAt(i)));
  return h;
}
function forwardHash(s: string): number {
  let h = 0x3c6ef372;
  for (let i = 0; i < s.length; i++) h = step(h, normUnit(s.charCodeAt(i)));
  return h;
}
function wordTable(words: readonly string[], hash: (s: string) => number, reverse: boolean): U32Map {
  const m = new Map<number, number>();
  for (const w of words) {
    for (let len = 1; len < w.length; len++) {
      const part = reverse ? w.slice(w.length - len) : w.slice(0, len);
      const k = fmix(hash(part));
      if (!m.has(k)) m.set(k, 0);
    }
    m.set(fmix(hash(w)), w.length);
  }
  return new U32Map(m);
}
const ORG_ENDING = wordTable(ORG_SUFFIX_WORDS, reverseHash, true);
const ORG_STARTING = wordTable(ORG_SUFFIX_WORDS, forwardHash, false);
const PLACE_ENDING = wordTable(PLACE_SUFFIX_WORDS, reverseHash, true);

/**
 * One flag per normalized unit c: 1 when `table` holds the key of the one-unit scan from c with hash seed `seed`.
 * Built once per table and seed, on first use (`cache`).
 */
function unitFlags(cache: WeakMap<U32Map, Uint8Array>, table: U32Map, seed: number): Uint8Array {
  let flags = cache.get(table);
  if (!flags) {
    flags = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) if (table.get(fmix(step(seed, c))) >= 0) flags[c] = 1;
    cache.set(table, flags);
  }
  return flags;
}

/**
 * Whether a wordTable holds the one-unit word c, i.e. whether a scan of endingAt or startingAt goes on past its first
 * unit c (unitFlags).
 */
const firstSteps = new WeakMap<U32Map, Uint8Array>();
const firstStep = (table: U32Map): Uint8Array => unitFlags(firstSteps, table, 0x3c6ef372);

/**
 * Key (non-zero) of the longest listed word ending at `end` (exclusive) with length ≥ minLen; 0 if none. `first` is
 * firstStep(table).
 */
function endingAt(u: Int32Array, end: number, table: U32Map, first: Uint8Array, minLen: number): number {
  if (end >= 1 && first[u[end + 1]!] !== 1) return 0;
  let h = 0x3c6ef372;
  let best = 0;
  for (let len = 1; len <= MAX_SUFFIX && end - len >= 0; len++) {
    h = step(h, u[end - len + 2]!);
    const k = fmix(h);
    const v = table.get(k);
    if (v < 0) break;
    if (v > 0 && len >= minLen) best = nz(k);
  }
  return best;
}

/** Key of the longest listed word starting at `start`; 0 if none. `first` is firstStep(table). */
function startingAt(u: Int32Array, n: number, start: number, table: U32Map, first: Uint8Array): number {
  if (start + 1 <= n && first[u[start + 2]!] !== 1) return 0;
  let h = 0x3c6ef372;
  let best = 0;
  for (let len = 1; len <= MAX_SUFFIX && start + len <= n; len++) {
    h = step(h, u[start + len + 1]!);
    const k = fmix(h);
    const v = table.get(k);
    if (v < 0) break;
    if (v > 0) best = nz(k);
  }
  return best;
}

/** Lexicon entry types (bit flags): person, place, organization names, other proper nouns. */
export const LEX_PER = 1;
export const LEX_LOC = 2;
export const LEX_ORG = 4;
export const LEX_NZ = 8;
/** Names annotated in the training corpus (person, place, organization). */
export const LEX_GOLD_PER = 16;
export const LEX_GOLD_LOC = 32;
export const LEX_GOLD_ORG = 64;
const LEX_TYPES = [LEX_PER, LEX_LOC, LEX_ORG, LEX_NZ, LEX_GOLD_PER, LEX_GOLD_LOC, LEX_GOLD_ORG];
const NLEX = LEX_TYPES.length;
/**
 * Gazetteer entry kinds (from shipped resources, see gazetteer.ts): administrative divisions of county level
 * and above, their stems/abbreviations (河北, 科左中旗), townships, township stems, world places.
 */
export const LEX_DIV_HIGH = 128;
export const LEX_DIV_HIGH_STEM = 256;
export const LEX_DIV_TOWN = 512;
export const LEX_DIV_TOWN_STEM = 1024;
export const LEX_WORLD = 2048;
const GAZ_TYPES = [LEX_DIV_HIGH, LEX_DIV_HIGH_STEM, LEX_DIV_TOWN, LEX_DIV_TOWN_STEM, LEX_WORLD];
const NGAZ = GAZ_TYPES.length;
const GAZ_MASK = GAZ_TYPES.reduce((a, b) => a | b, 0);
const LEX_MAX_LEN = 10;

/**
 * A name lexicon, keyed by `hashString` of the word so that matching needs no substring allocation: jieba's
 * dictionary names (words tagged nr/nrt/nrfg, ns, nt, nz) plus the names annotated in the training corpus
 * (during training each sentence sees only the names of *other* folds, so the model learns how far a
 * lexicon hit can be trusted on unseen text). It travels inside the model file, so training and run time
 * always match against the same list.
 */
export interface Lexicon {
  types: Map<number, number>;
  maxLen: number;
}

export function buildLexicon(entries: Iterable<readonly [string, number]>): Lexicon {
  const types = new Map<number, number>();
  let maxLen = 0;
  for (const [w, t] of entries) {
    if (w.length < 2 || w.length > LEX_MAX_LEN || t === 0) continue;
    // Proper prefixes are entered with type 0 so that matching can stop where no word continues.
    let h = 0x9747b28c;
    for (let i = 0; i < w.length; i++) {
      h = step(h, normUnit(w.charCodeAt(i)));
      const k = fmix(h);
      if (i === w.length - 1) types.set(k, (types.get(k) ?? 0) | t);
      else if (!types.has(k)) types.set(k, 0);
    }
    maxLen = Math.max(maxLen, w.length);
  }
  return { types, maxLen };
}

export const EMPTY_LEXICON: Lexicon = { types: new Map(), maxLen: 0 };

/** A lexicon's types in a typed table (built once per lexicon; `Lexicon.types` stays the public form). */
const typedLexicons = new WeakMap<Lexicon, U32Map>();
export function typedTypes(lex: Lexicon): U32Map {
  let t = typedLexicons.get(lex);
  if (!t) typedLexicons.set(lex, (t = new U32Map(lex.types)));
  return t;
}

/** A lexicon that matches through `table` (made by `typedTypes` elsewhere); its `types` Map stays empty. */
export function lexiconFromTable(table: U32Map, maxLen: number): Lexicon {
  const lex: Lexicon = { types: new Map(), maxLen };
  typedLexicons.set(lex, table);
  return lex;
}

/**
 * Whether a lexicon's word or proper prefix opens with the unit c, i.e. whether lexiconPositions' first lookup from c
 * lets the scan go on (unitFlags).
 */
const openings = new WeakMap<U32Map, Uint8Array>();
const openingUnits = (table: U32Map): Uint8Array => unitFlags(openings, table, 0x9747b28c);

/**
 * For each unit and lexicon type, the positions (1 begin, 2 middle, 4 end) it takes in lexicon words of that
 * type found anywhere in the text, or-ed into `out` (n × NLEX, zeroed). Overlapping matches are all kept: the
 * model weighs them.
 */
function lexiconPositions(out: Uint8Array, u: Int32Array, n: number, lex: Lexicon, gazStart: Int32Array, gazEnd: Int32Array): void {
  if (lex.maxLen === 0) return;
  const types = typedTypes(lex);
  const filter = presenceFilter(types.tables().keys);
  const opening = openingUnits(types);
  for (let i = 0; i < n; i++) {
    // The first step (j = i) only decides whether the scan goes on (a one-unit word is no entry): whether the unit
    // opens a word or prefix, read from the flags made of that very lookup, so the scan starts at the second unit.
    if (opening[u[i + 2]!] !== 1) continue;
    let h = step(0x9747b28c, u[i + 2]!);
    const lim = Math.min(n, i + lex.maxLen);
    for (let j = i + 1; j < lim; j++) {
      h = step(h, u[j + 2]!);
      const key = fmix(h);
      // Most keys are not in the table (a scan stops at the first): the bitset says so without a probe.
      const t = key !== 0 && !mayHold(filter, key) ? -1 : types.get(key);
      if (t < 0) break;
      if (t === 0 || j === i) continue;
      if (t & GAZ_MASK) {
        // Gazetteer kinds keep, per unit, the longest entry covering it (start, end exclusive).
        for (let g = 0; g < NGAZ; g++) {
          if (!(t & GAZ_TYPES[g]!)) continue;
          for (let m = i; m <= j; m++) {
            const x = m * NGAZ + g;
            if (gazEnd[x]! - gazStart[x]! < j + 1 - i) {
              gazStart[x] = i;
              gazEnd[x] = j + 1;
            }
          }
        }
      }
      for (let k = 0; k < NLEX; k++) {
        if (!(t & LEX_TYPES[k]!)) continue;
        out[i * NLEX + k]! |= 1;
        for (let m = i + 1; m < j; m++) out[m * NLEX + k]! |= 2;
        out[j * NLEX + k]! |= 4;
      }
    }
  }
}

const NOPOS = 0x5a5a5a5a;

/**
 * The feature slots whose hashes the model mostly does not hold (on People's Daily dev 15–85 % of them miss:
 * character bigrams, trigrams and the skip bigram, templates 6–13; the word and its neighbours, 16, 19, 20), marked
 * 1: the decoder tests them against a presence filter before it probes the table (decode.ts `emissionsFromHashes`).
 * Which slots are marked changes how fast a lookup is, never what it finds.
 */
export const SPARSE_SLOTS: Uint8Array = (() => {
  const marks = new Uint8Array(NUM_TEMPLATES);
  for (const t of [6, 7, 8, 9, 10, 11, 12, 13, 16, 19, 20]) marks[t - 1] = 1;
  return marks;
})();

/** Templates 1–13 (character n-grams in ±2, skip bigram) and 21 (character classes) of every unit. */
function ngramFeatures(out: Uint32Array, u: Int32Array, cls: Uint8Array, n: number): void {
  const F = NUM_TEMPLATES;
  for (let i = 0; i < n; i++) {
    const o = i * F;
    const p = i + 2;
    const a = u[p - 2]!;
    const b = u[p - 1]!;
    const c = u[p]!;
    const d = u[p + 1]!;
    const e = u[p + 2]!;
    out[o] = h1(1, a);
    out[o + 1] = h1(2, b);
    out[o + 2] = h1(3, c);
    out[o + 3] = h1(4, d);
    out[o + 4] = h1(5, e);
    out[o + 5] = h2(6, a, b);
    out[o + 6] = h2(7, b, c);
  }
  for (let i = 0; i < n; i++) {
    const o = i * F;
    const p = i + 2;
    const a = u[p - 2]!;
    const b = u[p - 1]!;
    const c = u[p]!;
    const d = u[p + 1]!;
    const e = u[p + 2]!;
    out[o + 7] = h2(8, c, d);
    out[o + 8] = h2(9, d, e);
    out[o + 9] = h3(10, a, b, c);
    out[o + 10] = h3(11, b, c, d);
    out[o + 11] = h3(12, c, d, e);
    out[o + 12] = h2(13, b, d);
    out[o + 20] = h3(21, cls[i]!, cls[i + 1]!, cls[i + 2]!);
  }
}

/** Templates 14–20 (jieba word position, POS, word, neighbouring words), 29, 30 (bias), 31 and 32. */
function wordFeatures(
  out: Uint32Array,
  u: Int32Array,
  bmes: Uint8Array,
  tok: Int32Array,
  posH: Int32Array,
  wordH: Int32Array,
  lenB: Uint8Array,
  n: number,
  numTokens: number,
): void {
  const F = NUM_TEMPLATES;
  for (let i = 0; i < n; i++) {
    const o = i * F;
    const wb = bmes[i]!;
    const k = tok[i]!;
    const pos = k >= 0 ? posH[k]! : NOPOS;
    out[o + 13] = h2(14, wb, pos);
    out[o + 14] = h1(15, pos);
    out[o + 15] = k >= 0 ? h2(16, wordH[k]!, wb) : h1(16, wb);
    out[o + 28] = h3(29, k >= 0 ? lenB[k]! : 0, pos, wb);
    out[o + 29] = h1(30, 0); // bias
  }
  for (let i = 0; i < n; i++) {
    const o = i * F;
    const c = u[i + 2]!;
    const wb = bmes[i]!;
    const k = tok[i]!;
    const pos = k >= 0 ? posH[k]! : NOPOS;
    // Neighbouring words: which words precede/follow the current one (titles, verbs of saying, 省/市 …).
    const prevK = k >= 0 ? k - 1 : -1;
    const nextK = k >= 0 && k + 1 < numTokens ? k + 1 : -1;
    out[o + 16] = h2(17, prevK >= 0 ? posH[prevK]! : NOPOS, wb);
    out[o + 17] = h2(18, nextK >= 0 ? posH[nextK]! : NOPOS, wb);
    out[o + 18] = h2(19, prevK >= 0 ? wordH[prevK]! : NOPOS, wb);
    out[o + 19] = h2(20, nextK >= 0 ? wordH[nextK]! : NOPOS, wb);
    out[o + 30] = h2(31, c, wb);
    // Previous word's POS with the current one: "nr after v", "ns before n" …
    out[o + 31] = h3(32, prevK >= 0 ? posH[prevK]! : NOPOS, pos, wb);
  }
}

/**
 * Templates 22–28 and 40–42 (surname, place and organization suffix cues), 33–39 (name-lexicon positions)
 * and 43–47 (gazetteer entries).
 */
function dictionaryFeatures(
  out: Uint32Array,
  text: string,
  u: Int32Array,
  bmes: Uint8Array,
  tok: Int32Array,
  posH: Int32Array,
  lenB: Uint8Array,
  lexPos: Uint8Array,
  gazStart: Int32Array,
  gazEnd: Int32Array,
  n: number,
): void {
  const F = NUM_TEMPLATES;
  const orgEndFirst = firstStep(ORG_ENDING);
  const orgStartFirst = firstStep(ORG_STARTING);
  const placeEndFirst = firstStep(PLACE_ENDING);
  for (let i = 0; i < n; i++) {
    const o = i * F;
    const c = u[i + 2]!;
    const d = u[i + 3]!;
    const wb = bmes[i]!;
    const k = tok[i]!;
    const pos = k >= 0 ? posH[k]! : NOPOS;
    const ch = text.charCodeAt(i);
    const chNext = i + 1 < n ? text.charCodeAt(i + 1) : -1;
    if (SURNAME_CODES[ch] === 1) out[o + 21] = h2(22, wb, k >= 0 ? lenB[k]! : 0);
    if (i + 1 < n && DOUBLE_SURNAME_FIRST[ch] === 1 && DOUBLE_SURNAMES.has(text.slice(i, i + 2))) out[o + 22] = h1(23, 1);
    else if (i > 0 && DOUBLE_SURNAME_FIRST[text.charCodeAt(i - 1)] === 1 && DOUBLE_SURNAMES.has(text.slice(i - 1, i + 1))) out[o + 22] = h1(23, 2);
    if (PLACE_SUFFIX_CODES[ch] === 1) out[o + 23] = h2(24, c, wb);
    if (chNext >= 0 && PLACE_SUFFIX_CODES[chNext] === 1) out[o + 24] = h2(25, d, bmes[i + 1]!);
    const orgEnd = endingAt(u, i + 1, ORG_ENDING, orgEndFirst, 1);
    if (orgEnd) out[o + 25] = h2(26, orgEnd, wb);
    const orgNext = i + 1 < n ? startingAt(u, n, i + 1, ORG_STARTING, orgStartFirst) : 0;
    if (orgNext) out[o + 26] = h1(27, orgNext);
    const placeEnd = endingAt(u, i + 1, PLACE_ENDING, placeEndFirst, 2);
    if (placeEnd) out[o + 27] = h1(28, placeEnd);
    for (let t = 0; t < NLEX; t++) {
      const lp = lexPos[i * NLEX + t]!;
      if (lp !== 0) out[o + 32 + t] = h1(33 + t, lp);
    }
    // Class-level versions of the suffix cues (which suffix it is does not enter): weights learnt on 省/市/县
    // and 委员会/公司 carry over to suffixes rare in the training text, such as 旗, 苏木, 嘎查, 党支部, 合作社.
    const placeHere = PLACE_SUFFIX_CODES[ch] === 1 || placeEnd !== 0;
    const placeNext = chNext >= 0 && PLACE_SUFFIX_CODES[chNext] === 1;
    if (placeHere || placeNext) out[o + 39] = h3(40, placeHere ? 1 : 0, placeNext ? 1 : 0, wb);
    if (orgEnd !== 0 || orgNext !== 0) out[o + 40] = h3(41, orgEnd !== 0 ? 1 : 0, orgNext !== 0 ? 1 : 0, wb);
    if (orgEnd !== 0) out[o + 41] = h2(42, k >= 0 ? lenB[k]! : 0, pos);
    // Gazetteer entries (lattice / soft-dictionary features): position of the unit in the longest entry of
    // each kind covering it (begin, middle, end), the entry's length bucket, and whether the entry coincides
    // with jieba word boundaries (a division name that jieba also cuts as a word is more likely meant).
    for (let g = 0; g < NGAZ; g++) {
      const x = i * NGAZ + g;
      const gs = gazStart[x]!;
      const ge = gazEnd[x]!;
      if (ge === 0) continue;
      const where = i === gs ? 1 : i === ge - 1 ? 3 : 2;
      const len = ge - gs;
      const aligned = (gs === 0 || tok[gs] !== tok[gs - 1]) && (ge === n || tok[ge] !== tok[ge - 1]) ? 1 : 0;
      out[o + 42 + g] = h3(43 + g, where, len >= 5 ? 5 : len, aligned);
    }
  }
}

/**
 * Feature hashes of `text` (length n) as an n × NUM_TEMPLATES row-major array. `tokens` are the jieba
 * tokens of `text` (offsets into it); characters not covered by a token get the NONE word position.
 * `options.reuse`: the result is a view of an array kept for the next call with `reuse`, which overwrites it
 * (for a caller that is done with the features before it extracts again: decoding).
 */
export function extractFeatures(text: string, tokens: readonly Token[], lex: Lexicon = EMPTY_LEXICON, options: { reuse?: boolean } = {}): Uint32Array {
  const n = text.length;
  const F = NUM_TEMPLATES;
  const out =
    options.reuse === true
      ? outputArea
          .take(n)
          .fill(0, 0, n * F)
          .subarray(0, n * F)
      : new Uint32Array(n * F);
  if (n === 0) return out;
  const w = unitWork.take(n);
  const perToken = tokenWork.take(tokens.length);

  // Padded normalized units: u[i + 2] is unit i.
  const u = w.u;
  u[0] = BOS;
  u[1] = BOS;
  u[n + 2] = EOS;
  u[n + 3] = EOS;
  const cls = w.cls; // cls[i + 1] is the class of unit i; 0 pads
  cls[0] = 0;
  cls[n + 1] = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    u[i + 2] = normUnit(c);
    cls[i + 1] = CHAR_CLASS[c]!;
  }

  // Per-unit word information from the tokens.
  const bmes = w.bmes.fill(NONE, 0, n);
  const tok = w.tok.fill(-1, 0, n);
  const { posH, wordH, lenB } = perToken;
  let ti = 0;
  for (const t of tokens) {
    if (t.start < 0 || t.end > n || t.end <= t.start) continue;
    const idx = ti++;
    posH[idx] = hashString(t.tag);
    wordH[idx] = hashString(t.word);
    const len = t.end - t.start;
    lenB[idx] = len >= 5 ? 5 : len;
    for (let i = t.start; i < t.end; i++) {
      tok[i] = idx;
      bmes[i] = len === 1 ? WS : i === t.start ? WB : i === t.end - 1 ? WE : WM;
    }
  }
  const gazStart = w.gazStart.fill(0, 0, n * NGAZ);
  const gazEnd = w.gazEnd.fill(0, 0, n * NGAZ);
  const lexPos = w.lexPos.fill(0, 0, n * NLEX);
  lexiconPositions(lexPos, u, n, lex, gazStart, gazEnd);
  // The templates in several short loops rather than one: each is small enough for V8 to inline its ~7 hash
  // calls (in one large loop it stopped inlining them after a few); every loop fills its own slots.
  ngramFeatures(out, u, cls, n);
  wordFeatures(out, u, bmes, tok, posH, wordH, lenB, n, ti);
  dictionaryFeatures(out, text, u, bmes, tok, posH, lenB, lexPos, gazStart, gazEnd, n);
  return out;
}

/**
 * The extractor's per-unit and per-token work arrays and its output, kept between calls (`Scratch`: texts over
 * 2^16 units or tokens get their own). Every call sets or clears the part it reads, so no call sees another's
 * values.
 */
const WORK_MAX = 1 << 16;
const unitWork = new Scratch(
  (n) => ({
    u: new Int32Array(n + 4),
    cls: new Uint8Array(n + 2),
    bmes: new Uint8Array(n),
    tok: new Int32Array(n),
    gazStart: new Int32Array(n * NGAZ),
    gazEnd: new Int32Array(n * NGAZ),
    lexPos: new Uint8Array(n * NLEX),
  }),
  WORK_MAX,
);
// The tokens' hashes as signed integers (the same bits; the hash functions read them so): read from a Uint32Array,
// a hash above 2^31 passed to a hash call V8 did not inline was boxed as a heap number.
const tokenWork = new Scratch((k) => ({ posH: new Int32Array(k), wordH: new Int32Array(k), lenB: new Uint8Array(k) }), WORK_MAX);
const outputArea = new Scratch((n) => new Uint32Array(n * NUM_TEMPLATES), WORK_MAX);
