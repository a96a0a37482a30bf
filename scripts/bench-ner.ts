/**
 * Benchmark of the NER model (prints figures; not a test): load time, and characters per second of each
 * decoding stage on a BIO corpus (default the shared People's Daily dev set), next to jieba `tag` alone.
 *   npx tsx scripts/bench-ner.ts [file.bio] [model.bin]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { readBio } from '../src/eval/bio.js';
import { segment } from '../src/segment/jieba.js';
import { dataPath } from '../src/paths.js';
import { decodeModel } from '../src/entities/model/format.js';
import { modelFromData, tagSpans } from '../src/entities/model/index.js';
import { NUM_TEMPLATES, extractFeatures } from '../src/entities/model/features.js';
import { emissions, emissionsFromHashes, viterbi } from '../src/entities/model/decode.js';

const corpus = process.argv[2] ?? '/work/shared/eval/pd-ner/dev.bio';
const modelFile = process.argv[3] ?? dataPath('ner-model.bin');
const texts = readBio(corpus).map((s) => s.text);
const chars = texts.reduce((n, t) => n + t.length, 0);

const l0 = performance.now();
const bytes = readFileSync(modelFile);
const model = modelFromData(decodeModel(bytes));
const loadMs = performance.now() - l0;
console.log(`model ${modelFile}: ${(bytes.length / 1024).toFixed(0)} KiB, ${model.header.rows} features, load ${loadMs.toFixed(0)} ms`);

const rate = (ms: number): string => `${(((chars / ms) * 1000) / 1000).toFixed(0)}k chars/s`;
const time = (label: string, f: () => void): void => {
  f(); // warm-up
  const t = performance.now();
  f();
  console.log(`${label.padEnd(34)} ${rate(performance.now() - t)}`);
};
const tokens = texts.map((t) => segment(t));
time('jieba segment (tag)', () => texts.forEach((t) => segment(t)));
const feats = texts.map((t, i) => extractFeatures(t, tokens[i]!, model.lexicon));
time('features', () => texts.forEach((t, i) => extractFeatures(t, tokens[i]!, model.lexicon)));
const rows = feats.map((f) => model.index.lookupAll(f));
time('feature lookup', () => feats.forEach((f) => model.index.lookupAll(f)));
const ems = rows.map((r, i) => emissions(r, texts[i]!.length, NUM_TEMPLATES, model.weights));
time('emissions', () => rows.forEach((r, i) => emissions(r, texts[i]!.length, NUM_TEMPLATES, model.weights)));
time('lookup + emissions fused', () => feats.forEach((f, i) => emissionsFromHashes(f, texts[i]!.length, NUM_TEMPLATES, model.index, model.weights)));
time('viterbi', () => ems.forEach((e, i) => viterbi(e, texts[i]!.length, model.trans, model.end)));
time('tagSpans (decode + scores, no jieba)', () => texts.forEach((t, i) => tagSpans(t, tokens[i], model)));
time('tagSpans with jieba', () => texts.forEach((t) => tagSpans(t, undefined, model)));
console.log(`(${texts.length} texts, ${chars} chars; second of two passes; load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`);
