/**
 * Scoring and decoding shared by training and run time: feature rows → per-position tag scores
 * (emissions) → best tag sequence under the BIOES transition mask (Viterbi).
 */
import { mayHold, presenceFilter } from './presence.js';
import { Scratch } from './scratch.js';
import { ALLOWED, CLOSING_TAGS as CLOSED, NUM_TAGS, OPENING_TAGS as OPENING, START, canEnd } from './tags.js';

/** Open-addressing hash table from feature hash (never 0) to weight row. */
export class FeatureIndex {
  readonly keys: Uint32Array;
  readonly rows: Int32Array;
  private readonly mask: number;

  constructor(hashes: ArrayLike<number>) {
    let size = 16;
    while (size < hashes.length * 2) size *= 2;
    this.keys = new Uint32Array(size);
    this.rows = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let r = 0; r < hashes.length; r++) {
      const h = hashes[r]! >>> 0;
      if (h === 0) throw new Error('FeatureIndex: hash 0 is reserved');
      let s = (h ^ (h >>> 15)) & this.mask;
      while (this.keys[s] !== 0 && this.keys[s] !== h) s = (s + 1) & this.mask;
      this.keys[s] = h;
      this.rows[s] = r;
    }
  }

  /** Row of hash `h`, or -1. */
  get(h: number): number {
    if (h === 0) return -1;
    const keys = this.keys;
    const mask = this.mask;
    let s = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const k = keys[s]!;
      if (k === h) return this.rows[s]!;
      if (k === 0) return -1;
      s = (s + 1) & mask;
    }
  }

  /** Rows of a feature array (same layout, -1 where absent). */
  lookupAll(feats: Uint32Array): Int32Array {
    const out = new Int32Array(feats.length);
    for (let i = 0; i < feats.length; i++) out[i] = this.get(feats[i]!);
    return out;
  }
}

/** Emission scores (n × NUM_TAGS) from feature rows (n × F, -1 = absent) and weights (rows × NUM_TAGS). */
export function emissions(rows: Int32Array, n: number, F: number, W: Float32Array): Float32Array {
  const T = NUM_TAGS;
  const em = new Float32Array(n * T);
  for (let i = 0; i < n; i++) {
    const eo = i * T;
    const ro = i * F;
    for (let f = 0; f < F; f++) {
      const r = rows[ro + f]!;
      if (r < 0) continue;
      const wo = r * T;
      for (let t = 0; t < T; t++) em[eo + t]! += W[wo + t]!;
    }
  }
  return em;
}

/**
 * A run-time copy of (index, weights) laid out for lookups: a table of keys small enough for the L2 cache
 * (load ≤ 0.75 instead of ≤ 0.5) and the weight rows stored in slot order, so that a hit costs one access to
 * the large weight array instead of three (keys, rows, weights in row order), and a miss stays in cache.
 * When the weights take at most 256 distinct values (the shipped model's are int8 × one scale), a row is
 * stored as 13 one-byte codes into a table of those values, padded to 16 bytes: a hit then reads one cache
 * line instead of 52 scattered bytes, and the whole table is a quarter of the size. The values added are the
 * same numbers in the same order, so the sums are identical to the float rows'. Built once per (index,
 * weights) pair.
 */
export interface PackedIndex {
  keys: Uint32Array;
  mask: number;
  /** 13 weights per slot of `keys` (when `codes` is not set). */
  weights: Float32Array;
  /** 16 bytes per slot of `keys`: 13 codes (indices into `values`), then the key's tag (RECORD_SLOTS). */
  codes?: Uint8Array;
  values?: Float64Array;
}
const packedCache = new WeakMap<FeatureIndex, WeakMap<Float32Array, PackedIndex>>();

/** The distinct values of `W` (ascending) when there are at most 256 of them. */
function valueTable(W: Float32Array): Float64Array | undefined {
  const seen = new Set<number>();
  for (let i = 0; i < W.length; i++) {
    seen.add(W[i]!);
    if (seen.size > 256) return undefined;
  }
  // -0 and 0 are one Set entry; -0 is only ever added to a sum (the start is +0), where it changes nothing.
  return Float64Array.from([...seen].sort((a, b) => a - b));
}

