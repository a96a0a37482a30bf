/**
 * Weight averaging of two trained models ("model soup"): a linear model whose weights are a weighted mean of two
 * models' weights, each taken in its own int8 units (weight ÷ that model's scale), over the union of their
 * feature rows. It decodes like either model, one row per feature. Used by `npm run train` to blend the model
 * trained on MSRA with the one trained with People's Daily 1998-01 as a second domain (src/entities/model/README.md).
 * Pure: model data in, weights out (quantize them with format.ts `quantize`).
 */
import type { ModelData } from './format.js';
import type { TrainedWeights } from './perceptron.js';
import { NUM_TAGS } from './tags.js';

/**
 * `(1 − weight) · a + weight · b`, each model's weights divided by its scale first, over the union of rows: a row
 * one model lacks counts as zero there. Rows in `a`'s order, then `b`'s new ones in its order. Throws when the
 * models disagree on what a row means (feature version, templates, tags) or on the name lexicon that their
 * lexicon features read, or when `weight` is not in [0, 1].
 */
export function blendWeights(a: ModelData, b: ModelData, weight: number): TrainedWeights {
  if (!(weight >= 0 && weight <= 1)) throw new Error('blendWeights: weight must be in [0, 1]');
  const T = NUM_TAGS;
  for (const key of ['featureVersion', 'numTemplates', 'numTags'] as const) {
    if (a.header[key] !== b.header[key]) throw new Error(`blendWeights: the models differ in ${key} (${a.header[key]} and ${b.header[key]})`);
  }
  if (a.header.numTags !== T) throw new Error(`blendWeights: models have ${a.header.numTags} tags, the code ${T}`);
  if (!sameLexicon(a.lexicon, b.lexicon)) throw new Error('blendWeights: the models have different name lexicons');
  const ka = (1 - weight) / a.header.scale;
  const kb = weight / b.header.scale;
  const rowOf = new Map<number, number>();
  const hashes: number[] = [];
  for (const h of a.hashes) {
    rowOf.set(h, hashes.length);
    hashes.push(h);
  }
  for (const h of b.hashes) {
    if (!rowOf.has(h)) {
      rowOf.set(h, hashes.length);
      hashes.push(h);
    }
  }
  const weights = new Float32Array(hashes.length * T);
  const add = (m: ModelData, k: number): void => {
    for (let r = 0; r < m.hashes.length; r++) {
      const o = rowOf.get(m.hashes[r]!)! * T;
      for (let t = 0; t < T; t++) weights[o + t]! += k * m.weights[r * T + t]!;
    }
  };
  add(a, ka);
  add(b, kb);
  const mix = (x: Float32Array, y: Float32Array): Float32Array => {
    if (x.length !== y.length) throw new Error('blendWeights: the models differ in their transition weights');
    return x.map((v, i) => ka * v + kb * y[i]!);
  };
  return { hashes: Uint32Array.from(hashes), weights, trans: mix(a.trans, b.trans), end: mix(a.end, b.end) };
}

function sameLexicon(x: ModelData['lexicon'], y: ModelData['lexicon']): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i]![0] !== y[i]![0] || x[i]![1] !== y[i]![1]) return false;
  return true;
}
