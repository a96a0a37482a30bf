/**
 * The shipped model file (`data/ner-model.bin`): gzip of
 *   "ZKNER" + format byte, u32 header length, header JSON, transitions (f32), end weights (f32),
 *   feature hashes sorted ascending as varint deltas, one u16 tag mask per row, then the int8 weights of the
 *   tags each mask names, then the name lexicon as UTF-8 lines "word<TAB>type flags" (sorted).
 * Weights are quantized with one scale (max |w| / 127); rows whose weights all round to 0 are dropped,
 * which is most of the pruning. Sorted, delta-coded hashes and sparse rows keep the file a few MB.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { NUM_TAGS } from './tags.js';
import type { TrainedWeights } from './perceptron.js';

const MAGIC = 'ZKNER';
const FORMAT = 1;

export interface ModelHeader {
  featureVersion: number;
  numTemplates: number;
  numTags: number;
  rows: number;
  scale: number;
  lexiconBytes: number;
  /** Divides scores before span posteriors are computed (see tagSpans); absent = 1. */
  temperature?: number;
  /** Free-form training facts (corpus, epochs …) for humans. */
  info: Record<string, string | number>;
}

export interface ModelData {
  header: ModelHeader;
  hashes: Uint32Array;
  weights: Float32Array;
  trans: Float32Array;
  end: Float32Array;
  /** Name lexicon entries (word, LEX_* flags), sorted by word. */
  lexicon: Array<[string, number]>;
}

/**
 * Quantizes and prunes `w` (see file comment); returns what the model file will hold, before encoding. Rows
 * whose int8 weights are all within ±`prune` of zero are dropped (0: only all-zero rows).
 */
