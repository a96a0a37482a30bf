/**
 * Extraction speed: characters per second (CPU time) of `recognize` (segmentation + model + rules) over the People's
 * Daily dev text, one sentence at a time as `zhkg extract --lines` does, next to nodejieba `tag` alone on
 * the same sentences. A benchmark that prints figures (never a timed test); `npm run bench` calls
 * `benchExtract()`, and `npx tsx bench/extract.ts [FILE.bio]` runs it alone.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recognize, type RecognizeOptions } from '../src/entities/index.js';
import { NUM_TEMPLATES, extractFeatures, hasModel, loadModel, tagSpans } from '../src/entities/model/index.js';
import { SPARSE_SLOTS } from '../src/entities/model/features.js';
import { emissionsFromHashes, viterbi } from '../src/entities/model/decode.js';
import { readBio } from '../src/eval/bio.js';
import { getJieba, segment } from '../src/segment/jieba.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ExtractBench {
  sentences: number;
  chars: number;
  /** chars/s */
  jiebaTag: number;
  recognize: number;
  recognizeRulesOnly: number;
  recognizeModelOnly?: number;
  /** The model's own inference (features, emissions, Viterbi, span scores) on pre-segmented text. */
  modelInference?: number;
  /** Its stages alone, each over the whole text (features; feature-table lookups and sums; Viterbi). */
  modelStages?: { features: number; emissions: number; viterbi: number };
  /** 1-minute load average when the bench ended (the machine is shared). */
  load: number;
}

/** CPU time of this thread's process in ms (the machine is shared: wall time counts other jobs' turns). */
function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/** Timed passes per figure: the fastest counts. */
const PASSES = 3;

/**
 * chars/s of `fn` over `texts`, by CPU time of the fastest of PASSES passes, after one full warm-up pass: the lazy
 * loads (jieba, model, lexicons, division index) happen on the first sentence that needs them, which a short
 * warm-up can miss. The fastest pass, because on a shared machine the CPU time of one pass of the same code
 * varies up to twofold with the other processes' load (cache and core sharing; docs/scale.md, 3 Dec): the least
 * disturbed pass is the figure that compares across runs.
 */
function rate(texts: readonly string[], chars: number, fn: (t: string, i: number) => unknown): number {
  texts.forEach(fn);
  let best = Infinity;
  for (let p = 0; p < PASSES; p++) {
    const t0 = cpuMs();
    texts.forEach(fn);
    best = Math.min(best, cpuMs() - t0);
  }
  return chars / (best / 1000);
}

export function benchExtract(bioPath = join(root, '..', 'shared', 'eval', 'pd-ner', 'dev.bio')): ExtractBench {
  if (!existsSync(bioPath)) throw new Error(`bench/extract: ${bioPath} not found`);
  const texts = readBio(bioPath).map((s) => s.text);
  const chars = texts.reduce((n, t) => n + t.length, 0);
  const jieba = getJieba();
  const run = (o: RecognizeOptions) => rate(texts, chars, (t) => recognize(t, o));
  const out: ExtractBench = {
    sentences: texts.length,
    chars,
    jiebaTag: rate(texts, chars, (t) => jieba.tag(t)),
    recognize: run({}),
    recognizeRulesOnly: run({ model: false }),
    load: 0,
  };
  if (hasModel()) {
    out.recognizeModelOnly = run({ rules: false });
    const model = loadModel();
    const tokens = texts.map((t) => segment(t));
    out.modelInference = rate(texts, chars, (t, i) => tagSpans(t, tokens[i], model));
    const feats = texts.map((t, i) => extractFeatures(t, tokens[i]!, model.lexicon));
    // As inference calls it: the sparse slots through the presence filter.
    const ems = feats.map((f, i) => emissionsFromHashes(f, texts[i]!.length, NUM_TEMPLATES, model.index, model.weights, undefined, SPARSE_SLOTS));
    out.modelStages = {
      features: rate(texts, chars, (t, i) => extractFeatures(t, tokens[i]!, model.lexicon)),
      emissions: rate(texts, chars, (t, i) => emissionsFromHashes(feats[i]!, t.length, NUM_TEMPLATES, model.index, model.weights, undefined, SPARSE_SLOTS)),
      viterbi: rate(texts, chars, (t, i) => viterbi(ems[i]!, t.length, model.trans, model.end)),
    };
  }
  out.load = loadavg()[0]!;
  return out;
}

export function formatExtractBench(b: ExtractBench): string {
  const k = (x: number) => `${Math.round(x).toLocaleString('en-US')} chars/s`;
  const lines = [
    `extract speed on ${b.sentences} sentences, ${b.chars} chars (one sentence per call, CPU time, fastest of ${PASSES} passes after a warm-up pass):`,
    `  nodejieba tag alone          ${k(b.jiebaTag)}`,
    `  recognize (model + rules)    ${k(b.recognize)}  (${(b.recognize / b.jiebaTag).toFixed(2)} × jieba)`,
    `  recognize, rules only        ${k(b.recognizeRulesOnly)}`,
  ];
  if (b.recognizeModelOnly !== undefined) lines.push(`  recognize, model only        ${k(b.recognizeModelOnly)}`);
  if (b.modelInference !== undefined) lines.push(`  model inference (tokens given: features, emissions, Viterbi, scores)  ${k(b.modelInference)}`);
  if (b.modelStages) {
    const st = b.modelStages;
    lines.push(`    its stages alone: features ${k(st.features)}, emissions ${k(st.emissions)}, Viterbi ${k(st.viterbi)}`);
  }
  if (b.modelInference === undefined) lines.push('  (no trained model: data/ner-model.bin missing, so the first line is rules only too)');
  lines.push(`  (load average ${b.load.toFixed(1)} at the end)`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(formatExtractBench(benchExtract(process.argv[2])));
}
