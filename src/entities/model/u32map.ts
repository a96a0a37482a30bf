/**
 * A read-only map from 32-bit unsigned keys to non-negative integers in typed arrays (open addressing,
 * linear probing, load ≤ 0.5): the feature extractor's word and lexicon tables, looked up several times per
 * character, where a JS Map's boxing and hashing cost more than the work around them. `get` returns -1 for
 * an absent key, so callers need no `undefined` check.
 */
/** A U32Map's arrays, as `U32Map.tables()` gives them (e.g. to hand to a worker thread). */
export interface U32MapTables {
  keys: Uint32Array;
  vals: Int32Array;
  zero: number;
}

export class U32Map {
  private readonly keys: Uint32Array;
  private readonly vals: Int32Array;
  private readonly mask: number;
  /** Key 0 marks an empty slot, so its value is kept apart (-1 when absent). */
  private readonly zero: number;

  /** A map over arrays made by another U32Map's `tables()` (shared, not copied). */
  static fromTables(t: U32MapTables): U32Map {
    const m = Object.create(U32Map.prototype) as { keys: Uint32Array; vals: Int32Array; mask: number; zero: number };
    if (t.keys.length !== t.vals.length || (t.keys.length & (t.keys.length - 1)) !== 0) throw new RangeError('U32Map.fromTables: malformed tables');
    m.keys = t.keys;
    m.vals = t.vals;
    m.mask = t.keys.length - 1;
    m.zero = t.zero;
    return m as unknown as U32Map;
  }

  /** The map's arrays. */
  tables(): U32MapTables {
    return { keys: this.keys, vals: this.vals, zero: this.zero };
  }

  constructor(entries: Map<number, number>) {
    let size = 16;
    while (size < entries.size * 2) size *= 2;
    this.keys = new Uint32Array(size);
    this.vals = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    let zero = -1;
    for (const [key, v] of entries) {
      if (!(Number.isInteger(v) && v >= 0 && v <= 0x7fffffff)) throw new RangeError(`U32Map: value ${v} is not a non-negative int32`);
      const k = key >>> 0;
      if (k !== key) throw new RangeError(`U32Map: key ${key} is not a uint32`);
      if (k === 0) {
        zero = v;
        continue;
      }
      let s = (k ^ (k >>> 16)) & this.mask;
      while (this.keys[s] !== 0) s = (s + 1) & this.mask;
      this.keys[s] = k;
      this.vals[s] = v;
    }
    this.zero = zero;
  }

  /** Value of `key` (a uint32), or -1 when absent. */
  get(key: number): number {
    if (key === 0) return this.zero;
    const keys = this.keys;
    const mask = this.mask;
    let s = (key ^ (key >>> 16)) & mask;
    for (;;) {
      const k = keys[s]!;
      if (k === key) return this.vals[s]!;
      if (k === 0) return -1;
      s = (s + 1) & mask;
    }
  }
}