/**
 * The run-time table of (index, weights), built on first use; `adoptPackedIndex` installs one made elsewhere
 * (the extraction workers receive the main thread's in shared memory instead of each building its own).
 */
export function packedIndex(index: FeatureIndex, W: Float32Array): PackedIndex {
  let byW = packedCache.get(index);
  if (!byW) packedCache.set(index, (byW = new WeakMap()));
  let p = byW.get(W);
  if (!p) {
    let count = 0;
    for (let s = 0; s < index.keys.length; s++) if (index.keys[s] !== 0) count++;
    const values = valueTable(W);
    // With one-byte codes, a slot's record also holds its key's tag (see RECORD_SLOTS): at least 2^15 slots.
    let size = values ? RECORD_SLOTS : 16;
    while (size * 3 < count * 4) size *= 2;
    for (;;) {
      const mask = size - 1;
      const keys = new Uint32Array(size);
      const code = values ? new Map([...values].map((v, i) => [v, i])) : undefined;
      const codes = values ? new Uint8Array(size * 16) : undefined;
      const weights = values ? new Float32Array(0) : new Float32Array(size * 13);
      let tagged = true;
      for (let s = 0; s < index.keys.length; s++) {
        const h = index.keys[s]!;
        if (h === 0) continue;
        const home = (h ^ (h >>> 15)) & mask;
        let t = home;
        while (keys[t] !== 0) t = (t + 1) & mask;
        keys[t] = h;
        const r = index.rows[s]! * 13;
        if (codes) {
          for (let k = 0; k < 13; k++) codes[t * 16 + k] = code!.get(W[r + k]!)!;
          const tag = recordTag(h, ((t - home) & mask) + 1);
          if (tag < 0) tagged = false;
          else {
            codes[t * 16 + 13] = tag & 255;
            codes[t * 16 + 14] = (tag >>> 8) & 255;
            codes[t * 16 + 15] = tag >>> 16;
          }
        } else weights.set(W.subarray(r, r + 13), t * 13);
      }
      // A key displaced too far from its home slot for its tag: the same rows in a table twice the size.
      if (!tagged) {
        size *= 2;
        continue;
      }
      byW.set(W, (p = { keys, mask, weights, ...(codes ? { codes, values } : {}) }));
      break;
    }
  }
  return p;
}

/**
 * Slots of a table of one-byte codes, at least: a slot's 16-byte record holds its 13 codes and, in the three bytes
 * left, its key's tag (`recordTag`): the key's 17 high bits and how far the key lies from its home slot
 * ((h ^ (h >>> 15)) & mask). With at least 2^15 slots the home slot gives the key's low 15 bits, so the tag and
 * the slot where it is found name exactly one key: a lookup reads the record alone, one cache line for a hit
 * where the key array and the codes were two. The key array stays the table's definition (and its presence filter's).
 */
const RECORD_SLOTS = 1 << 15;
/** Displacements a tag can hold (1 … 127: slot − home slot + 1; 0 marks an empty slot). */
const MAX_TAGGED_DISTANCE = 127;

/** The tag of key `h` at `distance` (slot − home slot + 1) from its home slot, or -1 when it cannot say so. */
function recordTag(h: number, distance: number): number {
  return distance > MAX_TAGGED_DISTANCE ? -1 : ((h >>> 15) << 7) | distance;
}

const taggedCache = new WeakMap<Uint8Array, boolean>();

/**
 * Whether the records of `p` (codes) carry every key's tag and no tag where no key is: a table built by `packedIndex`
 * does; one from elsewhere (a cache file) is checked once, and `adoptPackedIndex` refuses it if not.
 */
