/**
 * Trains the character-level NER model (npm run train [-- path/to/file.bio] [--epochs N]).
 * 1. Held-out estimate: trains on 4 of every 5 sentences (sentence index mod 5 ≠ 4), prints P/R/F1 per kind
 *    on the fifth (with the float weights and with the quantized weights that ship).
 * 2. Trains on every sentence and writes data/ner-model.bin; prints its size, load time and decode speed.
 * Deterministic: fixed split, seeded shuffling, deterministic encoding → same corpus, same model bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { readBio, scoreSpans, type BioSentence, type SpanScores } from '../src/eval/bio.js';
import { segment } from '../src/segment/jieba.js';
import { dataPath } from '../src/paths.js';
import { FEATURE_VERSION, NUM_TEMPLATES, extractFeatures } from '../src/entities/model/features.js';
import { trainPerceptron, type TrainingSentence } from '../src/entities/model/perceptron.js';
import { decodeModel, encodeModel, quantize } from '../src/entities/model/format.js';
import { decodeTags, loadModel, modelFromData, type NerModel } from '../src/entities/model/index.js';
import { spansToTags, tagsToSpans } from '../src/entities/model/tags.js';
import type { Token } from '../src/types.js';

const args = process.argv.slice(2);
let corpus = '/work/shared/eval/pd-ner/dev.bio';
let epochs = 12;
let out = dataPath('ner-model.bin');
let heldOutOnly = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--epochs') epochs = Number(args[++i]);
  else if (a === '--out') out = args[++i]!;
  else if (a === '--held-out-only') heldOutOnly = true;
  else corpus = a;
}
if (!Number.isInteger(epochs) || epochs < 1) throw new Error('--epochs must be a positive integer');
const SEED = 20201129;

interface Prepared {
  s: BioSentence;
  tokens: Token[];
  train: TrainingSentence;
}

function fmt(s: SpanScores, label: string): string {
  const line = (k: string, p: { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number }): string =>
    `  ${k.padEnd(13)} P ${p.precision.toFixed(4)}  R ${p.recall.toFixed(4)}  F1 ${p.f1.toFixed(4)}  (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;
  const lines = [label];
  for (const [k, p] of Object.entries(s.byKind)) lines.push(line(k, p!));
  lines.push(line('overall', s.overall));
  return lines.join('\n');
}

function evaluate(model: NerModel, data: readonly Prepared[]): SpanScores {
  const gold = data.map((d) => d.s.spans);
  const pred = data.map((d) => tagsToSpans(d.s.text, decodeTags(d.s.text, d.tokens, model).tags));
  return scoreSpans(gold, pred);
}

function build(data: readonly Prepared[]) {
  const t0 = performance.now();
  const w = trainPerceptron(
    data.map((d) => d.train),
    NUM_TEMPLATES,
    {
      epochs,
      seed: SEED,
      onEpoch: (e, mistakes) => process.stderr.write(`  epoch ${e}: ${mistakes} sentences wrong\n`),
    },
  );
  const q = quantize(w, {
    featureVersion: FEATURE_VERSION,
    numTemplates: NUM_TEMPLATES,
    info: { corpus: corpus.split('/').slice(-2).join('/'), sentences: data.length, epochs, seed: SEED },
  });
  const float = modelFromData({ header: q.header, hashes: w.hashes, weights: w.weights, trans: w.trans, end: w.end });
  return { w, q, float, quantized: modelFromData(q), seconds: (performance.now() - t0) / 1000 };
}

const t0 = performance.now();
const sentences = readBio(corpus);
const prepared: Prepared[] = sentences.map((s) => {
  const tokens = segment(s.text);
  return { s, tokens, train: { feats: extractFeatures(s.text, tokens), tags: spansToTags(s.text.length, s.spans) } };
});
console.log(`${corpus}: ${sentences.length} sentences, ${sentences.reduce((n, s) => n + s.text.length, 0)} chars (prepared in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

// Held-out split: every 5th sentence.
const trainPart = prepared.filter((_, i) => i % 5 !== 4);
const heldOut = prepared.filter((_, i) => i % 5 === 4);
console.log(`held-out split: train ${trainPart.length}, held out ${heldOut.length} (sentence index mod 5 = 4); ${epochs} epochs`);
const ho = build(trainPart);
console.log(`trained in ${ho.seconds.toFixed(1)} s, ${ho.w.hashes.length} features, ${ho.q.header.rows} kept after quantization`);
console.log(fmt(evaluate(ho.float, heldOut), 'held-out, float weights:'));
console.log(fmt(evaluate(ho.quantized, heldOut), 'held-out, shipped (quantized) weights:'));

if (!heldOutOnly) {
  const all = build(prepared);
  const bytes = encodeModel(all.q);
  writeFileSync(out, bytes);
  console.log(`final model: ${prepared.length} sentences, ${all.seconds.toFixed(1)} s, ${all.q.header.rows} features, ${out} ${(bytes.length / 1024).toFixed(0)} KiB`);
  // Load time (cold, from the file) and decode speed (features + Viterbi, excluding jieba) on the held-out text.
  const l0 = performance.now();
  const loaded = modelFromData(decodeModel(readFileSync(out)));
  const loadMs = performance.now() - l0;
  loadModel(out);
  let chars = 0;
  const d0 = performance.now();
  for (let rep = 0; rep < 3; rep++) for (const d of heldOut) {
    decodeTags(d.s.text, d.tokens, loaded);
    chars += d.s.text.length;
  }
  const secs = (performance.now() - d0) / 1000;
  console.log(`load ${loadMs.toFixed(0)} ms; decode ${(chars / secs / 1000).toFixed(0)}k chars/s (features + Viterbi, jieba excluded)`);
}
