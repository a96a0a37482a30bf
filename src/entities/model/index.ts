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
import { FEATURE_VERSION, NUM_TEMPLATES, SPARSE_SLOTS, buildLexicon, extractFeatures, lexiconFromTable, typedTypes, type Lexicon } from './features.js';
import { FeatureIndex, adoptPackedIndex, emissionsFromHashes, packedIndex, viterbi, type PackedIndex } from './decode.js';
import { U32Map, type U32MapTables } from './u32map.js';
import { Scratch } from './scratch.js';
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

/** Texts of up to this many units have their emissions and forward–backward values in kept areas (`Scratch`). */
const KEPT_UNITS = Math.floor((1 << 20) / NUM_TAGS);

/** The emissions of the text read last by `readSpans`, kept for the next read; its scorer checks `lost`. */
const emissionArea = new Scratch((units) => new Float32Array(units * NUM_TAGS), KEPT_UNITS);

/** Emission scores of `text` (n × 13), written into `area` when given (else a new array). */
function emissionsOf(text: string, tokens: readonly Token[], model: NerModel, area?: Float32Array): Float32Array {
  const n = text.length;
  const out = area?.subarray(0, n * NUM_TAGS);
  return emissionsFromHashes(extractFeatures(text, tokens, model.lexicon, { reuse: true }), n, NUM_TEMPLATES, model.index, model.weights, out, SPARSE_SLOTS);
}

/** Best tag sequence for `text` (one tag per UTF-16 unit) and the emission scores it came from. */
export function decodeTags(text: string, tokens: readonly Token[], model: NerModel): { tags: Uint8Array; em: Float32Array } {
  const em = emissionsOf(text, tokens, model);
  return { tags: viterbi(em, text.length, model.trans, model.end), em };
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
  const r: Read = { text, tokens: toks, model: m, owner: {}, area: undefined, em: undefined, scorer: undefined };
  r.area = emissionArea.take(text.length, r.owner);
  const em = (r.em = emissionsOf(text, toks, m, r.area));
  const spans = tagsToSpans(text, viterbi(em, text.length, m.trans, m.end)).filter(
    // Never split a surrogate pair (an astral character is one character to the reader).
    (s) => !isLowSurrogate(text.charCodeAt(s.start)) && !(s.end < text.length && isLowSurrogate(text.charCodeAt(s.end))),
  );
  // A method, not an arrow property: tsx's keepNames names an arrow (Object.defineProperty) at every call, as bind does.
  return {
    spans,
    score(these: Mention[]): void {
      scoreRead(r, these);
    },
  };
}

/** What `readSpans` keeps of one text for its scorer: the emissions in their area (`owner`'s), the scorer once made. */
interface Read {
  text: string;
  tokens: readonly Token[];
  model: NerModel;
  owner: object;
  area: Float32Array<ArrayBuffer> | undefined;
  em: Float32Array | undefined;
  scorer: ((spans: Mention[]) => void) | undefined;
}

/** The emissions of a read: computed again (the same numbers) if a later read took their area. */
function readEmissions(r: Read): Float32Array {
  if (r.em === undefined || emissionArea.lost(r.area!, r.owner)) {
    r.area = emissionArea.take(r.text.length, r.owner);
    r.em = emissionsOf(r.text, r.tokens, r.model, r.area);
  }
  return r.em;
}

/** `readSpans`' scorer: the forward–backward pass on the first call with spans, then the posteriors of `these`. */
function scoreRead(r: Read, these: Mention[]): void {
  if (these.length === 0) return;
  r.scorer ??= posteriors(() => readEmissions(r), r.text.length, r.model);
  r.scorer(these);
}

