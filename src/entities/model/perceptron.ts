/**
 * Averaged structured perceptron (Collins 2002) over the BIOES lattice. Pure: data in, weights out.
 * Averaging uses the lazy trick (keep w and Σ c·Δ; average = w − Σ c·Δ / c) so an update costs O(features).
 */
import { emissions, viterbi } from './decode.js';
import { HashCounts } from './counts.js';
import { NUM_TAGS, START } from './tags.js';

export interface TrainingSentence {
  /** n × F feature hashes from `extractFeatures`. */
  feats: Uint32Array;
  /** n gold tags. */
  tags: Uint8Array;
  /** Size of this sentence's updates (default 1): a corpus annotated to other conventions can count less. */
  weight?: number;
  /**
   * Partial annotation: per unit, a bit mask of the tags the annotation allows (bit t = tag t). When set,
   * the target of an update is the best path the current weights find among the allowed ones (latent
   * structured perceptron), so a corpus that leaves some names unmarked still teaches what it marks.
   */
  allowed?: Uint16Array;
  /**
   * Domain of the sentence's corpus (0 … domains − 1) when training with `domains` (feature augmentation,
   * Daumé 2007): each feature has a shared row and one row per domain, a sentence sees the shared row plus its
   * domain's; a model for one domain adds that domain's rows to the shared ones (`forDomain`).
   */
  domain?: number;
}

export interface TrainOptions {
  epochs: number;
  /** Seed of the shuffling of sentence order between epochs. */
  seed: number;
  /** Features seen in fewer sentences positions than this are dropped before training. */
  minCount?: number;
  /** Called after each epoch (for progress or held-out evaluation). */
  onEpoch?: (epoch: number, mistakes: number) => void;
  /** Epochs after which `onCheckpoint` receives the averaged weights so far (to choose epochs on held-out data). */
  checkpoints?: readonly number[];
  onCheckpoint?: (epoch: number, weights: TrainedWeights) => void;
  /** Number of domains for feature augmentation (0 or absent: none). */
  domains?: number;
  /**
   * Cost-augmented decoding (a structured large-margin perceptron): in training, every tag but the gold one
   * scores `margin` more, so a sentence updates until its gold path wins by at least that much (0: none).
   */
  margin?: number;
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
  /** With `domains`: D × rows × NUM_TAGS averaged per-domain emission weights (see `forDomain`). */
  domainWeights?: Float32Array;
}

/**
 * The weights one domain's text is decoded with: the shared rows plus that domain's rows (`null`: the shared
 * rows alone). Without domain weights, `w` itself.
 */
export function forDomain(w: TrainedWeights, domain: number | null): TrainedWeights {
  const { domainWeights, ...rest } = w;
  if (!domainWeights || domain === null) return rest;
  const size = w.weights.length;
  if (!Number.isInteger(domain) || domain < 0 || (domain + 1) * size > domainWeights.length) throw new Error(`forDomain: no domain ${domain}`);
  const weights = new Float32Array(size);
  for (let i = 0; i < size; i++) weights[i] = w.weights[i]! + domainWeights[domain * size + i]!;
  return { ...rest, weights };
}

/** The project's seeded PRNG (mulberry32), so training order (and thus the model) is reproducible. */
export { seededRandom as mulberry32 } from '../../util/random.js';
import { seededRandom as mulberry32, shuffleInPlace } from '../../util/random.js';

/**
 * Feature rows shared by the trainers: hash → row for hashes seen at least `minCount` times, in order of
 * first appearance (deterministic given the data), and each sentence's features as rows (-1: none).
 */
export function indexFeatureRows(data: readonly TrainingSentence[], F: number, minCount: number, who: string): { hashList: number[]; rowsOf: Int32Array[] } {
  const counts = new HashCounts();
  for (const s of data) {
    if (s.feats.length !== s.tags.length * F) throw new Error(`${who}: feats length is not n × F`);
    for (const h of s.feats) counts.add(h);
  }
  // Rows in order of first appearance among the hashes seen at least minCount times; the table then holds
  // row + 1 (0: dropped), marked by setting rows as they are first met.
  counts.map((_, c) => (c >= minCount ? 0xffffffff : 0));
  const hashList: number[] = [];
  for (const s of data) {
    for (const h of s.feats) {
      if (h !== 0 && counts.get(h) === 0xffffffff) {
        hashList.push(h);
        counts.set(h, hashList.length);
      }
    }
  }
  const rowsOf = data.map((s) => {
    const r = new Int32Array(s.feats.length);
    for (let i = 0; i < r.length; i++) r[i] = s.feats[i] === 0 ? -1 : counts.get(s.feats[i]!) - 1;
    return r;
  });
  return { hashList, rowsOf };
}

