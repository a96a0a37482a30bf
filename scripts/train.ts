/**
 * Trains the character-level NER model:
 *   npm run train [-- path/to/file.bio] [--epochs N] [--out file] [--held-out-only] [--cv] [--crf]
 *     [--min-count N] [--no-gold-lexicon] [--no-gazetteer] [--augment COPIES] [--augment-kinds PERSON,PLACE,ORGANIZATION] [--runs N]
 * 1. Held-out estimate: trains on 4 of every 5 sentences (sentence index mod 5 ≠ 4) and prints P/R/F1 per
 *    kind on the fifth, with the float weights and with the quantized weights that ship.
 * 2. Trains on every sentence and writes data/ner-model.bin; prints its size, load time and decode speed.
 * `--cv` instead prints pooled 5-fold cross-validation scores (steadier, for choosing features/epochs).
 * Deterministic: fixed split, seeded shuffling, deterministic encoding → same corpus, same model bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { readBio, scoreSpans, type BioSentence, type SpanScores, type PRF } from '../src/eval/bio.js';
import { segment } from '../src/segment/jieba.js';
import { dataPath } from '../src/paths.js';
import {
  FEATURE_VERSION,
  LEX_GOLD_LOC,
  LEX_GOLD_ORG,
  LEX_GOLD_PER,
  NUM_TEMPLATES,
  buildLexicon,
  extractFeatures,
} from '../src/entities/model/features.js';
import { readJiebaLexicon } from '../src/entities/model/jiebaLexicon.js';
import { gazetteerEntries } from '../src/entities/model/gazetteer.js';
import { mulberry32, trainPerceptron, type TrainedWeights, type TrainingSentence } from '../src/entities/model/perceptron.js';
import { trainCrf } from '../src/entities/model/crf.js';
import { decodeModel, encodeModel, quantize } from '../src/entities/model/format.js';
import { decodeTags, loadModel, modelFromData, tagSpans, type NerModel } from '../src/entities/model/index.js';
import { spansToTags, tagsToSpans } from '../src/entities/model/tags.js';
import type { EntityKind, Mention, Token } from '../src/types.js';

const args = process.argv.slice(2);
let corpus = '/work/shared/eval/pd-ner/dev.bio';
let epochs = 25;
let out = dataPath('ner-model.bin');
let heldOutOnly = false;
let minCount = 2;
let cv = false;
let algo: 'perceptron' | 'crf' = 'perceptron';
let rate = 0.05;
let l2 = 1e-5;
let useGold = true;
let useGazetteer = true;
let augmentCopies = 0;
let runs = 1;
let augmentKinds = new Set<EntityKind>(['PERSON', 'PLACE', 'ORGANIZATION']);
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--epochs') epochs = Number(args[++i]);
  else if (a === '--out') out = args[++i]!;
  else if (a === '--held-out-only') heldOutOnly = true;
  else if (a === '--min-count') minCount = Number(args[++i]);
  else if (a === '--cv') cv = true;
  else if (a === '--crf') algo = 'crf';
  else if (a === '--rate') rate = Number(args[++i]);
  else if (a === '--l2') l2 = Number(args[++i]);
  else if (a === '--no-gold-lexicon') useGold = false;
  else if (a === '--no-gazetteer') useGazetteer = false;
  else if (a === '--augment') augmentCopies = Number(args[++i]);
  else if (a === '--runs') runs = Number(args[++i]);
  else if (a === '--augment-kinds') augmentKinds = new Set(args[++i]!.split(',') as EntityKind[]);
  else if (a.startsWith('--')) throw new Error(`train: unknown option ${a}`);
  else corpus = a;
}
if (!Number.isInteger(epochs) || epochs < 1) throw new Error('--epochs must be a positive integer');
const SEED = 20201129;
const FOLDS = 5;

interface Item {
  s: BioSentence;
  tokens: Token[];
}

type Entries = Array<[string, number]>;

const GOLD_BIT: Partial<Record<EntityKind, number>> = { PERSON: LEX_GOLD_PER, PLACE: LEX_GOLD_LOC, ORGANIZATION: LEX_GOLD_ORG };

/** Lexicon entries: jieba's names plus (when enabled) the names annotated in `items`. */
function lexiconEntries(items: readonly Item[]): Entries {
  const m = new Map<string, number>(jiebaEntries);
  for (const [w, t] of gazEntries) m.set(w, (m.get(w) ?? 0) | t);
  if (useGold) {
    for (const it of items) {
      for (const sp of it.s.spans) {
        const bit = GOLD_BIT[sp.kind];
        if (bit !== undefined && sp.text.length >= 2) m.set(sp.text, (m.get(sp.text) ?? 0) | bit);
      }
    }
  }
  return [...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * Training sentences with features. The annotated-name lexicon is jackknifed: a sentence's features see only
 * the names of the other folds, as unseen text will, so the lexicon features get honest weights.
 */
function trainingData(items: readonly Item[]): TrainingSentence[] {
  const fold = items.map((_, j) => j % FOLDS);
  const all = [...items];
  if (augmentCopies > 0) {
    const extra = augment(items, fold);
    all.push(...extra.items);
    fold.push(...extra.fold);
  }
  const out: TrainingSentence[] = new Array(all.length);
  for (let f = 0; f < FOLDS; f++) {
    const lex = buildLexicon(lexiconEntries(items.filter((_, j) => fold[j] !== f)));
    all.forEach((it, j) => {
      if (fold[j] === f) {
        out[j] = { feats: extractFeatures(it.s.text, it.tokens, lex), tags: spansToTags(it.s.text.length, it.s.spans) };
      }
    });
  }
  return out;
}

/**
 * Mention replacement (data augmentation): copies of sentences in which every name is swapped for another
 * annotated name of the same kind, drawn from the same jackknife fold (so the copies do not teach the model
 * that the lexicon of the other folds knows every name). More names in the same contexts teach the model to
 * rely on context and shape rather than on the particular strings.
 */
function augment(items: readonly Item[], fold: readonly number[]): { items: Item[]; fold: number[] } {
  const rand = mulberry32(SEED ^ 0x5bd1e995);
  const pools: Array<Map<EntityKind, string[]>> = [];
  for (let f = 0; f < FOLDS; f++) pools.push(new Map());
  items.forEach((it, j) => {
    for (const sp of it.s.spans) {
      const pool = pools[fold[j]!]!;
      if (!pool.has(sp.kind)) pool.set(sp.kind, []);
      pool.get(sp.kind)!.push(sp.text);
    }
  });
  const outItems: Item[] = [];
  const outFold: number[] = [];
  for (let copy = 0; copy < augmentCopies; copy++) {
    items.forEach((it, j) => {
      if (!it.s.spans.some((sp) => augmentKinds.has(sp.kind))) return;
      const pool = pools[fold[j]!]!;
      let text = '';
      let last = 0;
      const spans: Mention[] = [];
      for (const sp of [...it.s.spans].sort((a, b) => a.start - b.start)) {
        if (sp.start < last) continue;
        const names = pool.get(sp.kind)!;
        const name = augmentKinds.has(sp.kind) ? names[Math.floor(rand() * names.length)]! : sp.text;
        text += it.s.text.slice(last, sp.start);
        spans.push({ start: text.length, end: text.length + name.length, text: name, kind: sp.kind });
        text += name;
        last = sp.end;
      }
      text += it.s.text.slice(last);
      outItems.push({ s: { text, spans }, tokens: segment(text) });
      outFold.push(fold[j]!);
    });
  }
  return { items: outItems, fold: outFold };
}

/**
 * Mean of perceptrons trained on the same data in different (seeded) orders: their feature rows coincide
 * (rows are numbered by first appearance in the data), so the weights average row by row.
 */
function averageRuns(ws: readonly TrainedWeights[]): TrainedWeights {
  if (ws.length === 1) return ws[0]!;
  const mean = (get: (w: TrainedWeights) => Float32Array): Float32Array => {
    const out = new Float32Array(get(ws[0]!).length);
    for (const w of ws) get(w).forEach((x, i) => (out[i]! += x / ws.length));
    return out;
  };
  return { hashes: ws[0]!.hashes, weights: mean((w) => w.weights), trans: mean((w) => w.trans), end: mean((w) => w.end) };
}

function fmt(s: SpanScores, label: string): string {
  const line = (k: string, p: PRF): string =>
    `  ${k.padEnd(13)} P ${p.precision.toFixed(4)}  R ${p.recall.toFixed(4)}  F1 ${p.f1.toFixed(4)}  (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;
  const lines = [label];
  for (const [k, p] of Object.entries(s.byKind)) lines.push(line(k, p!));
  lines.push(line('overall', s.overall));
  return lines.join('\n');
}

function predict(model: NerModel, data: readonly Item[]): Mention[][] {
  return data.map((d) => tagsToSpans(d.s.text, decodeTags(d.s.text, d.tokens, model).tags));
}

function build(items: readonly Item[]) {
  const t0 = performance.now();
  const data = trainingData(items);
  const progress = (msg: string): void => {
    process.stderr.write(`  ${msg}\n`);
  };
  const w =
    algo === 'crf'
      ? trainCrf(data, NUM_TEMPLATES, { epochs, seed: SEED, minCount, rate, l2, onEpoch: (e, loss) => progress(`epoch ${e}: loss ${loss.toFixed(0)}`) })
      : averageRuns(
          Array.from({ length: runs }, (_, r) =>
            trainPerceptron(data, NUM_TEMPLATES, { epochs, seed: SEED + r, minCount, onEpoch: (e, m) => progress(`run ${r + 1} epoch ${e}: ${m} sentences wrong`) }),
          ),
        );
  const q = quantize(w, lexiconEntries(items), {
    featureVersion: FEATURE_VERSION,
    numTemplates: NUM_TEMPLATES,
    info: { corpus: corpus.split('/').slice(-2).join('/'), sentences: items.length, algorithm: algo, epochs, seed: SEED, runs, minCount, augmentCopies },
  });
  const float = modelFromData({ ...q, hashes: w.hashes, weights: w.weights, trans: w.trans, end: w.end });
  return { w, q, float, quantized: modelFromData(q), seconds: (performance.now() - t0) / 1000 };
}

const t0 = performance.now();
const jiebaEntries = readJiebaLexicon();
const gazEntries = useGazetteer ? gazetteerEntries() : [];
const sentences = readBio(corpus);
const items: Item[] = sentences.map((s) => ({ s, tokens: segment(s.text) }));
console.log(`lexicon: ${jiebaEntries.length} names from jieba's dictionary, ${gazEntries.length} gazetteer entries${useGold ? ' + the annotated names of the training sentences' : ''}`);
console.log(
  `${corpus}: ${sentences.length} sentences, ${sentences.reduce((n, s) => n + s.text.length, 0)} chars (segmented in ${((performance.now() - t0) / 1000).toFixed(1)} s); ${algo}, ${epochs} epochs`,
);

if (cv) {
  const gold: Mention[][] = [];
  const pred: Mention[][] = [];
  for (let f = 0; f < FOLDS; f++) {
    const m = build(items.filter((_, i) => i % FOLDS !== f));
    const test = items.filter((_, i) => i % FOLDS === f);
    gold.push(...test.map((d) => d.s.spans));
    pred.push(...predict(m.quantized, test));
  }
  console.log(fmt(scoreSpans(gold, pred), `5-fold cross-validation (fold = sentence index mod 5), shipped weights:`));
  process.exit(0);
}

// Held-out split: every 5th sentence.
const trainPart = items.filter((_, i) => i % FOLDS !== FOLDS - 1);
const heldOut = items.filter((_, i) => i % FOLDS === FOLDS - 1);
console.log(`held-out split: train ${trainPart.length}, held out ${heldOut.length} (sentence index mod 5 = 4)`);
const ho = build(trainPart);
console.log(`trained in ${ho.seconds.toFixed(1)} s, ${ho.w.hashes.length} features, ${ho.q.header.rows} kept after quantization`);
const gold = heldOut.map((d) => d.s.spans);
console.log(fmt(scoreSpans(gold, predict(ho.float, heldOut)), 'held-out, float weights:'));
console.log(fmt(scoreSpans(gold, predict(ho.quantized, heldOut)), 'held-out, shipped (quantized) weights:'));

/**
 * Temperature for span scores: the one (of a few) that minimizes the log loss of "this predicted span is
 * correct" on the held-out sentences. It does not change which spans are found, only their `score`.
 */
function chooseTemperature(model: NerModel, data: readonly Item[]): number {
  let best = 1;
  let bestLoss = Infinity;
  let bestScored: Array<[number, boolean]> = [];
  for (const temp of [1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96]) {
    const m: NerModel = { ...model, header: { ...model.header, temperature: temp } };
    const scored: Array<[number, boolean]> = [];
    for (const d of data) {
      const gold = new Set(d.s.spans.map((g) => `${g.start}:${g.end}:${g.kind}`));
      for (const p of tagSpans(d.s.text, d.tokens, m)) scored.push([p.score ?? 1, gold.has(`${p.start}:${p.end}:${p.kind}`)]);
    }
    let loss = 0;
    for (const [p, ok] of scored) {
      const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
      loss -= ok ? Math.log(q) : Math.log(1 - q);
    }
    if (loss < bestLoss) {
      bestLoss = loss;
      best = temp;
      bestScored = scored;
    }
  }
  const buckets = [0, 0.5, 0.8, 0.9, 0.95, 0.99, 1.01];
  const parts: string[] = [];
  for (let b = 0; b + 1 < buckets.length; b++) {
    const inB = bestScored.filter(([p]) => p >= buckets[b]! && p < buckets[b + 1]!);
    if (inB.length > 0) parts.push(`[${buckets[b]}, ${Math.min(1, buckets[b + 1]!)}): ${inB.length} spans, ${((inB.filter(([, ok]) => ok).length / inB.length) * 100).toFixed(0)}% correct`);
  }
  console.log(`span score temperature ${best} (held-out log loss ${(bestLoss / Math.max(1, bestScored.length)).toFixed(3)}/span); ${parts.join('; ')}`);
  return best;
}
const temperature = chooseTemperature(ho.quantized, heldOut);
ho.q.header.temperature = temperature;
if (heldOutOnly && process.env.HO_OUT) writeFileSync(process.env.HO_OUT, encodeModel(ho.q));

if (!heldOutOnly) {
  const all = build(items);
  all.q.header.temperature = temperature;
  const bytes = encodeModel(all.q);
  writeFileSync(out, bytes);
  console.log(`final model: ${items.length} sentences, ${all.seconds.toFixed(1)} s, ${all.q.header.rows} features, ${out} ${(bytes.length / 1024).toFixed(0)} KiB`);
  // Load time (from the file) and decode speed (features + Viterbi, jieba excluded) on the held-out text.
  const l0 = performance.now();
  const loaded = modelFromData(decodeModel(readFileSync(out)));
  const loadMs = performance.now() - l0;
  loadModel(out);
  let chars = 0;
  const d0 = performance.now();
  for (let rep = 0; rep < 3; rep++) {
    for (const d of heldOut) {
      decodeTags(d.s.text, d.tokens, loaded);
      chars += d.s.text.length;
    }
  }
  const secs = (performance.now() - d0) / 1000;
  console.log(`load ${loadMs.toFixed(0)} ms; decode ${(chars / secs / 1000).toFixed(0)}k chars/s (features + Viterbi, jieba excluded)`);
}