/** Sets `score` on each span: posterior of its exact tag run, by scaled forward–backward (exported for tests). */
export function addScores(spans: Mention[], em: Float32Array, n: number, m: NerModel): void {
  posteriors(() => em, n, m)(spans);
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
 * between texts (`Scratch`). A scorer whose arrays were taken by a later text computes them again (the same
 * numbers) before it reads them.
 */
interface Lattice {
  phi: Float64Array;
  alpha: Float64Array;
  beta: Float64Array;
  c: Float64Array;
}
const latticeArea = new Scratch(
  (units): Lattice => ({
    phi: new Float64Array(units * NUM_TAGS),
    alpha: new Float64Array(units * NUM_TAGS),
    beta: new Float64Array(units * NUM_TAGS),
    c: new Float64Array(units),
  }),
  KEPT_UNITS,
);

/** exp(d), floored rather than 0: with hard zeros the allowed paths can all vanish (a margin of 800 underflows). */
function potential(d: number): number {
  return d < -60 ? 1e-26 : Math.exp(d);
}

/**
 * Scaled forward–backward over `em` into `L`; false when numerically degenerate. Written out for the 13 tags
 * (rows carried in locals, each allowed pair once): each sum adds its terms in the order of a plain loop over
 * the allowed (prev, cur) pairs, prev-major, and the scale of a row sums its tags in order, so the floats are
 * those of that loop (test/entities/decode-speed.test.ts compares every score with one, and fails when a sum
 * is reordered). Indices into `psi` are prev * 13 + cur; `toOpen`/`fromClosed` list the closing → opening
 * pairs (CLOSING_TAGS, OPENING_TAGS).
 */
function forwardBackward(em: Float32Array, n: number, m: NerModel, L: Lattice): boolean {
  const T = NUM_TAGS;
  const { psi, endPot, toOpen, fromClosed } = potentialsOf(m);
  const invTemp = 1 / (m.header.temperature ?? 1);
  const { phi, alpha, beta, c } = L;
  // The last row of alpha, carried from one unit to the next.
  let a0 = 0,
    a1 = 0,
    a2 = 0,
    a3 = 0,
    a4 = 0,
    a5 = 0,
    a6 = 0,
    a7 = 0,
    a8 = 0,
    a9 = 0,
    a10 = 0,
    a11 = 0,
    a12 = 0;
  for (let i = 0; i < n; i++) {
    const o = i * T;
    // Math.max of all 13 is the running maximum (it is order-free, -0 and NaN included).
    const mx = Math.max(
      em[o + 0]!,
      em[o + 1]!,
      em[o + 2]!,
      em[o + 3]!,
      em[o + 4]!,
      em[o + 5]!,
      em[o + 6]!,
      em[o + 7]!,
      em[o + 8]!,
      em[o + 9]!,
      em[o + 10]!,
      em[o + 11]!,
      em[o + 12]!,
    );
    const p0 = (phi[o + 0] = potential((em[o + 0]! - mx) * invTemp));
    const p1 = (phi[o + 1] = potential((em[o + 1]! - mx) * invTemp));
    const p2 = (phi[o + 2] = potential((em[o + 2]! - mx) * invTemp));
    const p3 = (phi[o + 3] = potential((em[o + 3]! - mx) * invTemp));
    const p4 = (phi[o + 4] = potential((em[o + 4]! - mx) * invTemp));
    const p5 = (phi[o + 5] = potential((em[o + 5]! - mx) * invTemp));
    const p6 = (phi[o + 6] = potential((em[o + 6]! - mx) * invTemp));
    const p7 = (phi[o + 7] = potential((em[o + 7]! - mx) * invTemp));
    const p8 = (phi[o + 8] = potential((em[o + 8]! - mx) * invTemp));
    const p9 = (phi[o + 9] = potential((em[o + 9]! - mx) * invTemp));
    const p10 = (phi[o + 10] = potential((em[o + 10]! - mx) * invTemp));
    const p11 = (phi[o + 11] = potential((em[o + 11]! - mx) * invTemp));
    const p12 = (phi[o + 12] = potential((em[o + 12]! - mx) * invTemp));
    if (i === 0) {
      for (let t = 0; t < T; t++) alpha[t] = psi[START * T + t]! * phi[t]!;
      let sum = 0;
      for (let t = 0; t < T; t++) sum += alpha[t]!;
      if (!(sum > 0)) return false;
      c[0] = sum;
      for (let t = 0; t < T; t++) alpha[t]! /= sum;
      a0 = alpha[0]!;
      a1 = alpha[1]!;
      a2 = alpha[2]!;
      a3 = alpha[3]!;
      a4 = alpha[4]!;
      a5 = alpha[5]!;
      a6 = alpha[6]!;
      a7 = alpha[7]!;
      a8 = alpha[8]!;
      a9 = alpha[9]!;
      a10 = alpha[10]!;
      a11 = alpha[11]!;
      a12 = alpha[12]!;
      continue;
    }
    const y0 = (a0 * toOpen[0]! + a3 * toOpen[1]! + a4 * toOpen[2]! + a7 * toOpen[3]! + a8 * toOpen[4]! + a11 * toOpen[5]! + a12 * toOpen[6]!) * p0;
    const y1 = (a0 * toOpen[7]! + a3 * toOpen[8]! + a4 * toOpen[9]! + a7 * toOpen[10]! + a8 * toOpen[11]! + a11 * toOpen[12]! + a12 * toOpen[13]!) * p1;
    const y2 = (a1 * psi[15]! + a2 * psi[28]!) * p2;
    const y3 = (a1 * psi[16]! + a2 * psi[29]!) * p3;
    const y4 = (a0 * toOpen[14]! + a3 * toOpen[15]! + a4 * toOpen[16]! + a7 * toOpen[17]! + a8 * toOpen[18]! + a11 * toOpen[19]! + a12 * toOpen[20]!) * p4;
    const y5 = (a0 * toOpen[21]! + a3 * toOpen[22]! + a4 * toOpen[23]! + a7 * toOpen[24]! + a8 * toOpen[25]! + a11 * toOpen[26]! + a12 * toOpen[27]!) * p5;
    const y6 = (a5 * psi[71]! + a6 * psi[84]!) * p6;
    const y7 = (a5 * psi[72]! + a6 * psi[85]!) * p7;
    const y8 = (a0 * toOpen[28]! + a3 * toOpen[29]! + a4 * toOpen[30]! + a7 * toOpen[31]! + a8 * toOpen[32]! + a11 * toOpen[33]! + a12 * toOpen[34]!) * p8;
    const y9 = (a0 * toOpen[35]! + a3 * toOpen[36]! + a4 * toOpen[37]! + a7 * toOpen[38]! + a8 * toOpen[39]! + a11 * toOpen[40]! + a12 * toOpen[41]!) * p9;
    const y10 = (a9 * psi[127]! + a10 * psi[140]!) * p10;
    const y11 = (a9 * psi[128]! + a10 * psi[141]!) * p11;
    const y12 = (a0 * toOpen[42]! + a3 * toOpen[43]! + a4 * toOpen[44]! + a7 * toOpen[45]! + a8 * toOpen[46]! + a11 * toOpen[47]! + a12 * toOpen[48]!) * p12;
    const sum = 0 + y0 + y1 + y2 + y3 + y4 + y5 + y6 + y7 + y8 + y9 + y10 + y11 + y12;
    if (!(sum > 0)) return false;
    c[i] = sum;
    alpha[o + 0] = a0 = y0 / sum;
    alpha[o + 1] = a1 = y1 / sum;
    alpha[o + 2] = a2 = y2 / sum;
    alpha[o + 3] = a3 = y3 / sum;
    alpha[o + 4] = a4 = y4 / sum;
    alpha[o + 5] = a5 = y5 / sum;
    alpha[o + 6] = a6 = y6 / sum;
    alpha[o + 7] = a7 = y7 / sum;
    alpha[o + 8] = a8 = y8 / sum;
    alpha[o + 9] = a9 = y9 / sum;
    alpha[o + 10] = a10 = y10 / sum;
    alpha[o + 11] = a11 = y11 / sum;
    alpha[o + 12] = a12 = y12 / sum;
  }
  let z = 0;
  for (let t = 0; t < T; t++) z += alpha[(n - 1) * T + t]! * endPot[t]!;
  if (!(z > 0)) return false;
  for (let t = 0; t < T; t++) beta[(n - 1) * T + t] = endPot[t]! / z;
  // The row of beta after the current one, carried from one unit to the one before.
  let b0 = beta[(n - 1) * T]!,
    b1 = beta[(n - 1) * T + 1]!,
    b2 = beta[(n - 1) * T + 2]!,
    b3 = beta[(n - 1) * T + 3]!,
    b4 = beta[(n - 1) * T + 4]!,
    b5 = beta[(n - 1) * T + 5]!,
    b6 = beta[(n - 1) * T + 6]!,
    b7 = beta[(n - 1) * T + 7]!,
    b8 = beta[(n - 1) * T + 8]!,
    b9 = beta[(n - 1) * T + 9]!,
    b10 = beta[(n - 1) * T + 10]!,
    b11 = beta[(n - 1) * T + 11]!,
    b12 = beta[(n - 1) * T + 12]!;
  for (let i = n - 2; i >= 0; i--) {
    const o = i * T;
    const no = o + T;
    const ci = c[i + 1]!;
    const r0 = phi[no + 0]! * b0;
    const r1 = phi[no + 1]! * b1;
    const r2 = phi[no + 2]! * b2;
    const r3 = phi[no + 3]! * b3;
    const r4 = phi[no + 4]! * b4;
    const r5 = phi[no + 5]! * b5;
    const r6 = phi[no + 6]! * b6;
    const r7 = phi[no + 7]! * b7;
    const r8 = phi[no + 8]! * b8;
    const r9 = phi[no + 9]! * b9;
    const r10 = phi[no + 10]! * b10;
    const r11 = phi[no + 11]! * b11;
    const r12 = phi[no + 12]! * b12;
    beta[o + 0] = b0 =
      (fromClosed[0]! * r0 +
        fromClosed[1]! * r1 +
        fromClosed[2]! * r4 +
        fromClosed[3]! * r5 +
        fromClosed[4]! * r8 +
        fromClosed[5]! * r9 +
        fromClosed[6]! * r12) /
      ci;
    beta[o + 1] = b1 = (psi[15]! * r2 + psi[16]! * r3) / ci;
    beta[o + 2] = b2 = (psi[28]! * r2 + psi[29]! * r3) / ci;
    beta[o + 3] = b3 =
      (fromClosed[7]! * r0 +
        fromClosed[8]! * r1 +
        fromClosed[9]! * r4 +
        fromClosed[10]! * r5 +
        fromClosed[11]! * r8 +
        fromClosed[12]! * r9 +
        fromClosed[13]! * r12) /
      ci;
    beta[o + 4] = b4 =
      (fromClosed[14]! * r0 +
        fromClosed[15]! * r1 +
        fromClosed[16]! * r4 +
        fromClosed[17]! * r5 +
        fromClosed[18]! * r8 +
        fromClosed[19]! * r9 +
        fromClosed[20]! * r12) /
      ci;
    beta[o + 5] = b5 = (psi[71]! * r6 + psi[72]! * r7) / ci;
    beta[o + 6] = b6 = (psi[84]! * r6 + psi[85]! * r7) / ci;
    beta[o + 7] = b7 =
      (fromClosed[21]! * r0 +
        fromClosed[22]! * r1 +
        fromClosed[23]! * r4 +
        fromClosed[24]! * r5 +
        fromClosed[25]! * r8 +
        fromClosed[26]! * r9 +
        fromClosed[27]! * r12) /
      ci;
    beta[o + 8] = b8 =
      (fromClosed[28]! * r0 +
        fromClosed[29]! * r1 +
        fromClosed[30]! * r4 +
        fromClosed[31]! * r5 +
        fromClosed[32]! * r8 +
        fromClosed[33]! * r9 +
        fromClosed[34]! * r12) /
      ci;
    beta[o + 9] = b9 = (psi[127]! * r10 + psi[128]! * r11) / ci;
    beta[o + 10] = b10 = (psi[140]! * r10 + psi[141]! * r11) / ci;
    beta[o + 11] = b11 =
      (fromClosed[35]! * r0 +
        fromClosed[36]! * r1 +
        fromClosed[37]! * r4 +
        fromClosed[38]! * r5 +
        fromClosed[39]! * r8 +
        fromClosed[40]! * r9 +
        fromClosed[41]! * r12) /
      ci;
    beta[o + 12] = b12 =
      (fromClosed[42]! * r0 +
        fromClosed[43]! * r1 +
        fromClosed[44]! * r4 +
        fromClosed[45]! * r5 +
        fromClosed[46]! * r8 +
        fromClosed[47]! * r9 +
        fromClosed[48]! * r12) /
      ci;
  }
  return true;
}

/** The tag of unit `i` in the run of span `s` whose kind's B tag is `base` (B I… E, or S alone). */
function runTag(s: Mention, base: number, i: number): number {
  return s.end - s.start === 1 ? base + 3 : i === s.start ? base : i === s.end - 1 ? base + 2 : base + 1;
}

/**
 * Forward–backward over the emissions `em()` gives (asked again when the work arrays must be computed
 * again); returns a function that sets on each span of a model kind its posterior (the probability of the tag
 * run B I… E, or S, of its kind over exactly its units). Spans of other kinds, or out of range, are left alone.
 */
function posteriors(em: () => Float32Array, n: number, m: NerModel): (spans: Mention[]) => void {
  const T = NUM_TAGS;
  const owner = {};
  let L = latticeArea.take(n, owner);
  if (!forwardBackward(em(), n, m, L)) return () => {}; // numerically degenerate: leave scores unset
  const { psi } = potentialsOf(m);
  return (spans) => {
    if (latticeArea.lost(L, owner)) forwardBackward(em(), n, m, (L = latticeArea.take(n, owner)));
    const { phi, alpha, beta, c } = L;
    for (const s of spans) {
      const k = MODEL_KINDS.indexOf(s.kind);
      if (k < 0 || s.start < 0 || s.end > n || s.end <= s.start) continue;
      const base = 1 + 4 * k;
      let p = alpha[s.start * T + runTag(s, base, s.start)]!;
      for (let i = s.start + 1; i < s.end; i++) p *= (psi[runTag(s, base, i - 1) * T + runTag(s, base, i)]! * phi[i * T + runTag(s, base, i)]!) / c[i]!;
      p *= beta[(s.end - 1) * T + runTag(s, base, s.end - 1)]!;
      if (Number.isFinite(p)) s.score = Math.min(1, Math.max(0, p));
    }
  };
}

export { extractFeatures, buildLexicon, FEATURE_VERSION, NUM_TEMPLATES } from './features.js';
export type { ModelHeader } from './format.js';
