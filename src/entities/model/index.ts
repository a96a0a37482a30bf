/**
 * Run-time API of the character-level NER model (averaged structured perceptron over BIOES tags, trained by
 * `npm run train`, shipped as data/ner-model.bin):
 *   loadModel(path?) → NerModel (cached per path), hasModel(path?), tagSpans(text, tokens?, model?) → Mention[].
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Mention, Token } from '../../types.js';
import { dataPath } from '../../paths.js';
import { segment } from '../../segment/jieba.js';
import { FEATURE_VERSION, NUM_TEMPLATES, buildLexicon, extractFeatures, lexiconFromTable, typedTypes, type Lexicon } from './features.js';
import { FeatureIndex, adoptPackedIndex, emissionsFromHashes, packedIndex, viterbi, type PackedIndex } from './decode.js';
import { U32Map, type U32MapTables } from './u32map.js';
import { decodeModel, type ModelData, type ModelHeader } from './format.js';
import { ALLOWED, CLOSING_TAGS as CLOSED, MODEL_KINDS, NUM_TAGS, OPENING_TAGS as OPENING, START, canEnd, tagsToSpans } from './tags.js';

export interface NerModel {
  header: ModelHeader;
  index: FeatureIndex;
  /** rows × NUM_TAGS emission weights. */
  weights: Float32Array;
  /** (NUM_TAGS + 1) × NUM_TAGS transition weights; the last row is from the start state. */
  trans: Float32Array;
  end: Float32Array;
  lexicon: Lexicon;
}

/** Builds a model from decoded model data; throws when it was trained with other feature templates. */
export function modelFromData(d: ModelData): NerModel {
  if (d.header.featureVersion !== FEATURE_VERSION || d.header.numTemplates !== NUM_TEMPLATES) {
    throw new Error(
      `ner model: trained with features v${d.header.featureVersion}/${d.header.numTemplates}, code has v${FEATURE_VERSION}/${NUM_TEMPLATES}; run npm run train`,
    );
  }
  return {
    header: d.header,
    index: new FeatureIndex(d.hashes),
    weights: d.weights,
    trans: d.trans,
    end: d.end,
    lexicon: buildLexicon(d.lexicon),
  };
}

const cache = new Map<string, NerModel>();

/** The path `loadModel(path)` caches its model under (the absolute path of the file). */
export function modelPath(path?: string): string {
  return resolve(path ?? dataPath('ner-model.bin'));
}

/** Whether a model file exists at `path` (default data/ner-model.bin). */
export function hasModel(path?: string): boolean {
  return existsSync(modelPath(path));
}

/** Loads (once per path) the model file. Throws if missing or invalid. */
export function loadModel(path?: string): NerModel {
  const p = modelPath(path);
  let m = cache.get(p);
  if (!m) {
    if (!existsSync(p)) throw new Error(`ner model: ${p} not found (run npm run train)`);
    m = modelFromData(decodeModel(readFileSync(p)));
    cache.set(p, m);
  }
  return m;
}

/**
 * What inference reads of a loaded model, in shared memory: the run-time feature table, the lexicon's typed
 * table, transitions and header. The extraction pool builds it once in the main thread and sends it to every
 * worker (structured clone shares SharedArrayBuffers instead of copying them), so the workers neither decode
 * the model file nor build the tables again, and their lookups hit one copy in the shared cache.
 */
export interface SharedModel {
  path: string;
  header: ModelHeader;
  trans: Float32Array;
  end: Float32Array;
  packed: PackedIndex;
  lexicon: U32MapTables;
  lexiconMaxLen: number;
}

function shared<T extends Float32Array | Float64Array | Uint32Array | Int32Array | Uint8Array>(a: T): T {
  const ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const copy = new ctor(new SharedArrayBuffer(a.byteLength));
  copy.set(a);
  return copy;
}

/**
 * The inference tables of the model at `path` (default data/ner-model.bin), in this thread's memory (the
 * arrays the loaded model uses, not copies): what `shareModel` shares and a table cache keeps.
 */
export function modelTables(path?: string): SharedModel {
  const m = loadModel(path);
  const p = packedIndex(m.index, m.weights);
  const lex = typedTypes(m.lexicon).tables();
  return {
    path: modelPath(path),
    header: m.header,
    trans: m.trans,
    end: m.end,
    packed: { keys: p.keys, mask: p.mask, weights: p.weights, ...(p.codes ? { codes: p.codes, values: p.values! } : {}) },
    lexicon: { keys: lex.keys, vals: lex.vals, zero: lex.zero },
    lexiconMaxLen: m.lexicon.maxLen,
  };
}