export function recordsTagged(p: PackedIndex): boolean {
  const codes = p.codes;
  if (!codes) return false;
  let ok = taggedCache.get(codes);
  if (ok === undefined) {
    const { keys, mask } = p;
    ok = mask >= RECORD_SLOTS - 1 && codes.length === keys.length * 16;
    for (let t = 0; ok && t < keys.length; t++) {
      const h = keys[t]!;
      const tag = codes[t * 16 + 13]! | (codes[t * 16 + 14]! << 8) | (codes[t * 16 + 15]! << 16);
      if (h === 0) ok = (tag & MAX_TAGGED_DISTANCE) === 0;
      else ok = tag === recordTag(h, ((t - ((h ^ (h >>> 15)) & mask)) & mask) + 1);
    }
    taggedCache.set(codes, ok);
  }
  return ok;
}

/**
 * Makes `packed` the run-time table of (index, W): used in place of building one from them. A table of one-byte codes
 * must be `packedIndex`'s, its records tagged (recordsTagged): a TypeError otherwise.
 */
export function adoptPackedIndex(index: FeatureIndex, W: Float32Array, packed: PackedIndex): void {
  if (packed.codes && !recordsTagged(packed)) throw new TypeError('adoptPackedIndex: the table of one-byte codes has untagged records');
  let byW = packedCache.get(index);
  if (!byW) packedCache.set(index, (byW = new WeakMap()));
  byW.set(W, packed);
}

/**
 * Emission scores straight from feature hashes (lookup fused with the sums, the 13 tags unrolled): the
 * run-time path, equal to `emissions(index.lookupAll(feats), …)` (same weights added in the same order).
 * Written into `out` (n × 13, every entry set) when given. `sparse[f] = 1` marks feature slots whose hashes
 * the table mostly lacks: with one-byte codes (the shipped model) those are tested against the table's presence
 * filter (presence.ts) before the probe, which a clear bit spares (the same rows are found, so the sums are the same).
 */
export function emissionsFromHashes(
  feats: Uint32Array,
  n: number,
  F: number,
  index: FeatureIndex,
  W: Float32Array,
  out?: Float32Array,
  sparse?: Uint8Array,
): Float32Array {
  if (NUM_TAGS !== 13) return emissions(index.lookupAll(feats), n, F, W);
  const packed = packedIndex(index, W);
  const codes = packed.codes;
  if (codes) {
    const marks = sparse && sparse.length === F ? sparse : new Uint8Array(F);
    return emissionsOfRecords(feats, n, F, packed.mask, codeWords(codes), packed.values!, presenceFilter(packed.keys), marks, out);
  }
  const { keys, mask, weights } = packed;
  const em = out ?? new Float32Array(n * 13);
  for (let i = 0; i < n; i++) {
    let e0 = 0,
      e1 = 0,
      e2 = 0,
      e3 = 0,
      e4 = 0,
      e5 = 0,
      e6 = 0,
      e7 = 0,
      e8 = 0,
      e9 = 0,
      e10 = 0,
      e11 = 0,
      e12 = 0;
    const fo = i * F;
    for (let f = 0; f < F; f++) {
      const h = feats[fo + f]!;
      if (h === 0) continue;
      let s = (h ^ (h >>> 15)) & mask;
      let k = keys[s]!;
      while (k !== h && k !== 0) {
        s = (s + 1) & mask;
        k = keys[s]!;
      }
      if (k === 0) continue;
      const w = s * 13;
      e0 += weights[w]!;
      e1 += weights[w + 1]!;
      e2 += weights[w + 2]!;
      e3 += weights[w + 3]!;
      e4 += weights[w + 4]!;
      e5 += weights[w + 5]!;
      e6 += weights[w + 6]!;
      e7 += weights[w + 7]!;
      e8 += weights[w + 8]!;
      e9 += weights[w + 9]!;
      e10 += weights[w + 10]!;
      e11 += weights[w + 11]!;
      e12 += weights[w + 12]!;
    }
    const o = i * 13;
    em[o] = e0;
    em[o + 1] = e1;
    em[o + 2] = e2;
    em[o + 3] = e3;
    em[o + 4] = e4;
    em[o + 5] = e5;
    em[o + 6] = e6;
    em[o + 7] = e7;
    em[o + 8] = e8;
    em[o + 9] = e9;
    em[o + 10] = e10;
    em[o + 11] = e11;
    em[o + 12] = e12;
  }
  return em;
}

