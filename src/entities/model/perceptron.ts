/**
 * Averaged structured perceptron (Collins 2002) over the BIOES lattice. Pure: data in, weights out.
 * Averaging uses the lazy trick (keep w and Σ c·Δ; average = w − Σ c·Δ / c) so an update costs O(features).
 */
import { emissions, viterbi } from './decode.js';
import { NUM_TAGS, START } from './tags.js';

export interface TrainingSentence {
  /** n × F feature hashes from `extractFeatures`. */
  feats: Uint32Array;
  /** n gold tags. */
  tags: Uint8Array;
}

export interface TrainOptions {
  epochs: number;
  /** Seed of the shuffling of sentence order between epochs. */
  seed: number;
  /** Features seen in fewer sentences positions than this are dropped before training. */
  minCount?: number;
  /** Called after each epoch (for progress or held-out evaluation). */
  onEpoch?: (epoch: number, mistakes: number) => void;
}

export interface TrainedWeights {
  /** Feature hash of each weight row. */
  hashes: Uint32Array;
  /** rows × NUM_TAGS averaged emission weights. */
  weights: Float32Array;
  /** (NUM_TAGS + 1) × NUM_TAGS averaged transition weights (last row: from START). */
  trans: Float32Array;
  /** NUM_TAGS averaged end weights. */
  end: Float32Array;
}

/** The project's seeded PRNG (mulberry32), so training order (and thus the model) is reproducible. */
export { seededRandom as mulberry32 } from '../../util/random.js';
import { seededRandom as mulberry32, shuffleInPlace } from '../../util/random.js';

/**
 * Feature rows shared by the trainers: hash → row for hashes seen at least `minCount` times, in order of
 * first appearance (deterministic given the data), and each sentence's features as rows (-1: none).
 */
export function indexFeatureRows(
  data: readonly TrainingSentence[],
  F: number,
  minCount: number,
  who: string,
): { hashList: number[]; rowsOf: Int32Array[] } {
  const counts = new Map<number, number>();
  for (const s of data) {
    if (s.feats.length !== s.tags.length * F) throw new Error(`${who}: feats length is not n × F`);
    for (const h of s.feats) if (h !== 0) counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  const rowOf = new Map<number, number>();
  const hashList: number[] = [];
  for (const [h, c] of counts) {
    if (c >= minCount) {
      rowOf.set(h, hashList.length);
      hashList.push(h);
    }
  }
  const rowsOf = data.map((s) => {
    const r = new Int32Array(s.feats.length);
    for (let i = 0; i < r.length; i++) r[i] = s.feats[i] === 0 ? -1 : (rowOf.get(s.feats[i]!) ?? -1);
    return r;
  });
  return { hashList, rowsOf };
}

export function trainPerceptron(data: readonly TrainingSentence[], F: number, opts: TrainOptions): TrainedWeights {
  if (!Number.isInteger(opts.epochs) || opts.epochs < 1) throw new Error('trainPerceptron: epochs must be a positive integer');
  if (!Number.isInteger(F) || F < 1) throw new Error('trainPerceptron: F must be a positive integer');
  const T = NUM_TAGS;
  const minCount = opts.minCount ?? 1;

  const { hashList, rowsOf } = indexFeatureRows(data, F, minCount, 'trainPerceptron');

  const R = hashList.length;
  const W = new Float32Array(R * T);
  const U = new Float64Array(R * T);
  const TR = new Float32Array((T + 1) * T);
  const TU = new Float64Array((T + 1) * T);
  const EN = new Float32Array(T);
  const EU = new Float64Array(T);
  let c = 1;

  const rand = mulberry32(opts.seed);
  const order = data.map((_, i) => i);
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    shuffleInPlace(order, rand);
    let mistakes = 0;
    for (const si of order) {
      const s = data[si]!;
      const rows = rowsOf[si]!;
      const n = s.tags.length;
      if (n === 0) continue;
      const pred = viterbi(emissions(rows, n, F, W), n, TR, EN);
      let wrong = false;
      for (let i = 0; i < n; i++) if (pred[i] !== s.tags[i]) wrong = true;
      if (wrong) {
        mistakes++;
        for (let i = 0; i < n; i++) {
          const g = s.tags[i]!;
          const p = pred[i]!;
          if (g !== p) {
            const ro = i * F;
            for (let f = 0; f < F; f++) {
              const r = rows[ro + f]!;
              if (r < 0) continue;
              W[r * T + g]! += 1;
              U[r * T + g]! += c;
              W[r * T + p]! -= 1;
              U[r * T + p]! -= c;
            }
          }
          const gp = i === 0 ? START : s.tags[i - 1]!;
          const pp = i === 0 ? START : pred[i - 1]!;
          if (gp !== pp || g !== p) {
            TR[gp * T + g]! += 1;
            TU[gp * T + g]! += c;
            TR[pp * T + p]! -= 1;
            TU[pp * T + p]! -= c;
          }
        }
        const gl = s.tags[n - 1]!;
        const pl = pred[n - 1]!;
        if (gl !== pl) {
          EN[gl]! += 1;
          EU[gl]! += c;
          EN[pl]! -= 1;
          EU[pl]! -= c;
        }
      }
      c++;
    }
    opts.onEpoch?.(epoch, mistakes);
  }

  const avg = (w: Float32Array, u: Float64Array): Float32Array => {
    const out = new Float32Array(w.length);
    for (let i = 0; i < w.length; i++) out[i] = w[i]! - u[i]! / c;
    return out;
  };
  return { hashes: Uint32Array.from(hashList), weights: avg(W, U), trans: avg(TR, TU), end: avg(EN, EU) };
}
