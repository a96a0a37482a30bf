import { describe, expect, it } from 'vitest';
import { blendWeights } from '../../src/entities/model/blend.js';
import type { ModelData } from '../../src/entities/model/format.js';
import { NUM_TAGS } from '../../src/entities/model/tags.js';

const T = NUM_TAGS;

/** A model of the given rows (hash → 13 int8 codes) at `scale`: what decodeModel returns (weights = code × scale). */
function model(rows: Record<number, number[]>, scale: number, extra: Partial<ModelData> = {}): ModelData {
  const hashes = Object.keys(rows).map(Number);
  const weights = new Float32Array(hashes.length * T);
  hashes.forEach((h, r) => rows[h]!.forEach((code, t) => (weights[r * T + t] = code * scale)));
  return {
    header: { featureVersion: 9, numTemplates: 47, numTags: T, rows: hashes.length, scale, lexiconBytes: 0, info: {} },
    hashes: Uint32Array.from(hashes),
    weights,
    trans: new Float32Array((T + 1) * T).fill(10 * scale),
    end: new Float32Array(T).fill(-20 * scale),
    lexicon: [['乌兰', 2]],
    ...extra,
  };
}

const row = (...codes: number[]): number[] => [...codes, ...new Array<number>(T - codes.length).fill(0)];

describe('blendWeights', () => {
  it('averages the two models in their own int8 units over the union of their rows', () => {
    const a = model({ 5: row(100, -20), 7: row(0, 50) }, 0.01);
    const b = model({ 7: row(10, 10), 9: row(-40) }, 3);
    const w = blendWeights(a, b, 0.25);
    // a's rows in its order, then b's new one.
    expect([...w.hashes]).toEqual([5, 7, 9]);
    const at = (r: number, t: number) => w.weights[r * T + t]!;
    expect(at(0, 0)).toBeCloseTo(0.75 * 100, 4);
    expect(at(0, 1)).toBeCloseTo(0.75 * -20, 4);
    expect(at(1, 0)).toBeCloseTo(0.25 * 10, 4);
    expect(at(1, 1)).toBeCloseTo(0.75 * 50 + 0.25 * 10, 4);
    expect(at(2, 0)).toBeCloseTo(0.25 * -40, 4);
    expect(at(2, 1)).toBe(0);
    // Transitions and end weights blend the same way (both models' are 10 and -20 in their units).
    expect(w.trans[3]).toBeCloseTo(10, 4);
    expect(w.end[0]).toBeCloseTo(-20, 4);
  });

  it('gives either model back at weight 0 or 1 (in its units)', () => {
    const a = model({ 5: row(100, -20) }, 0.01);
    const b = model({ 9: row(-40, 3) }, 3);
    expect(blendWeights(a, b, 0).weights.slice(0, 2)).toEqual(Float32Array.from([100, -20]));
    const one = blendWeights(a, b, 1);
    expect(one.weights.slice(0, T).every((x) => x === 0)).toBe(true);
    expect(one.weights.slice(T, T + 2)).toEqual(Float32Array.from([-40, 3]));
  });

  it('refuses models that disagree on what a row means, or on their name lexicon, and a bad weight', () => {
    const a = model({ 5: row(1) }, 1);
    expect(() => blendWeights(a, model({ 5: row(1) }, 1, { lexicon: [['乌兰', 4]] }), 0.5)).toThrow(/lexicon/);
    const other = model({ 5: row(1) }, 1);
    other.header = { ...other.header, featureVersion: 8 };
    expect(() => blendWeights(a, other, 0.5)).toThrow(/featureVersion/);
    for (const bad of [-0.1, 1.5, Number.NaN]) expect(() => blendWeights(a, a, bad)).toThrow(/weight/);
  });
});