/** Whether this platform stores a Uint32Array's elements least significant byte first (as x86 and ARM do). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
const wordsCache = new WeakMap<Uint8Array, Uint32Array>();

/**
 * The one-byte codes as 32-bit words, code t of slot s being byte t % 4 (least significant first) of word
 * s * 4 + t / 4: a view of the same memory on a little-endian platform where it is aligned, else a copy made once.
 */
export function codeWords(codes: Uint8Array): Uint32Array {
  if (LITTLE_ENDIAN && (codes.byteOffset & 3) === 0) return new Uint32Array(codes.buffer, codes.byteOffset, codes.length >>> 2);
  let words = wordsCache.get(codes);
  if (!words) {
    words = new Uint32Array(codes.length >>> 2);
    for (let j = 0; j < words.length; j++) words[j] = (codes[4 * j]! | (codes[4 * j + 1]! << 8) | (codes[4 * j + 2]! << 16) | (codes[4 * j + 3]! << 24)) >>> 0;
    wordsCache.set(codes, words);
  }
  return words;
}

/**
 * `emissionsFromHashes` over one-byte weight codes in tagged records (see PackedIndex, RECORD_SLOTS): the slots
 * `sparse` marks are tested against the presence filter first; the probe reads each slot's record (codes and tag)
 * instead of the key array, so a hit touches one cache line, and a row's 13 codes are read as four 32-bit words
 * (`words`, codeWords) instead of 13 single bytes.
 */
function emissionsOfRecords(
  feats: Uint32Array,
  n: number,
  F: number,
  mask: number,
  words: Uint32Array,
  v: Float64Array,
  bits: Int32Array,
  sparse: Uint8Array,
  out: Float32Array | undefined,
): Float32Array {
  const em = out ?? new Float32Array(n * 13);
  for (let i = 0; i < n; i++) {
    let e0 = 0,
      e1 = 0,
      e2 = 0,
      e3 = 0,
      e4 = 0,
      e5 = 0,
      e6 = 0,
      e7 = 0,
      e8 = 0,
      e9 = 0,
      e10 = 0,
      e11 = 0,
      e12 = 0;
    const fo = i * F;
    for (let f = 0; f < F; f++) {
      const h = feats[fo + f]!;
      if (h === 0) continue;
      if (sparse[f] === 1 && !mayHold(bits, h)) continue;
      const hi = h >>> 15;
      // The tag a hit holds at distance 1 (its home slot); each step on adds 1.
      let want = (hi << 7) | 1;
      let w = ((h ^ hi) & mask) << 2;
      let d = words[w + 3]!;
      while (d >>> 8 !== want) {
        if ((d & 0x7f00) === 0) break;
        want++;
        w = (w + 4) & (mask << 2);
        d = words[w + 3]!;
      }
      if (d >>> 8 !== want) continue;
      const a = words[w]!;
      const b = words[w + 1]!;
      const c = words[w + 2]!;
      e0 += v[a & 255]!;
      e1 += v[(a >>> 8) & 255]!;
      e2 += v[(a >>> 16) & 255]!;
      e3 += v[a >>> 24]!;
      e4 += v[b & 255]!;
      e5 += v[(b >>> 8) & 255]!;
      e6 += v[(b >>> 16) & 255]!;
      e7 += v[b >>> 24]!;
      e8 += v[c & 255]!;
      e9 += v[(c >>> 8) & 255]!;
      e10 += v[(c >>> 16) & 255]!;
      e11 += v[c >>> 24]!;
      e12 += v[d & 255]!;
    }
    const o = i * 13;
    em[o] = e0;
    em[o + 1] = e1;
    em[o + 2] = e2;
    em[o + 3] = e3;
    em[o + 4] = e4;
    em[o + 5] = e5;
    em[o + 6] = e6;
    em[o + 7] = e7;
    em[o + 8] = e8;
    em[o + 9] = e9;
    em[o + 10] = e10;
    em[o + 11] = e11;
    em[o + 12] = e12;
  }
  return em;
}

