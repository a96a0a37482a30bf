/** The kept work areas of inference (src/entities/model/scratch.ts): growth, the cap, and loans. */
import { describe, expect, it } from 'vitest';
import { Scratch } from '../../src/entities/model/scratch.js';

describe('Scratch', () => {
  it('keeps one area, grows it by doubling up to max, and makes a fresh one past max', () => {
    const made: number[] = [];
    const s = new Scratch((units) => (made.push(units), new Uint8Array(units)), 1000, 100);
    const a = s.take(10);
    expect(a.length).toBe(100); // at least min
    expect(s.take(80)).toBe(a); // fits: the same area
    const b = s.take(150);
    expect(b).not.toBe(a);
    expect(b.length).toBe(200); // doubled
    expect(s.take(900).length).toBe(900);
    expect(s.take(1000).length).toBe(1000); // capped at max
    const big = s.take(5000);
    expect(big.length).toBe(5000); // past max: its own, not kept
    expect(s.take(10).length).toBe(1000);
    expect(made).toEqual([100, 200, 900, 1000, 5000]);
  });

  it('tells a reader when a later reader took its area', () => {
    const s = new Scratch((units) => new Float64Array(units), 64);
    const first = {};
    const second = {};
    const a = s.take(10, first);
    expect(s.lost(a, first)).toBe(false);
    s.take(10, second);
    expect(s.lost(a, first)).toBe(true);
    expect(s.lost(a, second)).toBe(false);
    const own = s.take(100, first); // past max: never shared, never lost
    s.take(10, second);
    expect(s.lost(own, first)).toBe(false);
  });
});
