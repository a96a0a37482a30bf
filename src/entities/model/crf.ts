/**
 * Linear-chain CRF trained by stochastic gradient ascent on the L2-regularized log-likelihood, over the
 * same masked BIOES lattice and features as the perceptron (an alternative trainer; same output shape, so
 * the model file and decoder do not care which one made the weights). Forward–backward runs in scaled
 * linear space; L2 decay is applied lazily through one global scale factor.
 */
import { emissions } from './decode.js';
import { ALLOWED, NUM_TAGS, START, canEnd } from './tags.js';
import { shuffleInPlace } from '../../util/random.js';
import { indexFeatureRows, mulberry32, type TrainedWeights, type TrainingSentence } from './perceptron.js';

export interface CrfOptions {
  epochs: number;
  seed: number;
  /** Initial learning rate (decays as 1 / (1 + epoch / 2)). */
  rate?: number;
  /** L2 strength per sentence step. */
  l2?: number;
  minCount?: number;
  onEpoch?: (epoch: number, loss: number) => void;
}

export function trainCrf(data: readonly TrainingSentence[], F: number, opts: CrfOptions): TrainedWeights {
  if (!Number.isInteger(opts.epochs) || opts.epochs < 1) throw new Error('trainCrf: epochs must be a positive integer');
  const T = NUM_TAGS;
  const rate0 = opts.rate ?? 0.05;
  const l2 = opts.l2 ?? 1e-5;
  const minCount = opts.minCount ?? 1;
  const { hashList, rowsOf } = indexFeatureRows(data, F, minCount, 'trainCrf');
  const R = hashList.length;
  const W = new Float32Array(R * T); // true weights = W * scale
  let scale = 1;
  const TR = new Float64Array((T + 1) * T);
  const EN = new Float64Array(T);
  const rand = mulberry32(opts.seed);
  const order = data.map((_, i) => i);
  const maxN = data.reduce((m, s) => Math.max(m, s.tags.length), 1);
  const alpha = new Float64Array(maxN * T);
  const beta = new Float64Array(maxN * T);
  const phi = new Float64Array(maxN * T);
  const c = new Float64Array(maxN);
  const psi = new Float64Array((T + 1) * T);
  const endPot = new Float64Array(T);
  const scaledW = { w: W };

  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    shuffleInPlace(order, rand);
    const rate = rate0 / (1 + (epoch - 1) / 2);
    let loss = 0;
    for (const si of order) {
      const s = data[si]!;
      const rows = rowsOf[si]!;
      const n = s.tags.length;
      if (n === 0) continue;
      const em = emissions(rows, n, F, scaledW.w);
      for (let k = 0; k < n * T; k++) em[k]! *= scale;
      for (let k = 0; k < psi.length; k++) psi[k] = ALLOWED[k] ? Math.exp(TR[k]!) : 0;
      for (let t = 0; t < T; t++) endPot[t] = canEnd(t) ? Math.exp(EN[t]!) : 0;
      for (let i = 0; i < n; i++) {
        let mx = -Infinity;
        for (let t = 0; t < T; t++) mx = Math.max(mx, em[i * T + t]!);
        for (let t = 0; t < T; t++) phi[i * T + t] = Math.exp(em[i * T + t]! - mx);
      }
      // Forward (normalized per position) and backward.
      let logZ = 0;
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let t = 0; t < T; t++) {
          let a = 0;
          if (i === 0) a = psi[START * T + t]!;
          else for (let p = 0; p < T; p++) a += alpha[(i - 1) * T + p]! * psi[p * T + t]!;
          a *= phi[i * T + t]!;
          alpha[i * T + t] = a;
          sum += a;
        }
        c[i] = sum;
        logZ += Math.log(sum);
        for (let t = 0; t < T; t++) alpha[i * T + t]! /= sum;
      }
      let z = 0;
      for (let t = 0; t < T; t++) z += alpha[(n - 1) * T + t]! * endPot[t]!;
      if (!(z > 0) || !Number.isFinite(logZ)) continue;
      for (let t = 0; t < T; t++) beta[(n - 1) * T + t] = endPot[t]! / z;
      for (let i = n - 2; i >= 0; i--) {
        for (let p = 0; p < T; p++) {
          let b = 0;
          for (let t = 0; t < T; t++) b += psi[p * T + t]! * phi[(i + 1) * T + t]! * beta[(i + 1) * T + t]!;
          beta[i * T + p] = b / c[i + 1]!;
        }
      }
      // Gold path log-probability (for the reported loss only), using the max-shifted emissions.
      let gold = 0;
      for (let i = 0; i < n; i++) {
        const g = s.tags[i]!;
        gold += Math.log(phi[i * T + g]!) + Math.log(psi[(i === 0 ? START : s.tags[i - 1]!) * T + g]! || 1e-300);
      }
      gold += Math.log(endPot[s.tags[n - 1]!]! || 1e-300);
      loss += logZ + Math.log(z) - gold;

      // L2 decay (lazy) then gradient step: gold − expected.
      scale *= 1 - rate * l2;
      if (scale < 1e-6) {
        for (let k = 0; k < W.length; k++) W[k]! *= scale;
        scale = 1;
      }
      const step = rate / scale;
      for (let i = 0; i < n; i++) {
        const g = s.tags[i]!;
        const ro = i * F;
        for (let t = 0; t < T; t++) {
          const marg = alpha[i * T + t]! * beta[i * T + t]!;
          const d = (t === g ? 1 : 0) - marg;
          if (d > -1e-6 && d < 1e-6) continue;
          for (let f = 0; f < F; f++) {
            const r = rows[ro + f]!;
            if (r >= 0) W[r * T + t]! += step * d;
          }
        }
        // Transition expectations.
        if (i === 0) {
          for (let t = 0; t < T; t++) TR[START * T + t]! -= rate * alpha[t]! * beta[t]!;
          TR[START * T + g]! += rate;
        } else {
          for (let p = 0; p < T; p++) {
            const ap = alpha[(i - 1) * T + p]!;
            if (ap === 0) continue;
            for (let t = 0; t < T; t++) {
              const k = p * T + t;
              if (!ALLOWED[k]) continue;
              TR[k]! -= (rate * ap * psi[k]! * phi[i * T + t]! * beta[i * T + t]!) / c[i]!;
            }
          }
          TR[s.tags[i - 1]! * T + g]! += rate;
        }
      }
      for (let t = 0; t < T; t++) EN[t]! -= rate * alpha[(n - 1) * T + t]! * beta[(n - 1) * T + t]!;
      EN[s.tags[n - 1]!]! += rate;
    }
    opts.onEpoch?.(epoch, loss);
  }
  const weights = new Float32Array(W.length);
  for (let k = 0; k < W.length; k++) weights[k] = W[k]! * scale;
  return { hashes: Uint32Array.from(hashList), weights, trans: Float32Array.from(TR), end: Float32Array.from(EN) };
}