/** Back pointers of Viterbi, kept between calls (texts up to 2^20 / 13 units). */
const backArea = new Scratch((units) => new Uint8Array(units * NUM_TAGS), Math.floor((1 << 20) / NUM_TAGS));
/** Transition weights closed tag → opening tag by opening tag: `toOpen[j * 7 + q]` = trans[CLOSED[q] → OPENING[j]]. */
const toOpen = new Float64Array(49);
const rowA = new Float64Array(NUM_TAGS);
const rowB = new Float64Array(NUM_TAGS);

/**
 * Viterbi over the masked BIOES lattice. `trans[(prev) * T + cur]` with prev = START for the first position;
 * `end[t]` scores ending in t. Returns the best tags (length n). Predecessors are tried in ascending order
 * with a strict comparison, so ties go to the lowest, as a full scan of the mask does (the tests compare).
 */
export function viterbi(em: Float32Array, n: number, trans: Float32Array, end: Float32Array): Uint8Array {
  const T = NUM_TAGS;
  const out = new Uint8Array(n);
  if (n === 0) return out;
  const back = backArea.take(n);
  for (let j = 0; j < 7; j++) for (let q = 0; q < 7; q++) toOpen[j * 7 + q] = trans[CLOSED[q]! * T + OPENING[j]!]!;
  let prev = rowA;
  let cur = rowB;
  for (let t = 0; t < T; t++) prev[t] = ALLOWED[START * T + t] ? em[t]! + trans[START * T + t]! : -Infinity;
  for (let i = 1; i < n; i++) {
    const eo = i * T;
    const v0 = prev[0]!;
    const v3 = prev[3]!;
    const v4 = prev[4]!;
    const v7 = prev[7]!;
    const v8 = prev[8]!;
    const v11 = prev[11]!;
    const v12 = prev[12]!;
    for (let j = 0; j < 7; j++) {
      const w = j * 7;
      let best = -Infinity;
      let arg = 0;
      let s = v0 + toOpen[w]!;
      if (s > best) {
        best = s;
        arg = 0;
      }
      s = v3 + toOpen[w + 1]!;
      if (s > best) {
        best = s;
        arg = 3;
      }
      s = v4 + toOpen[w + 2]!;
      if (s > best) {
        best = s;
        arg = 4;
      }
      s = v7 + toOpen[w + 3]!;
      if (s > best) {
        best = s;
        arg = 7;
      }
      s = v8 + toOpen[w + 4]!;
      if (s > best) {
        best = s;
        arg = 8;
      }
      s = v11 + toOpen[w + 5]!;
      if (s > best) {
        best = s;
        arg = 11;
      }
      s = v12 + toOpen[w + 6]!;
      if (s > best) {
        best = s;
        arg = 12;
      }
      const t = OPENING[j]!;
      cur[t] = best + em[eo + t]!;
      back[eo + t] = arg;
    }
    for (let b = 1; b < T; b += 4) {
      const vb = prev[b]!;
      const vi = prev[b + 1]!;
      for (let t = b + 1; t <= b + 2; t++) {
        let best = -Infinity;
        let arg = 0;
        const sb = vb + trans[b * T + t]!;
        if (sb > best) {
          best = sb;
          arg = b;
        }
        const si = vi + trans[(b + 1) * T + t]!;
        if (si > best) {
          best = si;
          arg = b + 1;
        }
        cur[t] = best + em[eo + t]!;
        back[eo + t] = arg;
      }
    }
    const tmp = prev;
    prev = cur;
    cur = tmp;
  }
  let best = -Infinity;
  let arg = 0;
  for (let t = 0; t < T; t++) {
    if (!canEnd(t)) continue;
    const s = prev[t]! + end[t]!;
    if (s > best) {
      best = s;
      arg = t;
    }
  }
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * T + out[i]!]!;
  return out;
}