/** The inference tables of the model at `path` (default data/ner-model.bin), copied into shared memory. */
export function shareModel(path?: string): SharedModel {
  const t = modelTables(path);
  const p = t.packed;
  return {
    ...t,
    trans: shared(t.trans),
    end: shared(t.end),
    packed: { keys: shared(p.keys), mask: p.mask, weights: shared(p.weights), ...(p.codes ? { codes: shared(p.codes), values: shared(p.values!) } : {}) },
    lexicon: { keys: shared(t.lexicon.keys), vals: shared(t.lexicon.vals), zero: t.lexicon.zero },
  };
}

/**
 * Installs a model shared by `shareModel` (in another thread) as this thread's model for its path: later
 * `loadModel` calls for that path return it without reading the file. Inference gives exactly what the
 * file's model gives (same tables); the index and weights of the returned model are empty (training and
 * inspection load the file instead).
 */
export function adoptSharedModel(s: SharedModel): NerModel {
  const index = new FeatureIndex([]);
  const weights = new Float32Array(0);
  adoptPackedIndex(index, weights, s.packed);
  const m: NerModel = {
    header: s.header,
    index,
    weights,
    trans: s.trans,
    end: s.end,
    lexicon: lexiconFromTable(U32Map.fromTables(s.lexicon), s.lexiconMaxLen),
  };
  cache.set(s.path, m);
  return m;
}

/** Best tag sequence for `text` (one tag per UTF-16 unit) and the emission scores it came from. */
export function decodeTags(text: string, tokens: readonly Token[], model: NerModel): { tags: Uint8Array; em: Float32Array } {
  const n = text.length;
  const em = emissionsFromHashes(extractFeatures(text, tokens, model.lexicon, { reuse: true }), n, NUM_TEMPLATES, model.index, model.weights);
  return { tags: viterbi(em, n, model.trans, model.end), em };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Entity mentions (PERSON, PLACE, ORGANIZATION) the model finds in `text`, in text order, with offsets in
 * UTF-16 units and `score` = the model's posterior probability of exactly that span (forward–backward over
 * the perceptron scores; a confidence, not a calibrated probability). `tokens` must be `segment(text)` or
 * equivalent; they are computed when omitted. `options.scores: false` leaves `score` unset (same spans,
 * ~15% faster). Never throws on any string.
 */
export function tagSpans(text: string, tokens?: Token[], model?: NerModel, options: { scores?: boolean } = {}): Mention[] {
  const reading = readSpans(text, tokens, model);
  // Scores cost a forward–backward pass; callers that drop them (recognize) skip it.
  if (options.scores !== false) reading.score(reading.spans);
  return reading.spans;
}

/**
 * The model's spans of `text` (as `tagSpans` without scores) and a scorer that sets `score` on any spans of
 * the model's kinds over the same text — the model's own, or other recognizers' — as the posterior of
 * exactly that span and kind. One decoding serves both; the forward–backward pass runs on the first call.
 */
export function readSpans(text: string, tokens?: Token[], model?: NerModel): { spans: Mention[]; score: (spans: Mention[]) => void } {
  if (typeof text !== 'string' || text.length === 0) return { spans: [], score: () => {} };
  const m = model ?? loadModel();
  const toks = tokens ?? segment(text);
  const { tags, em } = decodeTags(text, toks, m);
  const spans = tagsToSpans(text, tags).filter(
    // Never split a surrogate pair (an astral character is one character to the reader).
    (s) => !isLowSurrogate(text.charCodeAt(s.start)) && !(s.end < text.length && isLowSurrogate(text.charCodeAt(s.end))),
  );
  let scorer: ((spans: Mention[]) => void) | undefined;
  return {
    spans,
    score: (these) => {
      if (these.length === 0) return;
      scorer ??= posteriors(em, text.length, m);
      scorer(these);
    },
  };
}

/** Sets `score` on each span: posterior of its exact tag run, by scaled forward–backward (exported for tests). */
export function addScores(spans: Mention[], em: Float32Array, n: number, m: NerModel): void {
  posteriors(em, n, m)(spans);
}

/**
 * Potentials exp(weight / temperature) of a model's allowed transitions, shifted by their maximum (which
 * changes no posterior). The temperature (chosen by training on held-out data) softens the perceptron's
 * large margins so that scores say something; it does not change the decoded spans.
 */
interface Potentials {
  psi: Float64Array;
  endPot: Float64Array;
  /** psi of the pairs closed tag → opening tag, by opening tag: `toOpen[j * 7 + q]` = psi[CLOSED[q] → OPENING[j]]. */
  toOpen: Float64Array;
  /** The same pairs by closed tag: `fromClosed[q * 7 + j]` = psi[CLOSED[q] → OPENING[j]]. */
  fromClosed: Float64Array;
}
const potentials = new WeakMap<NerModel, Potentials>();