/** The best path under `em` whose every tag the mask allows (a disallowed tag costs -Infinity). */
function constrainedBest(em: Float32Array, allowed: Uint16Array, n: number, TR: Float32Array, EN: Float32Array): Uint8Array {
  const T = NUM_TAGS;
  const masked = new Float32Array(em.length);
  for (let i = 0; i < n; i++) {
    const m = allowed[i]!;
    for (let t = 0; t < T; t++) masked[i * T + t] = m & (1 << t) ? em[i * T + t]! : -Infinity;
  }
  return viterbi(masked, n, TR, EN);
}

export function trainPerceptron(data: readonly TrainingSentence[], F: number, opts: TrainOptions): TrainedWeights {
  if (!Number.isInteger(opts.epochs) || opts.epochs < 1) throw new Error('trainPerceptron: epochs must be a positive integer');
  if (!Number.isInteger(F) || F < 1) throw new Error('trainPerceptron: F must be a positive integer');
  const T = NUM_TAGS;
  const minCount = opts.minCount ?? 1;
  const margin = opts.margin ?? 0;
  if (!(margin >= 0)) throw new Error('trainPerceptron: margin must be a non-negative number');

  const indexed = indexFeatureRows(data, F, minCount, 'trainPerceptron');
  const hashList = indexed.hashList;
  const R = hashList.length;
  const D = opts.domains ?? 0;
  if (!Number.isInteger(D) || D < 0) throw new Error('trainPerceptron: domains must be a non-negative integer');
  // With domains, each position's rows are its F shared rows followed by the same features' rows of its domain.
  const FF = D > 0 ? 2 * F : F;
  const rowsOf =
    D > 0
      ? indexed.rowsOf.map((r, si) => {
          const d = data[si]!.domain ?? 0;
          if (!Number.isInteger(d) || d < 0 || d >= D) throw new Error(`trainPerceptron: sentence ${si} has no domain in 0…${D - 1}`);
          const n = r.length / F;
          const out = new Int32Array(n * FF);
          for (let i = 0; i < n; i++) {
            for (let f = 0; f < F; f++) {
              const row = r[i * F + f]!;
              out[i * FF + f] = row;
              out[i * FF + F + f] = row < 0 ? -1 : R * (1 + d) + row;
            }
          }
          return out;
        })
      : indexed.rowsOf;
  if (D > 0) indexed.rowsOf.length = 0;

  const W = new Float32Array(R * (1 + D) * T);
  const U = new Float64Array(R * (1 + D) * T);
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
      const em = emissions(rows, n, FF, W);
      const gold = s.allowed ? constrainedBest(em, s.allowed, n, TR, EN) : s.tags;
      if (margin > 0) for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) if (t !== gold[i]) em[i * T + t]! += margin;
      const pred = viterbi(em, n, TR, EN);
      let wrong = false;
      for (let i = 0; i < n; i++) if (pred[i] !== gold[i]) wrong = true;
      if (wrong) {
        const wt = s.weight ?? 1;
        const cw = c * wt;
        mistakes++;
        for (let i = 0; i < n; i++) {
          const g = gold[i]!;
          const p = pred[i]!;
          if (g !== p) {
            const ro = i * FF;
            for (let f = 0; f < FF; f++) {
              const r = rows[ro + f]!;
              if (r < 0) continue;
              W[r * T + g]! += wt;
              U[r * T + g]! += cw;
              W[r * T + p]! -= wt;
              U[r * T + p]! -= cw;
            }
          }
          const gp = i === 0 ? START : gold[i - 1]!;
          const pp = i === 0 ? START : pred[i - 1]!;
          if (gp !== pp || g !== p) {
            TR[gp * T + g]! += wt;
            TU[gp * T + g]! += cw;
            TR[pp * T + p]! -= wt;
            TU[pp * T + p]! -= cw;
          }
        }
        const gl = gold[n - 1]!;
        const pl = pred[n - 1]!;
        if (gl !== pl) {
          EN[gl]! += wt;
          EU[gl]! += cw;
          EN[pl]! -= wt;
          EU[pl]! -= cw;
        }
      }
      c++;
    }
    opts.onEpoch?.(epoch, mistakes);
    if (epoch < opts.epochs && opts.onCheckpoint && opts.checkpoints?.includes(epoch)) opts.onCheckpoint(epoch, averaged());
  }

  function averaged(): TrainedWeights {
    const avg = (w: Float32Array, u: Float64Array): Float32Array => {
      const out = new Float32Array(w.length);
      for (let i = 0; i < w.length; i++) out[i] = w[i]! - u[i]! / c;
      return out;
    };
    const all = avg(W, U);
    const shared = R * T;
    return {
      hashes: Uint32Array.from(hashList),
      weights: D > 0 ? all.slice(0, shared) : all,
      trans: avg(TR, TU),
      end: avg(EN, EU),
      ...(D > 0 ? { domainWeights: all.slice(shared) } : {}),
    };
  }
  return averaged();
}
