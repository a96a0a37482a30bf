/**
 * `npm run eval`: the quality figures of issue 3 (and the relation figures of the relations area).
 *   1. People's Daily NER (PERSON/PLACE/ORGANIZATION, exact span, CoNLL micro-average) on
 *      ../shared/eval/pd-ner/dev.bio: the full recognizer, the model alone and the rules alone, so that
 *      what the rules add (or cost) is visible. PROGRAM mentions are dropped (the corpus has no such kind).
 *   2. The bundled page against seed-gold.json, over the four kinds: the final graph of the pipeline
 *      (a gold entity is found when a node of its kind has its name or an alias as label or alias), and the
 *      recognizer alone at page level; plus the gold PERSONs that were missed.
 *   3. Relations (scripts/eval-relations.ts).
 *   4. The genre set (scripts/eval-genre.ts, src/eval/genre.ts): 20 real articles of
 *      ../shared/eval/genre, each built alone and scored per article, macro-averaged, traditional apart.
 * Flags: --verbose (spurious and missed entities, and per genre article missed/spurious entities and
 * relations), --skip-pd (no People's Daily), --genre-only (the genre set alone), --genre-dir DIR (where the
 * gNN.txt texts are; default eval-cache/genre), --json FILE (the genre scores as JSON), --min-confidence X (build the
 * genre set with it), --confidence-curve (the genre set's precision/recall by threshold), --model MODEL.bin: also score
 * dev with another model file (a candidate written by `npx tsx scripts/train.ts --out MODEL.bin`), with and without
 * rules. Dev is held out: the shipped model is trained on ../shared/eval/ner-train, cleaned of dev.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recognize, type RecognizeOptions } from '../src/entities/index.js';
import { hasModel, loadModel } from '../src/entities/model/index.js';
import { evaluateBio, readBio, scoreSpans, BIO_KINDS, type BioEvaluation, type PRF } from '../src/eval/bio.js';
import { entitiesFromGraph, entitiesFromMentions, loadSeedGold, normalizePage, scoreEntities, type SeedScores } from '../src/eval/seed.js';
import { buildGraphFromPaths } from '../src/pipeline.js';
import { flagValue, genreConfidenceCurve, genreEvalBlock } from './eval-genre.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = join(root, '..', 'shared', 'eval');
const SAMPLE = join(root, 'data', '000_6a6b28fc1a4d90e2.txt');
const verbose = process.argv.includes('--verbose');

function firstExisting(...paths: string[]): string | undefined {
  return paths.find((p) => existsSync(p));
}

const f3 = (x: number): string => x.toFixed(3);
const prfLine = (name: string, s: PRF): string =>
  `  ${name.padEnd(14)} P ${f3(s.precision)}  R ${f3(s.recall)}  F1 ${f3(s.f1)}   (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;

function printBio(title: string, e: BioEvaluation, seconds: number): void {
  console.log(`${title}  [${e.sentences} sentences, ${e.chars} chars, ${Math.round(e.chars / seconds)} chars/s]`);
  console.log(prfLine('overall', e.overall));
  for (const [k, s] of Object.entries(e.byKind)) console.log(prfLine(k, s));
}

function printSeed(title: string, s: SeedScores): void {
  console.log(title);
  console.log(prfLine('overall', s.overall));
  for (const [k, v] of Object.entries(s.byKind)) console.log(prfLine(k, v));
  const persons = s.missed.filter((e) => e.type === 'PERSON').map((e) => e.name);
  console.log(`  missed gold PERSONs: ${persons.length ? persons.join(' ') : '(none)'}`);
  if (verbose) {
    console.log(`  missed: ${s.missed.map((e) => `${e.type}:${e.name}`).join(' ') || '(none)'}`);
    console.log(`  spurious: ${s.spurious.map((e) => `${e.kind}:${e.names.join('/')}`).join(' ') || '(none)'}`);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const minConfidence = flagValue(argv, '--min-confidence');
  const genre = {
    dir: flagValue(argv, '--genre-dir'),
    json: flagValue(argv, '--json'),
    verbose,
    ...(minConfidence ? { minConfidence: Number(minConfidence) } : {}),
  };
  if (argv.includes('--confidence-curve')) {
    console.log(await genreConfidenceCurve(genre));
    return;
  }
  if (argv.includes('--genre-only')) {
    console.log(await genreEvalBlock(genre));
    return;
  }
  // 1. People's Daily.
  const pd = firstExisting(join(shared, 'pd-ner', 'dev.bio'));
  if (process.argv.includes('--skip-pd')) console.log("People's Daily: skipped (--skip-pd)");
  else if (!pd) console.log("People's Daily: ../shared/eval/pd-ner/dev.bio not found, skipped");
  else {
    const model = hasModel();
    const runs: Array<[string, RecognizeOptions]> = [['full recognizer (model + rules)', {}]];
    if (model) runs.push(['model alone', { rules: false }]);
    runs.push(['rules alone', { model: false }]);
    if (!model) console.log("People's Daily: no trained model (data/ner-model.bin; npm run train): rules only");
    for (const [name, opts] of runs) {
      const t0 = performance.now();
      const e = evaluateBio(pd, (text) => recognize(text, { ...opts, nested: false }));
      printBio(`People's Daily dev, ${name}`, e, (performance.now() - t0) / 1000);
    }
  }

  // 1b. Dev with a candidate model.
  const modelAt = process.argv.indexOf('--model');
  if (pd && modelAt > 0) {
    const file = process.argv[modelAt + 1];
    if (!file || !existsSync(file)) throw new Error(`--model: model file ${file ?? '(missing)'} not found`);
    const nerModel = loadModel(file);
    const sentences = readBio(pd);
    const chars = sentences.reduce((n, x) => n + x.text.length, 0);
    const keep = new Set(BIO_KINDS);
    const gold = sentences.map((x) => x.spans.filter((m) => keep.has(m.kind)));
    for (const [name, opts] of [
      ['full recognizer', { nerModel }],
      ['model alone', { nerModel, rules: false }],
    ] as Array<[string, RecognizeOptions]>) {
      const t0 = performance.now();
      const pred = sentences.map((x) => recognize(x.text, { ...opts, nested: false }).filter((m) => keep.has(m.kind)));
      const e: BioEvaluation = { ...scoreSpans(gold, pred), sentences: sentences.length, chars };
      printBio(`People's Daily dev with ${file}, ${name}`, e, (performance.now() - t0) / 1000);
    }
  }

  // 2. The bundled page.
  const goldPath = firstExisting(join(shared, 'seed-gold.json'), join(root, 'test', 'fixtures', 'eval', 'seed-gold.json'));
  if (!goldPath) throw new Error('seed-gold.json not found');
  const gold = loadSeedGold(goldPath).entities;
  console.log('');
  const { graph } = await buildGraphFromPaths([SAMPLE], { layout: false });
  printSeed('Seed page, final graph (entities of the four kinds, label or alias):', scoreEntities(gold, entitiesFromGraph(graph)));
  const page = normalizePage(readFileSync(SAMPLE, 'utf8'));
  printSeed('Seed page, recognizer alone (page text, PDF-normalized):', scoreEntities(gold, entitiesFromMentions(recognize(page.text, { gaps: page.gaps }))));

  // 3. Relations (the relations area's block).
  console.log('');
  try {
    const mod = (await import('./eval-relations.js')) as { relationEvalBlock?: (verbose?: boolean) => Promise<string> };
    if (mod.relationEvalBlock) console.log(await mod.relationEvalBlock(verbose));
  } catch (err) {
    console.log(`relations: not available (${(err as Error).message})`);
  }

  // 4. The genre set.
  console.log('');
  console.log(await genreEvalBlock(genre));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