function potentialsOf(m: NerModel): Potentials {
  let p = potentials.get(m);
  if (!p) {
    const T = NUM_TAGS;
    const psi = new Float64Array((T + 1) * T);
    let tmax = -Infinity;
    const inv = 1 / (m.header.temperature ?? 1);
    const pot = (x: number): number => Math.max(1e-26, Math.exp(x * inv));
    for (let i = 0; i < psi.length; i++) if (ALLOWED[i]) tmax = Math.max(tmax, m.trans[i]!);
    for (let i = 0; i < psi.length; i++) psi[i] = ALLOWED[i] ? pot(m.trans[i]! - tmax) : 0;
    let emax = -Infinity;
    for (let t = 0; t < T; t++) if (canEnd(t)) emax = Math.max(emax, m.end[t]!);
    const endPot = new Float64Array(T);
    for (let t = 0; t < T; t++) endPot[t] = canEnd(t) ? pot(m.end[t]! - emax) : 0;
    const toOpen = new Float64Array(49);
    const fromClosed = new Float64Array(49);
    for (let q = 0; q < 7; q++) {
      for (let j = 0; j < 7; j++) toOpen[j * 7 + q] = fromClosed[q * 7 + j] = psi[CLOSED[q]! * T + OPENING[j]!]!;
    }
    potentials.set(m, (p = { psi, endPot, toOpen, fromClosed }));
  }
  return p;
}

/**
 * Work arrays of the forward–backward pass (n × 13 potentials, forward and backward values, n scales), kept
 * between texts instead of allocated for each (up to POOL_MAX entries; longer texts get their own). A scorer
 * whose arrays were taken by a later text computes them again (the same numbers) before it reads them.
 */
interface Lattice {
  phi: Float64Array;
  alpha: Float64Array;
  beta: Float64Array;
  c: Float64Array;
}
const POOL_MAX = 1 << 20;
let pool: Lattice = { phi: new Float64Array(0), alpha: new Float64Array(0), beta: new Float64Array(0), c: new Float64Array(0) };
let poolOwner: object | undefined;

function lattice(n: number, owner: object): Lattice {
  const size = n * NUM_TAGS;
  if (size > POOL_MAX) return { phi: new Float64Array(size), alpha: new Float64Array(size), beta: new Float64Array(size), c: new Float64Array(n) };
  if (pool.c.length < n) {
    const cap = Math.min(Math.max(n, 2 * pool.c.length, 256), Math.floor(POOL_MAX / NUM_TAGS));
    const s = cap * NUM_TAGS;
    pool = { phi: new Float64Array(s), alpha: new Float64Array(s), beta: new Float64Array(s), c: new Float64Array(cap) };
  }
  poolOwner = owner;
  return pool;
}

/**
 * Scaled forward–backward over `em` into `L`; false when numerically degenerate. Each sum adds its terms in
 * the order of a plain loop over the allowed (prev, cur) pairs, prev-major (test/entities/decode-speed.test.ts
 * compares every value with such a loop), so the scores do not depend on how the loops are written.
 */
