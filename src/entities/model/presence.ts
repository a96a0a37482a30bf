/**
 * Presence filters: 512 KiB of bits over the keys of an open-addressing table (0 = empty slot), two bits per key,
 * so that a lookup of a key the table lacks can stop before it reads the table. The model's tables are megabytes
 * and most of their lookups are of keys they do not hold (the n-gram slots of the feature table, the name
 * lexicon's scan): the probe is a cache miss, the filter mostly stays in cache. A key with either of its bits
 * clear is not in the table; one with both set may be.
 */

/** Words of a filter (PRESENCE_WORDS × 32 bits). */
export const PRESENCE_WORDS = 1 << 17;

/** The bits of key `k` in its word, `k & (PRESENCE_WORDS - 1)`. */
function presenceMask(k: number): number {
  return (1 << ((k >>> 17) & 31)) | (1 << ((k >>> 22) & 31));
}

/** Whether the table whose filter is `bits` may hold `k` (false: it does not). */
export function mayHold(bits: Int32Array, k: number): boolean {
  const m = presenceMask(k);
  return (bits[k & (PRESENCE_WORDS - 1)]! & m) === m;
}

const filters = new WeakMap<Uint32Array, Int32Array>();

/** The filter of a table's key array, built once per array. */
export function presenceFilter(keys: Uint32Array): Int32Array {
  let bits = filters.get(keys);
  if (!bits) {
    bits = new Int32Array(PRESENCE_WORDS);
    for (let s = 0; s < keys.length; s++) {
      const k = keys[s]!;
      if (k !== 0) bits[k & (PRESENCE_WORDS - 1)]! |= presenceMask(k);
    }
    filters.set(keys, bits);
  }
  return bits;
}