export function quantize(
  w: TrainedWeights,
  lexicon: ReadonlyArray<readonly [string, number]>,
  meta: Omit<ModelHeader, 'rows' | 'scale' | 'numTags' | 'lexiconBytes'>,
  prune = 0,
): ModelData {
  const T = NUM_TAGS;
  if (!Number.isInteger(prune) || prune < 0 || prune > 126) throw new Error('quantize: prune must be an integer in 0…126');
  let max = 0;
  for (const x of w.weights) max = Math.max(max, Math.abs(x));
  const scale = max > 0 ? max / 127 : 1;
  const keep: number[] = [];
  for (let r = 0; r < w.hashes.length; r++) {
    for (let t = 0; t < T; t++) {
      if (Math.abs(Math.round(w.weights[r * T + t]! / scale)) > prune) {
        keep.push(r);
        break;
      }
    }
  }
  keep.sort((a, b) => w.hashes[a]! - w.hashes[b]!);
  const hashes = new Uint32Array(keep.length);
  const weights = new Float32Array(keep.length * T);
  keep.forEach((r, i) => {
    hashes[i] = w.hashes[r]!;
    for (let t = 0; t < T; t++) weights[i * T + t] = Math.round(w.weights[r * T + t]! / scale) * scale;
  });
  for (let i = 1; i < hashes.length; i++) {
    if (hashes[i] === hashes[i - 1]) throw new Error('quantize: duplicate feature hash');
  }
  return {
    header: { ...meta, numTags: T, rows: keep.length, scale, lexiconBytes: 0 },
    hashes,
    weights,
    trans: Float32Array.from(w.trans),
    end: Float32Array.from(w.end),
    lexicon: [...lexicon].map(([a, b]): [string, number] => [a, b]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
  };
}

function pushVarint(out: number[], v: number): void {
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/** Encodes a quantized model to the gzip file bytes (deterministic: same model → same bytes). */
export function encodeModel(m: ModelData): Buffer {
  const T = m.header.numTags;
  const lex = Buffer.from(m.lexicon.map(([w, t]) => `${w}\t${t}\n`).join(''), 'utf8');
  const header = Buffer.from(JSON.stringify({ ...m.header, lexiconBytes: lex.length }), 'utf8');
  const fixed = Buffer.alloc(MAGIC.length + 1 + 4);
  fixed.write(MAGIC, 0, 'latin1');
  fixed[MAGIC.length] = FORMAT;
  fixed.writeUInt32LE(header.length, MAGIC.length + 1);
  const floats = Buffer.alloc((m.trans.length + m.end.length) * 4);
  m.trans.forEach((x, i) => floats.writeFloatLE(x, i * 4));
  m.end.forEach((x, i) => floats.writeFloatLE(x, (m.trans.length + i) * 4));
  const deltas: number[] = [];
  let prev = 0;
  for (const h of m.hashes) {
    pushVarint(deltas, h - prev);
    prev = h;
  }
  const masks = Buffer.alloc(m.hashes.length * 2);
  const values: number[] = [];
  for (let r = 0; r < m.hashes.length; r++) {
    let mask = 0;
    for (let t = 0; t < T; t++) {
      const q = Math.round(m.weights[r * T + t]! / m.header.scale);
      if (q !== 0) {
        mask |= 1 << t;
        values.push(q & 0xff);
      }
    }
    masks.writeUInt16LE(mask, r * 2);
  }
  const raw = Buffer.concat([fixed, header, floats, Buffer.from(deltas), masks, Buffer.from(values), lex]);
  return gzipSync(raw, { level: 9 });
}

/** Decodes model file bytes. Throws on anything that is not a model file of this format. */
export function decodeModel(bytes: Uint8Array): ModelData {
  let raw: Buffer;
  try {
    raw = gunzipSync(bytes);
  } catch {
    throw new Error('ner model: not a gzip file');
  }
  if (raw.length < MAGIC.length + 5 || raw.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('ner model: bad magic');
  if (raw[MAGIC.length] !== FORMAT) throw new Error(`ner model: format ${raw[MAGIC.length]} is not ${FORMAT}`);
  const hlen = raw.readUInt32LE(MAGIC.length + 1);
  let off = MAGIC.length + 5;
  const header = JSON.parse(raw.toString('utf8', off, off + hlen)) as ModelHeader;
  off += hlen;
  const T = header.numTags;
  if (T !== NUM_TAGS) throw new Error(`ner model: ${T} tags, expected ${NUM_TAGS}`);
  const trans = new Float32Array((T + 1) * T);
  for (let i = 0; i < trans.length; i++, off += 4) trans[i] = raw.readFloatLE(off);
  const end = new Float32Array(T);
  for (let i = 0; i < T; i++, off += 4) end[i] = raw.readFloatLE(off);
  const R = header.rows;
  const hashes = new Uint32Array(R);
  let prev = 0;
  for (let r = 0; r < R; r++) {
    let v = 0;
    let mul = 1;
    for (;;) {
      if (off >= raw.length) throw new Error('ner model: truncated');
      const b = raw[off++]!;
      v += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 128;
    }
    prev += v;
    hashes[r] = prev;
  }
  const maskOff = off;
  off += R * 2;
  const weights = new Float32Array(R * T);
  for (let r = 0; r < R; r++) {
    const mask = raw.readUInt16LE(maskOff + r * 2);
    for (let t = 0; t < T; t++) {
      if (mask & (1 << t)) {
        if (off >= raw.length) throw new Error('ner model: truncated');
        weights[r * T + t] = ((raw[off++]! << 24) >> 24) * header.scale;
      }
    }
  }
  if (off + header.lexiconBytes !== raw.length) throw new Error('ner model: truncated or trailing bytes');
  const lexicon: Array<[string, number]> = [];
  for (const line of raw.toString('utf8', off).split('\n')) {
    if (line === '') continue;
    const tab = line.indexOf('\t');
    lexicon.push([line.slice(0, tab), Number(line.slice(tab + 1))]);
  }
  return { header, hashes, weights, trans, end, lexicon };
}