function forwardBackward(em: Float32Array, n: number, m: NerModel, L: Lattice): boolean {
  const T = NUM_TAGS;
  const { psi, endPot, toOpen, fromClosed } = potentialsOf(m);
  const invTemp = 1 / (m.header.temperature ?? 1);
  const { phi, alpha, beta, c } = L;
  for (let i = 0; i < n; i++) {
    const o = i * T;
    let mx = -Infinity;
    for (let t = 0; t < T; t++) mx = Math.max(mx, em[o + t]!);
    for (let t = 0; t < T; t++) {
      const d = (em[o + t]! - mx) * invTemp;
      // Floored rather than 0: with hard zeros the allowed paths can all vanish (a margin of 800 underflows).
      phi[o + t] = d < -60 ? 1e-26 : Math.exp(d);
    }
    if (i === 0) {
      for (let t = 0; t < T; t++) alpha[t] = psi[START * T + t]! * phi[t]!;
    } else {
      const po = o - T;
      const a0 = alpha[po]!;
      const a3 = alpha[po + 3]!;
      const a4 = alpha[po + 4]!;
      const a7 = alpha[po + 7]!;
      const a8 = alpha[po + 8]!;
      const a11 = alpha[po + 11]!;
      const a12 = alpha[po + 12]!;
      for (let j = 0; j < 7; j++) {
        const w = j * 7;
        const t = OPENING[j]!;
        alpha[o + t] =
          (a0 * toOpen[w]! +
            a3 * toOpen[w + 1]! +
            a4 * toOpen[w + 2]! +
            a7 * toOpen[w + 3]! +
            a8 * toOpen[w + 4]! +
            a11 * toOpen[w + 5]! +
            a12 * toOpen[w + 6]!) *
          phi[o + t]!;
      }
      for (let b = 1; b < T; b += 4) {
        const ab = alpha[po + b]!;
        const ai = alpha[po + b + 1]!;
        alpha[o + b + 1] = (ab * psi[b * T + b + 1]! + ai * psi[(b + 1) * T + b + 1]!) * phi[o + b + 1]!;
        alpha[o + b + 2] = (ab * psi[b * T + b + 2]! + ai * psi[(b + 1) * T + b + 2]!) * phi[o + b + 2]!;
      }
    }
    let sum = 0;
    for (let t = 0; t < T; t++) sum += alpha[o + t]!;
    if (!(sum > 0)) return false;
    c[i] = sum;
    for (let t = 0; t < T; t++) alpha[o + t]! /= sum;
  }
  let z = 0;
  for (let t = 0; t < T; t++) z += alpha[(n - 1) * T + t]! * endPot[t]!;
  if (!(z > 0)) return false;
  for (let t = 0; t < T; t++) beta[(n - 1) * T + t] = endPot[t]! / z;
  for (let i = n - 2; i >= 0; i--) {
    const o = i * T;
    const no = o + T;
    const ci = c[i + 1]!;
    const r0 = phi[no]! * beta[no]!;
    const r1 = phi[no + 1]! * beta[no + 1]!;
    const r4 = phi[no + 4]! * beta[no + 4]!;
    const r5 = phi[no + 5]! * beta[no + 5]!;
    const r8 = phi[no + 8]! * beta[no + 8]!;
    const r9 = phi[no + 9]! * beta[no + 9]!;
    const r12 = phi[no + 12]! * beta[no + 12]!;
    for (let q = 0; q < 7; q++) {
      const w = q * 7;
      beta[o + CLOSED[q]!] =
        (fromClosed[w]! * r0 +
          fromClosed[w + 1]! * r1 +
          fromClosed[w + 2]! * r4 +
          fromClosed[w + 3]! * r5 +
          fromClosed[w + 4]! * r8 +
          fromClosed[w + 5]! * r9 +
          fromClosed[w + 6]! * r12) /
        ci;
    }
    for (let b = 1; b < T; b += 4) {
      const ri = phi[no + b + 1]! * beta[no + b + 1]!;
      const re = phi[no + b + 2]! * beta[no + b + 2]!;
      beta[o + b] = (psi[b * T + b + 1]! * ri + psi[b * T + b + 2]! * re) / ci;
      beta[o + b + 1] = (psi[(b + 1) * T + b + 1]! * ri + psi[(b + 1) * T + b + 2]! * re) / ci;
    }
  }
  return true;
}

/**
 * Forward–backward over `em`; returns a function that sets on each span of a model kind its posterior (the
 * probability of the tag run B I… E, or S, of its kind over exactly its units). Spans of other kinds, or
 * out of range, are left alone.
 */
function posteriors(em: Float32Array, n: number, m: NerModel): (spans: Mention[]) => void {
  const T = NUM_TAGS;
  const owner = {};
  let L = lattice(n, owner);
  if (!forwardBackward(em, n, m, L)) return () => {}; // numerically degenerate: leave scores unset
  const { psi } = potentialsOf(m);
  return (spans) => {
    if (L === pool && poolOwner !== owner) forwardBackward(em, n, m, (L = lattice(n, owner)));
    const { phi, alpha, beta, c } = L;
    for (const s of spans) {
      const k = MODEL_KINDS.indexOf(s.kind);
      if (k < 0 || s.start < 0 || s.end > n || s.end <= s.start) continue;
      const base = 1 + 4 * k;
      const tag = (i: number): number => (s.end - s.start === 1 ? base + 3 : i === s.start ? base : i === s.end - 1 ? base + 2 : base + 1);
      let p = alpha[s.start * T + tag(s.start)]!;
      for (let i = s.start + 1; i < s.end; i++) p *= (psi[tag(i - 1) * T + tag(i)]! * phi[i * T + tag(i)]!) / c[i]!;
      p *= beta[(s.end - 1) * T + tag(s.end - 1)]!;
      if (Number.isFinite(p)) s.score = Math.min(1, Math.max(0, p));
    }
  };
}

export { extractFeatures, buildLexicon, FEATURE_VERSION, NUM_TEMPLATES } from './features.js';
export type { ModelHeader } from './format.js';
