import { describe, expect, it } from 'vitest';
import { HashCounts } from '../../src/entities/model/counts.js';
import { seededRandom } from '../../src/util/random.js';

describe('HashCounts', () => {
  it('counts like a Map through many growths, and ignores key 0', () => {
    const rand = seededRandom(7);
    const table = new HashCounts(4);
    const ref = new Map<number, number>();
    for (let i = 0; i < 50_000; i++) {
      // Keys that differ only in high bits, only in low bits, and the 0 that means "no feature".
      const r = rand();
      const key = r < 0.05 ? 0 : r < 0.5 ? (Math.floor(rand() * 500) << 20) >>> 0 : Math.floor(rand() * 0xffffffff) >>> 0;
      table.add(key);
      if (key !== 0) ref.set(key, (ref.get(key) ?? 0) + 1);
    }
    expect(table.size).toBe(ref.size);
    for (const [k, c] of ref) expect(table.get(k)).toBe(c);
    expect(table.get(0)).toBe(0);
    expect(table.get(123456789)).toBe(ref.get(123456789) ?? 0);
  });

  it('map and set rewrite stored values only', () => {
    const table = new HashCounts();
    for (const k of [5, 5, 9]) table.add(k);
    table.map((_, c) => c * 10);
    expect([table.get(5), table.get(9)]).toEqual([20, 10]);
    table.set(9, 3);
    table.set(11, 4); // absent: no effect
    expect([table.get(9), table.get(11), table.size]).toEqual([3, 0, 2]);
  });
});
