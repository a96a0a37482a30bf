/**
 * Output guard for performance work on the recognizer: runs `recognize` over a fixed set of texts and either
 * records the mentions or compares them with a recording, printing the first differences.
 *
 *   npx tsx scripts/check-recognize.ts record /tmp/recognize.json [--model FILE] [--bench N]
 *   npx tsx scripts/check-recognize.ts compare /tmp/recognize.json [--model FILE] [--bench N] [--repeat N] [--bio FILE]
 *
 * Texts: the People's Daily dev sentences (one call per sentence, as `extract --lines` does), the bundled
 * page's articles (tokens from segment(), the articles' PDF gaps, nested mentions, as the pipeline does) and,
 * with --bench N, the articles of the first N files of bench/corpus/1mb (article-length texts, where
 * quadratic scans show). --model pins a copy of the model file, so that a retrain elsewhere in the tree does
 * not show up as a difference. Prints chars/s of the recognize calls (one thread, after a warm-up).
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recognize, type RecognizeOptions } from '../src/entities/index.js';
import { loadModel } from '../src/entities/model/index.js';
import { readBio } from '../src/eval/bio.js';
import { readSource } from '../src/text/read.js';
import { splitArticles } from '../src/text/articles.js';
import { segment } from '../src/segment/jieba.js';
import type { Mention, Token } from '../src/types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [mode, file] = process.argv.slice(2);
if ((mode !== 'record' && mode !== 'compare') || !file) {
  console.error('usage: check-recognize.ts record|compare FILE [--model FILE] [--bench N]');
  process.exit(2);
}
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const modelFile = arg('model');
const benchFiles = Number(arg('bench') ?? '0');

interface Case {
  name: string;
  text: string;
  tokens?: Token[];
  gaps?: number[];
}

const cases: Case[] = [];
const bio = arg('bio') ?? join(root, '..', 'shared', 'eval', 'pd-ner', 'dev.bio');
if (!existsSync(bio)) throw new Error(`${bio} not found`);
readBio(bio).forEach((s, i) => cases.push({ name: `pd#${i}`, text: s.text }));
const articleFiles = [join(root, 'data', '000_6a6b28fc1a4d90e2.txt')];
const benchDir = join(root, 'bench', 'corpus', '1mb');
if (benchFiles > 0 && existsSync(benchDir)) {
  for (const f of readdirSync(benchDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .slice(0, benchFiles))
    articleFiles.push(join(benchDir, f));
}
for (const f of articleFiles) {
  for (const a of splitArticles(await readSource(f))) cases.push({ name: a.id, text: a.text, tokens: segment(a.text), gaps: a.gaps });
}

const base: RecognizeOptions = modelFile ? { nerModel: loadModel(modelFile) } : {};
const run = (c: Case): Mention[] => recognize(c.text, { ...base, ...(c.tokens ? { tokens: c.tokens, gaps: c.gaps } : {}) });
for (const c of cases.slice(0, 300)) run(c); // warm-up (lazy loads)
const chars = cases.reduce((n, c) => n + c.text.length, 0);
// --repeat N: the best of N timed passes (the machine is shared; the best pass is the least disturbed).
const repeat = Math.max(1, Number(arg('repeat') ?? '1'));
// CPU time as well as wall time: with other work on the machine, CPU time is the steadier figure.
let secs = Infinity;
let cpuSecs = Infinity;
let out: Array<{ name: string; mentions: Mention[] }> = [];
for (let r = 0; r < repeat; r++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  out = cases.map((c) => ({ name: c.name, mentions: run(c) }));
  const c1 = process.cpuUsage(c0);
  secs = Math.min(secs, (performance.now() - t0) / 1000);
  cpuSecs = Math.min(cpuSecs, (c1.user + c1.system) / 1e6);
}
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
console.log(
  `${cases.length} texts, ${chars} chars: ${fmt(chars / secs)} chars/s wall, ${fmt(chars / cpuSecs)} chars/s CPU (recognize, one thread, best of ${repeat})`,
);

const key = (m: Mention): string => `${m.start}-${m.end} ${m.kind} ${m.text}${m.canonical ? ` →${m.canonical}` : ''}`;
if (mode === 'record') {
  writeFileSync(file, JSON.stringify(out.map((o) => ({ name: o.name, m: o.mentions.map(key) }))));
  console.log(`recorded ${out.reduce((n, o) => n + o.mentions.length, 0)} mentions to ${file}`);
} else {
  const want = JSON.parse(readFileSync(file, 'utf8')) as Array<{ name: string; m: string[] }>;
  let diffs = 0;
  if (want.length !== out.length) {
    console.log(`different number of texts: recorded ${want.length}, now ${out.length}`);
    diffs++;
  }
  for (let i = 0; i < Math.min(want.length, out.length); i++) {
    const got = out[i]!.mentions.map(key);
    const w = want[i]!.m;
    if (got.join('|') === w.join('|')) continue;
    if (++diffs <= 10) {
      console.log(`${out[i]!.name}: ${cases[i]!.text.slice(0, 60)}`);
      console.log(`  recorded: ${w.filter((x) => !got.includes(x)).join('; ')}`);
      console.log(`  now:      ${got.filter((x) => !w.includes(x)).join('; ')}`);
    }
  }
  console.log(diffs === 0 ? 'identical' : `${diffs} texts differ`);
  process.exit(diffs === 0 ? 0 : 1);
}
