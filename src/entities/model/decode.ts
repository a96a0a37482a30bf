/**
 * Scoring and decoding shared by training and run time: feature rows → per-position tag scores
 * (emissions) → best tag sequence under the BIOES transition mask (Viterbi).
 */
import { ALLOWED, NUM_TAGS, START, canEnd } from './tags.js';

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
 * Viterbi over the masked BIOES lattice. `trans[(prev) * T + cur]` with prev = START for the first position;
 * `end[t]` scores ending in t. Returns the best tags (length n).
 */
export function viterbi(em: Float32Array, n: number, trans: Float32Array, end: Float32Array): Uint8Array {
  const T = NUM_TAGS;
  const out = new Uint8Array(n);
  if (n === 0) return out;
  const back = new Uint8Array(n * T);
  let prev = new Float64Array(T);
  let cur = new Float64Array(T);
  for (let t = 0; t < T; t++) prev[t] = ALLOWED[START * T + t] ? em[t]! + trans[START * T + t]! : -Infinity;
  for (let i = 1; i < n; i++) {
    const eo = i * T;
    for (let t = 0; t < T; t++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < T; p++) {
        if (!ALLOWED[p * T + t]) continue;
        const s = prev[p]! + trans[p * T + t]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      cur[t] = best + em[eo + t]!;
      back[eo + t] = arg;
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
