/**
 * Counting table for 32-bit feature hashes (open addressing, linear probing, typed arrays). A JavaScript
 * Map holds at most 2^24 entries and costs ~80 bytes per entry; training on the full corpora sees tens of
 * millions of distinct hashes, so the trainers count them here. Key 0 is "no feature" and is never stored.
 */
export class HashCounts {
  private keys: Uint32Array;
  private counts: Uint32Array;
  private mask: number;
  /** Number of distinct keys stored. */
  size = 0;

  constructor(capacity = 1 << 16) {
    let cap = 1 << 4;
    while (cap < capacity * 2) cap *= 2;
    this.keys = new Uint32Array(cap);
    this.counts = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  private slot(key: number): number {
    // Fibonacci hashing spreads keys that differ only in high or low bits.
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    const keys = this.keys;
    while (keys[i] !== 0 && keys[i] !== key) i = (i + 1) & this.mask;
    return i;
  }

  /** Adds one to `key`'s count (key 0 is ignored). */
  add(key: number): void {
    if (key === 0) return;
    let i = this.slot(key);
    if (this.keys[i] === 0) {
      if ((this.size + 1) * 2 > this.keys.length) {
        this.grow();
        i = this.slot(key);
      }
      this.keys[i] = key;
      this.size++;
    }
    this.counts[i]!++;
  }

  /** The count of `key` (0 when unseen). */
  get(key: number): number {
    if (key === 0) return 0;
    const i = this.slot(key);
    return this.keys[i] === key ? this.counts[i]! : 0;
  }

  /**
   * Replaces every count by a value of the caller's (e.g. a row number); `get` then returns it. Values are
   * stored as uint32; the caller chooses an encoding (e.g. row + 1, 0 for none).
   */
  map(fn: (key: number, count: number) => number): void {
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== 0) this.counts[i] = fn(this.keys[i]!, this.counts[i]!) >>> 0;
  }

  /** Sets the value of a stored key (no effect on an absent key). */
  set(key: number, value: number): void {
    if (key === 0) return;
    const i = this.slot(key);
    if (this.keys[i] === key) this.counts[i] = value >>> 0;
  }

  private grow(): void {
    const oldK = this.keys;
    const oldC = this.counts;
    this.keys = new Uint32Array(oldK.length * 2);
    this.counts = new Uint32Array(oldK.length * 2);
    this.mask = this.keys.length - 1;
    for (let j = 0; j < oldK.length; j++) {
      const k = oldK[j]!;
      if (k === 0) continue;
      const i = this.slot(k);
      this.keys[i] = k;
      this.counts[i] = oldC[j]!;
    }
  }
}
