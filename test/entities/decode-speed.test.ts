/**
 * The fast decoding paths give exactly what the plain ones give: the packed emission table (weights in
 * slot order) against lookup + emissions, the unrolled Viterbi against a full scan of the mask, the unrolled
 * forward–backward span scores against a plain loop over the allowed pairs (every score compared with
 * Object.is: a sum taken in another order changes the last bits), and tagSpans without scores against
 * tagSpans with them.
 */
import { describe, expect, it } from 'vitest';
import { ALLOWED, MODEL_KINDS, NUM_TAGS, START, canEnd } from '../../src/entities/model/tags.js';
import {
  FeatureIndex,
  adoptPackedIndex,
  codeWords,
  emissions,
  emissionsFromHashes,
  packedIndex,
  recordsTagged,
  viterbi,
} from '../../src/entities/model/decode.js';
import { mulberry32 } from '../../src/entities/model/perceptron.js';
import { EMPTY_LEXICON, NUM_TEMPLATES, extractFeatures } from '../../src/entities/model/features.js';
import { addScores, readSpans, tagSpans, type NerModel } from '../../src/entities/model/index.js';
import type { Mention } from '../../src/types.js';

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

/**
 * Span posteriors as first written: potentials of the allowed pairs, then a scaled forward–backward whose
 * sums run over the allowed (prev, cur) pairs, prev-major, each into a zeroed array.
 */
function scoresReference(spans: Mention[], em: Float32Array, n: number, m: NerModel): void {
  const T = NUM_TAGS;
  const inv = 1 / (m.header.temperature ?? 1);
  const pot = (x: number): number => Math.max(1e-26, Math.exp(x * inv));
  const psi = new Float64Array((T + 1) * T);
  let tmax = -Infinity;
  for (let i = 0; i < psi.length; i++) if (ALLOWED[i]) tmax = Math.max(tmax, m.trans[i]!);
  for (let i = 0; i < psi.length; i++) psi[i] = ALLOWED[i] ? pot(m.trans[i]! - tmax) : 0;
  let emax = -Infinity;
  for (let t = 0; t < T; t++) if (canEnd(t)) emax = Math.max(emax, m.end[t]!);
  const endPot = new Float64Array(T);
  for (let t = 0; t < T; t++) endPot[t] = canEnd(t) ? pot(m.end[t]! - emax) : 0;
  const pairs: [number, number][] = [];
  for (let p = 0; p < T; p++) for (let t = 0; t < T; t++) if (ALLOWED[p * T + t]) pairs.push([p, t]);
  const phi = new Float64Array(n * T);
  for (let i = 0; i < n; i++) {
    let mx = -Infinity;
    for (let t = 0; t < T; t++) mx = Math.max(mx, em[i * T + t]!);
    for (let t = 0; t < T; t++) {
      const d = (em[i * T + t]! - mx) * inv;
      phi[i * T + t] = d < -60 ? 1e-26 : Math.exp(d);
    }
  }
  const alpha = new Float64Array(n * T);
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (i === 0) for (let t = 0; t < T; t++) alpha[t] = psi[START * T + t]!;
    else for (const [p, t] of pairs) alpha[i * T + t]! += alpha[(i - 1) * T + p]! * psi[p * T + t]!;
    let sum = 0;
    for (let t = 0; t < T; t++) sum += alpha[i * T + t]! *= phi[i * T + t]!;
    if (!(sum > 0)) return;
    c[i] = sum;
    for (let t = 0; t < T; t++) alpha[i * T + t]! /= sum;
  }
  let z = 0;
  for (let t = 0; t < T; t++) z += alpha[(n - 1) * T + t]! * endPot[t]!;
  if (!(z > 0)) return;
  const beta = new Float64Array(n * T);
  for (let t = 0; t < T; t++) beta[(n - 1) * T + t] = endPot[t]! / z;
  for (let i = n - 2; i >= 0; i--) {
    const next = Array.from({ length: T }, (_, t) => phi[(i + 1) * T + t]! * beta[(i + 1) * T + t]!);
    for (const [p, t] of pairs) beta[i * T + p]! += psi[p * T + t]! * next[t]!;
    for (let t = 0; t < T; t++) beta[i * T + t]! /= c[i + 1]!;
  }
  for (const s of spans) {
    const k = MODEL_KINDS.indexOf(s.kind);
    if (k < 0 || s.start < 0 || s.end > n || s.end <= s.start) continue;
    const tag = (i: number): number => 1 + 4 * k + (s.end - s.start === 1 ? 3 : i === s.start ? 0 : i === s.end - 1 ? 2 : 1);
    let p = alpha[s.start * T + tag(s.start)]!;
    for (let i = s.start + 1; i < s.end; i++) p *= (psi[tag(i - 1) * T + tag(i)]! * phi[i * T + tag(i)]!) / c[i]!;
    p *= beta[(s.end - 1) * T + tag(s.end - 1)]!;
    if (Number.isFinite(p)) s.score = Math.min(1, Math.max(0, p));
  }
}

