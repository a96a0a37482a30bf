/**
 * Presence filters (src/entities/model/presence.ts): a table's filter never calls a key it holds absent, and calls
 * most keys it does not hold absent; one filter per key array.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESENCE_WORDS, mayHold, presenceFilter } from '../../src/entities/model/presence.js';
import { mulberry32 } from '../../src/entities/model/perceptron.js';

describe('presence filter', () => {
  it('holds every key of the table', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 0xffffffff }), { maxLength: 300 }), (held) => {
        const keys = new Uint32Array(1024);
        held.forEach((k, i) => (keys[i * 3] = k)); // empty slots (0) between them
        const bits = presenceFilter(keys);
        expect(bits.length).toBe(PRESENCE_WORDS);
        for (const k of held) expect(mayHold(bits, k)).toBe(true);
      }),
    );
  });

  it('turns away most keys the table does not hold, and is built once per key array', () => {
    const rand = mulberry32(5);
    const keys = Uint32Array.from({ length: 1 << 19 }, (_, i) => (i % 3 === 0 ? 0 : (rand() * 0xffffffff) >>> 0 || 1));
    const bits = presenceFilter(keys);
    expect(presenceFilter(keys)).toBe(bits);
    const held = new Set(keys);
    let passed = 0;
    let tried = 0;
    for (let i = 0; i < 20000; i++) {
      const k = (rand() * 0xffffffff) >>> 0;
      if (k === 0 || held.has(k)) continue;
      tried++;
      if (mayHold(bits, k)) passed++;
    }
    // 350k keys in 4 Mi bits, two bits each: about 3 % of absent keys get through.
    expect(passed / tried).toBeLessThan(0.06);
    expect(mayHold(presenceFilter(new Uint32Array(16)), 12345)).toBe(false);
  });
});
