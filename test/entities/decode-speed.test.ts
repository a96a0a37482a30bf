/**
 * The fast decoding paths give exactly what the plain ones give: the packed emission table (weights in
 * slot order) against lookup + emissions, the Viterbi over predecessor lists against a full scan of the
 * mask, and tagSpans without scores against tagSpans with them.
 */
import { describe, expect, it } from 'vitest';
import { ALLOWED, NUM_TAGS, START, canEnd } from '../../src/entities/model/tags.js';
import { FeatureIndex, emissions, emissionsFromHashes, viterbi } from '../../src/entities/model/decode.js';
import { mulberry32 } from '../../src/entities/model/perceptron.js';
import { EMPTY_LEXICON, NUM_TEMPLATES, extractFeatures } from '../../src/entities/model/features.js';
import { tagSpans, type NerModel } from '../../src/entities/model/index.js';

/** Viterbi as first written: every (prev, cur) pair, masked ones skipped. */
function viterbiFullScan(em: Float32Array, n: number, trans: Float32Array, end: Float32Array): Uint8Array {
  const T = NUM_TAGS;
  const out = new Uint8Array(n);
  if (n === 0) return out;
  const back = new Uint8Array(n * T);
  let prev = new Float64Array(T);
  let cur = new Float64Array(T);
  for (let t = 0; t < T; t++) prev[t] = ALLOWED[START * T + t] ? em[t]! + trans[START * T + t]! : -Infinity;
  for (let i = 1; i < n; i++) {
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
      cur[t] = best + em[i * T + t]!;
      back[i * T + t] = arg;
    }
    [prev, cur] = [cur, prev];
  }
  let best = -Infinity;
  let arg = 0;
  for (let t = 0; t < T; t++) {
    if (canEnd(t) && prev[t]! + end[t]! > best) {
      best = prev[t]! + end[t]!;
      arg = t;
    }
  }
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * T + out[i]!]!;
  return out;
}