/** Every span of each model kind (and one of another kind) up to `maxLen` units over n units. */
function allSpans(n: number, maxLen: number): Mention[] {
  const out: Mention[] = [];
  for (let start = 0; start < n; start++) {
    for (let end = start + 1; end <= Math.min(n, start + maxLen); end++) {
      for (const kind of [...MODEL_KINDS, 'PROGRAM' as const]) out.push({ start, end, kind, text: '' });
    }
  }
  return out;
}

/** A model with random transitions, end scores and temperature, no features (for scores over given emissions). */
function randomModel(rand: () => number): NerModel {
  return {
    header: {
      featureVersion: 0,
      numTemplates: NUM_TEMPLATES,
      numTags: NUM_TAGS,
      rows: 0,
      scale: 1,
      lexiconBytes: 0,
      info: {},
      ...(rand() < 0.8 ? { temperature: 0.3 + rand() * 6 } : {}),
    },
    index: new FeatureIndex([]),
    weights: new Float32Array(0),
    trans: Float32Array.from({ length: (NUM_TAGS + 1) * NUM_TAGS }, () => rand() * 8 - 4),
    end: Float32Array.from({ length: NUM_TAGS }, () => rand() * 4 - 2),
    lexicon: EMPTY_LEXICON,
  };
}

/**
 * Reference emissions: the rows of lookupAll, weights added in feature order in double precision, then stored as
 * Float32 (as the fused path did before its table was packed; `emissions` rounds at every addition).
 */
