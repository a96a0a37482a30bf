/** The typed map of the feature extractor answers exactly as the Map it is built from. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { U32Map } from '../../src/entities/model/u32map.js';

describe('U32Map', () => {
  it('gets what a Map gets, -1 for absent keys (key 0, high bits, colliding keys included)', () => {
    const key = fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.integer({ min: 0, max: 64 }).map((x) => x * 0x10000),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer({ min: 0, max: 5000 })), { maxLength: 300 }), fc.array(key, { maxLength: 100 }), (entries, probes) => {
        const m = new Map(entries);
        const t = new U32Map(m);
        for (const k of [...m.keys(), ...probes]) expect(t.get(k)).toBe(m.get(k) ?? -1);
      }),
    );
  });

  it('refuses values it cannot hold and keys that are not uint32', () => {
    expect(() => new U32Map(new Map([[1, -1]]))).toThrow(/non-negative/);
    expect(() => new U32Map(new Map([[-5, 1]]))).toThrow(/uint32/);
  });
});