describe('fast decoding paths', () => {
  it('packed emissions equal lookup + emissions exactly (many keys, high-bit hashes, absent ones)', () => {
    const rand = mulberry32(11);
    const hashes = Array.from({ length: 5000 }, () => Math.floor(rand() * 0xffffffff) >>> 0 || 1);
    const unique = [...new Set(hashes)];
    const idx = new FeatureIndex(unique);
    const W = Float32Array.from({ length: unique.length * NUM_TAGS }, () => rand() * 4 - 2);
    const F = 7;
    const n = 300;
    const feats = Uint32Array.from({ length: n * F }, () => {
      const r = rand();
      return r < 0.2 ? 0 : r < 0.8 ? unique[Math.floor(rand() * unique.length)]! : Math.floor(rand() * 0xffffffff) >>> 0 || 1;
    });
    const a = emissionsFromHashes(feats, n, F, idx, W);
    // Reference: the rows of lookupAll, weights added in feature order in double precision, then stored as
    // Float32 (as the fused path did before its table was packed; `emissions` rounds at every addition).
    const rows = idx.lookupAll(feats);
    const b = new Float32Array(n * NUM_TAGS);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < NUM_TAGS; t++) {
        let sum = 0;
        for (let f = 0; f < F; f++) if (rows[i * F + f]! >= 0) sum += W[rows[i * F + f]! * NUM_TAGS + t]!;
        b[i * NUM_TAGS + t] = sum;
      }
    }
    const rounded = emissions(rows, n, F, W);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(rounded[i]!, 4);
    let nonZero = 0;
    for (let i = 0; i < a.length; i++) {
      expect(a[i]).toBe(b[i]);
      if (a[i] !== 0) nonZero++;
    }
    expect(nonZero).toBeGreaterThan(a.length / 2);
    // A second weight array over the same index gets its own table.
    const W2 = W.map((x) => -x);
    expect(emissionsFromHashes(feats, n, F, idx, W2)[5]).toBe(-a[5]!);
  });

  it('packed emissions over one-byte weight codes (int8 × one scale, as shipped) equal the float sums exactly', () => {
    const rand = mulberry32(23);
    const unique = [...new Set(Array.from({ length: 20000 }, () => Math.floor(rand() * 0xffffffff) >>> 0 || 1))];
    const idx = new FeatureIndex(unique);
    const scale = 0.0137;
    // As format.ts decodes them: int8 × scale in a Float32Array (so -0 appears too), fewer than 256 values.
    const W = Float32Array.from(
      { length: unique.length * NUM_TAGS },
      () => (Math.round(rand() * 254) - 127) * scale * (rand() < 0.3 ? 0 : 1) * (rand() < 0.5 ? -1 : 1),
    );
    expect(new Set(W).size).toBeLessThanOrEqual(256);
    expect(W.some((x) => Object.is(x, -0))).toBe(true);
    const F = 47;
    const n = 400;
    const feats = Uint32Array.from({ length: n * F }, () => {
      const r = rand();
      return r < 0.4 ? 0 : r < 0.85 ? unique[Math.floor(rand() * unique.length)]! : Math.floor(rand() * 0xffffffff) >>> 0 || 1;
    });
    const a = emissionsFromHashes(feats, n, F, idx, W);
    const rows = idx.lookupAll(feats);
    let nonZero = 0;
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < NUM_TAGS; t++) {
        let sum = 0;
        for (let f = 0; f < F; f++) if (rows[i * F + f]! >= 0) sum += W[rows[i * F + f]! * NUM_TAGS + t]!;
        expect(Object.is(a[i * NUM_TAGS + t], Math.fround(sum))).toBe(true);
        if (sum !== 0) nonZero++;
      }
    }
    expect(nonZero).toBeGreaterThan((n * NUM_TAGS) / 2);
  });

  it('viterbi over predecessor lists equals the full scan (random scores, ties included)', () => {
    const rand = mulberry32(5);
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(rand() * 30);
      // Rounded scores make ties common, which is where the order of the scan matters.
      const r = () => Math.round(rand() * 6 - 3);
      const em = Float32Array.from({ length: n * NUM_TAGS }, r);
      const trans = Float32Array.from({ length: (NUM_TAGS + 1) * NUM_TAGS }, r);
      const end = Float32Array.from({ length: NUM_TAGS }, r);
      expect([...viterbi(em, n, trans, end)]).toEqual([...viterbiFullScan(em, n, trans, end)]);
    }
  });

  it('tagSpans with scores: false gives the same spans, without scores', () => {
    const text = '内蒙古自治区通辽市科尔沁区的王瑞新说，合作社负责人路国庆介绍了情况。';
    const tokens = [...text].map((ch, i) => ({ word: ch, tag: 'x', start: i, end: i + 1 }));
    const feats = extractFeatures(text, tokens, EMPTY_LEXICON);
    const hashes = [...new Set([...feats].filter((h) => h !== 0))];
    const rand = mulberry32(2);
    const model: NerModel = {
      header: { featureVersion: 0, numTemplates: NUM_TEMPLATES, numTags: NUM_TAGS, rows: hashes.length, scale: 1, lexiconBytes: 0, info: {} },
      index: new FeatureIndex(hashes),
      weights: Float32Array.from({ length: hashes.length * NUM_TAGS }, () => rand() * 2 - 1),
      trans: new Float32Array((NUM_TAGS + 1) * NUM_TAGS),
      end: new Float32Array(NUM_TAGS),
      lexicon: EMPTY_LEXICON,
    };
    const full = tagSpans(text, tokens, model);
    const bare = tagSpans(text, tokens, model, { scores: false });
    expect(full.length).toBeGreaterThan(0);
    expect(bare).toEqual(full.map(({ score: _score, ...rest }) => rest));
    expect(bare.every((m) => m.score === undefined)).toBe(true);
    expect(full.every((m) => typeof m.score === 'number')).toBe(true);
  });
});
