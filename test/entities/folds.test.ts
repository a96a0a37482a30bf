import { describe, expect, it } from 'vitest';
import { jackknifeFolds } from '../../src/entities/model/folds.js';

describe('jackknifeFolds', () => {
  it('keeps a block of consecutive sentences in one fold and cycles the blocks over the folds', () => {
    const f = jackknifeFolds(23, 3, 4);
    expect([...f]).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2]);
  });

  it('puts neighbouring sentences in different folds with blocks of one', () => {
    const f = jackknifeFolds(10, 5, 1);
    for (let j = 1; j < f.length; j++) expect(f[j]).not.toBe(f[j - 1]);
  });

  it('gives every fold a share of a long corpus', () => {
    const f = jackknifeFolds(10_000, 5, 500);
    const counts = [0, 0, 0, 0, 0];
    for (const x of f) counts[x]!++;
    expect(counts).toEqual([2000, 2000, 2000, 2000, 2000]);
  });

  it('rejects counts, folds and blocks that are not usable', () => {
    expect(() => jackknifeFolds(-1, 5, 1)).toThrow(RangeError);
    expect(() => jackknifeFolds(10, 1, 1)).toThrow(/folds/);
    expect(() => jackknifeFolds(10, 5, 0)).toThrow(/block/);
    expect(() => jackknifeFolds(10, 5, 2.5)).toThrow(/block/);
    expect(jackknifeFolds(0, 5, 3).length).toBe(0);
  });
});