function referenceEmissions(idx: FeatureIndex, feats: Uint32Array, n: number, F: number, W: Float32Array): Float32Array {
  const rows = idx.lookupAll(feats);
  const out = new Float32Array(n * NUM_TAGS);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < NUM_TAGS; t++) {
      let sum = 0;
      for (let f = 0; f < F; f++) if (rows[i * F + f]! >= 0) sum += W[rows[i * F + f]! * NUM_TAGS + t]!;
      out[i * NUM_TAGS + t] = sum;
    }
  }
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
    const rows = idx.lookupAll(feats);
    const b = referenceEmissions(idx, feats, n, F, W);
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
    // Slots marked sparse are tested against the table's presence filter before the probe: the same rows are found
    // (a filter that said a held key absent would drop its row from the sums), and the unmarked slots are unchanged.
    for (const sparse of [Uint8Array.from({ length: F }, (_, f) => f % 2), new Uint8Array(F).fill(1)]) {
      const c = emissionsFromHashes(feats, n, F, idx, W, undefined, sparse);
      for (let k = 0; k < a.length; k++) expect(Object.is(c[k], a[k])).toBe(true);
    }
  });

  it('tagged records find exactly the keys of the table: keys far from their home slot; a table without tags is refused', () => {
    const rand = mulberry32(31);
    // 200 keys with one home slot in a table of 2^15 slots ((h ^ (h >>> 15)) & 0x7fff = 1234): the last lie more than
    // 127 slots on, which a tag cannot say, so the table doubles; then 3000 keys spread at random.
    const crowded = Array.from({ length: 200 }, (_, x) => (((x + 1) << 15) | ((1234 ^ (x + 1)) & 0x7fff)) >>> 0);
    for (const h of crowded) expect(((h ^ (h >>> 15)) & 0x7fff) === 1234).toBe(true);
    const spread = Array.from({ length: 3000 }, () => Math.floor(rand() * 0xffffffff) >>> 0 || 1);
    const unique = [...new Set([...crowded, ...spread])];
    const idx = new FeatureIndex(unique);
    const W = Float32Array.from({ length: unique.length * NUM_TAGS }, () => (Math.round(rand() * 200) - 100) * 0.25);
    const F = 9;
    const n = 500;
    // Held keys (the crowded ones often), absent ones, and absent keys whose home slot is the crowded one.
    const feats = Uint32Array.from({ length: n * F }, () => {
      const r = rand();
      if (r < 0.1) return 0;
      if (r < 0.4) return crowded[Math.floor(rand() * crowded.length)]!;
      if (r < 0.7) return unique[Math.floor(rand() * unique.length)]!;
      if (r < 0.85) return (((300 + Math.floor(rand() * 1000)) << 15) | ((1234 ^ (300 + Math.floor(rand() * 1000))) & 0x7fff)) >>> 0 || 1;
      return Math.floor(rand() * 0xffffffff) >>> 0 || 1;
    });
    const expected = referenceEmissions(idx, feats, n, F, W);
    const packed = packedIndex(idx, W);
    expect(packed.codes).toBeDefined();
    expect(packed.mask).toBeGreaterThan(0x7fff);
    const a = emissionsFromHashes(feats, n, F, idx, W);
    let nonZero = 0;
    for (let k = 0; k < a.length; k++) {
      expect(Object.is(a[k], expected[k])).toBe(true);
      if (a[k] !== 0) nonZero++;
    }
    expect(nonZero).toBeGreaterThan(a.length / 2);
    // The same table without its tags (a table made elsewhere, such as a damaged cache file) is refused.
    expect(recordsTagged(packed)).toBe(true);
    const codes = packed.codes!.slice();
    for (let t = 0; t < packed.keys.length; t++) codes.fill(0, t * 16 + 13, t * 16 + 16);
    expect(recordsTagged({ ...packed, codes })).toBe(false);
    expect(() => adoptPackedIndex(idx, W.slice(), { ...packed, codes })).toThrow(TypeError);
  });

  it('reads the one-byte codes as little-endian words, from a view or, unaligned, from a copy', () => {
    const rand = mulberry32(7);
    const buffer = new Uint8Array(1 + 64);
    for (let i = 0; i < buffer.length; i++) buffer[i] = Math.floor(rand() * 256);
    const view = new DataView(buffer.buffer);
    for (const offset of [0, 1]) {
      const codes = buffer.subarray(offset, offset + 64);
      const words = codeWords(codes);
      expect(words.length).toBe(16);
      for (let j = 0; j < 16; j++) expect(words[j]).toBe(view.getUint32(offset + 4 * j, true));
    }
  });
  it('viterbi over predecessor lists equals the full scan (random scores, ties included)', () => {
    const rand = mulberry32(5);
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(rand() * (round % 10 === 0 ? 400 : 30));
      // Rounded scores make ties common, which is where the order of the scan matters.
      // A few emissions of -Infinity: tags no path can take, where the scan's first predecessor stays 0.
      const r = () => (rand() < 0.02 ? -Infinity : Math.round(rand() * 6 - 3));
      const em = Float32Array.from({ length: n * NUM_TAGS }, r);
      const finite = () => Math.round(rand() * 6 - 3);
      const trans = Float32Array.from({ length: (NUM_TAGS + 1) * NUM_TAGS }, finite);
      const end = Float32Array.from({ length: NUM_TAGS }, finite);
      expect([...viterbi(em, n, trans, end)]).toEqual([...viterbiFullScan(em, n, trans, end)]);
    }
  });

  it('span scores equal a plain forward–backward bit for bit (random emissions, margins that underflow)', () => {
    const rand = mulberry32(17);
    let scored = 0;
    for (let round = 0; round < 60; round++) {
      const m = randomModel(rand);
      const n = 1 + Math.floor(rand() * (round % 4 === 0 ? 300 : 40));
      // Mostly moderate scores, some huge margins (exp underflows, the 1e-26 floor) and exact ties.
      const wide = rand() < 0.3 ? 400 : 12;
      const em = Float32Array.from({ length: n * NUM_TAGS }, () => (rand() < 0.1 ? 0 : (rand() - 0.5) * wide));
      const got = allSpans(n, 6);
      const want = allSpans(n, 6);
      addScores(got, em, n, m);
      scoresReference(want, em, n, m);
      for (let k = 0; k < got.length; k++) {
        if (!Object.is(got[k]!.score, want[k]!.score))
          expect({ round, span: got[k], score: got[k]!.score }).toEqual({ round, span: got[k], score: want[k]!.score });
        if (got[k]!.score !== undefined) scored++;
      }
    }
    expect(scored).toBeGreaterThan(10000);
  });

  it('a scorer called after other texts were read gives the scores it gives at once', () => {
    const rand = mulberry32(29);
    // Short, too long for the shared work arrays (more than 2^20 / 13 units), short, and long enough to grow them.
    const texts = ['王瑞新在通辽市科尔沁区工作。', '内蒙古自治区的合作社负责人路国庆介绍了情况。'.repeat(4000), '李明说。', '赵刚在呼和浩特市。'.repeat(150)];
    const tokens = texts.map((t) => [...t].map((ch, i) => ({ word: ch, tag: 'x', start: i, end: i + 1 })));
    const hashes = [...new Set(texts.flatMap((t, i) => [...extractFeatures(t, tokens[i]!, EMPTY_LEXICON)]).filter((h) => h !== 0))];
    const model: NerModel = {
      ...randomModel(rand),
      index: new FeatureIndex(hashes),
      weights: Float32Array.from({ length: hashes.length * NUM_TAGS }, () => rand() * 2 - 1),
    };
    const at = (i: number): Mention[] => allSpans(Math.min(texts[i]!.length, 60), 4);
    const once = texts.map((t, i) => {
      const spans = at(i);
      readSpans(t, tokens[i], model).score(spans);
      return spans;
    });
    // Read all four, then score out of order, some twice: a scorer whose shared work arrays another text took
    // computes them again; one whose arrays were outgrown keeps them; the longest text has arrays of its own.
    const readings = texts.map((t, i) => readSpans(t, tokens[i], model));
    for (const i of [2, 0, 1, 0, 2, 3, 0, 1, 3]) {
      const spans = at(i);
      readings[i]!.score(spans);
      expect(spans.map((s) => s.score)).toEqual(once[i]!.map((s) => s.score));
      spans.forEach((s, k) => expect(Object.is(s.score, once[i]![k]!.score)).toBe(true));
    }
    expect(once.flat().filter((s) => typeof s.score === 'number').length).toBeGreaterThan(500);
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
