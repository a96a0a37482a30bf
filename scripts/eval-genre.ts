/**
 * The genre benchmark of `npm run eval` (issue 10, part 3): each text of the genre set (gNN.txt in a
 * git-ignored folder, default eval-cache/genre) is built alone with the real pipeline and its graph is scored
 * against ../shared/eval/genre/gNN.json (rules: src/eval/genre.ts). One process: the model and the
 * dictionaries load once. Run through `npm run eval -- --genre-only`, or alone
 * (`npx tsx scripts/eval-genre.ts [--genre-dir DIR] [--verbose] [--json FILE]`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prf, type PRF } from '../src/eval/bio.js';
import {
  parseGenreGold,
  pooledByKind,
  pooledByType,
  scoreGenreArticle,
  summarize,
  type ArticleScores,
  type Average,
  type GenreEdge,
  type GenreNode,
} from '../src/eval/genre.js';
import { buildGraphFromPaths } from '../src/pipeline.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GENRE_GOLD_DIR = join(root, '..', 'shared', 'eval', 'genre');
export const DEFAULT_GENRE_DIR = join(root, 'eval-cache', 'genre');

export interface GenreEvalOptions {
  dir?: string;
  goldDir?: string;
  verbose?: boolean;
  /** Write every score as JSON to this file. */
  json?: string;
  /** Build with `--min-confidence` (default 0: every entity). */
  minConfidence?: number;
}

/** Every text of the set built alone (with `minConfidence`) and scored; ids without a text are `missing`. */
async function scoreGenreSet(dir: string, goldDir: string, minConfidence = 0): Promise<{ scores: ArticleScores[]; missing: string[]; differs: string[] }> {
  const ids = readdirSync(goldDir)
    .filter((f) => /^g\d+\.json$/.test(f))
    .map((f) => f.slice(0, -5))
    .sort();
  const scores: ArticleScores[] = [];
  const missing: string[] = [];
  const differs: string[] = [];
  for (const id of ids) {
    const gold = parseGenreGold(JSON.parse(readFileSync(join(goldDir, `${id}.json`), 'utf8')), `${id}.json`);
    const path = join(dir, `${id}.txt`);
    if (!existsSync(path)) {
      missing.push(id);
      continue;
    }
    const raw = readFileSync(path);
    if (createHash('sha256').update(raw).digest('hex') !== gold.source.sha256) differs.push(id);
    const { graph } = await buildGraphFromPaths([path], { layout: false, workers: 1, minConfidence });
    const nodes: GenreNode[] = graph.mapNodes((key, a) => ({
      key,
      kind: String(a['kind'] ?? ''),
      label: String(a['label'] ?? ''),
      aliases: Array.isArray(a['aliases']) ? (a['aliases'] as unknown[]).map(String) : [],
    }));
    const edges: GenreEdge[] = graph.mapEdges((_k, a, source, target) => ({ source, target, relation: String(a['relation'] ?? '') }));
    scores.push(scoreGenreArticle(id, gold, nodes, edges));
  }
  return { scores, missing, differs };
}

/** Thresholds of the precision/recall curve of `--confidence-curve`. */
export const CURVE_THRESHOLDS = [0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9];

/**
 * Precision and recall of the genre set as `zhkg build --min-confidence X` trades one for the other: one line
 * per threshold, entities pooled over the articles and macro F1, relation F1 macro.
 */
export async function genreConfidenceCurve(options: GenreEvalOptions = {}): Promise<string> {
  const dir = options.dir ?? DEFAULT_GENRE_DIR;
  const goldDir = options.goldDir ?? GENRE_GOLD_DIR;
  if (!existsSync(goldDir) || !existsSync(dir)) return 'Genre set: texts or gold not found, no curve (see docs/evaluation.md)';
  const lines = ['Genre set by --min-confidence (entities pooled P / R, macro F1; relations macro F1):'];
  for (const x of CURVE_THRESHOLDS) {
    const { scores } = await scoreGenreSet(dir, goldDir, x);
    if (scores.length === 0) return 'Genre set: no gNN.txt found, no curve (see docs/evaluation.md)';
    const sum = summarize(scores);
    const pooled = scores.reduce((a, s) => ({ tp: a.tp + s.entities.overall.tp, fp: a.fp + s.entities.overall.fp, fn: a.fn + s.entities.overall.fn }), {
      tp: 0,
      fp: 0,
      fn: 0,
    });
    const e = prf(pooled.tp, pooled.fp, pooled.fn);
    lines.push(`  ${x.toFixed(1)}  entities P ${f3(e.precision)} R ${f3(e.recall)} F1 ${f3(sum.entities.f1)}   relations F1 ${f3(sum.relations.f1)}`);
  }
  return lines.join('\n');
}

const f3 = (x: number): string => x.toFixed(3);
const prfText = (s: { precision: number; recall: number; f1: number }): string => `P ${f3(s.precision)} R ${f3(s.recall)} F1 ${f3(s.f1)}`;
const counts = (s: { tp: number; fp: number; fn: number }): string => `(tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;

function averageLine(name: string, e: Average, r: Average): string {
  return `  ${name.padEnd(17)} entities ${prfText(e)}   relations ${prfText(r)}`;
}

function pooledLine(name: string, s: PRF): string {
  return `  ${name.padEnd(17)} ${prfText(s)}  ${counts(s)}`;
}

/** Runs the genre benchmark; returns the report lines (never throws for missing texts: it says so). */
export async function genreEvalBlock(options: GenreEvalOptions = {}): Promise<string> {
  const dir = options.dir ?? DEFAULT_GENRE_DIR;
  const goldDir = options.goldDir ?? GENRE_GOLD_DIR;
  const shown = options.dir ?? (relative(process.cwd(), dir).startsWith('..') ? dir : relative(process.cwd(), dir));
  if (!existsSync(goldDir)) return `Genre set: gold folder ${goldDir} not found, skipped`;
  if (!existsSync(dir)) {
    return `Genre set: ${shown} not found, skipped (obtain the texts as docs/evaluation.md says: the search tool, pages corpus, query = each gNN.json's source.title; check with python3 ../shared/eval/genre/verify.py ${shown})`;
  }
  const t0 = performance.now();
  const { scores, missing, differs } = await scoreGenreSet(dir, goldDir, options.minConfidence ?? 0);
  const lines: string[] = [];
  const seconds = (performance.now() - t0) / 1000;
  if (scores.length === 0) return `Genre set: no gNN.txt in ${shown}, skipped (see docs/evaluation.md)`;

  lines.push(
    `Genre set: ${scores.length} articles from ${shown}, each built alone${options.minConfidence ? ` with --min-confidence ${options.minConfidence}` : ''}, ${seconds.toFixed(1)} s; averages are means over articles (macro)`,
  );
  if (missing.length) lines.push(`  missing texts (not scored): ${missing.join(' ')}`);
  if (differs.length) lines.push(`  sha256 differs from the gold's (text not as annotated?): ${differs.join(' ')}`);
  lines.push(`  article script  entities                    (tp, fp, fn)       relations                   (tp, fp, fn)`);
  for (const s of scores) {
    lines.push(
      `  ${s.id.padEnd(7)} ${s.script === 'traditional' ? 'trad' : 'simp'}    ${prfText(s.entities.overall)} ${counts(s.entities.overall).padEnd(20)} ${prfText(s.relations.overall)} ${counts(s.relations.overall)}`,
    );
  }
  const simplified = scores.filter((s) => s.script === 'simplified');
  const traditional = scores.filter((s) => s.script === 'traditional');
  const all = summarize(scores);
  const simp = summarize(simplified);
  const trad = summarize(traditional);
  lines.push(averageLine(`overall (${scores.length})`, all.entities, all.relations));
  lines.push(averageLine(`simplified (${simplified.length})`, simp.entities, simp.relations));
  lines.push(averageLine(`traditional (${traditional.length})`, trad.entities, trad.relations));
  const byKind = pooledByKind(scores);
  const byType = pooledByType(scores);
  lines.push('  entities per kind, counts pooled over the articles:');
  for (const [k, s] of Object.entries(byKind)) lines.push(pooledLine(k, s));
  lines.push('  relations per type, counts pooled over the articles:');
  for (const [t, s] of Object.entries(byType)) lines.push(pooledLine(t, s));
  if (options.verbose) {
    for (const s of scores) {
      lines.push(`  ${s.id} missed entities: ${s.entities.missed.map((e) => `${e.type}:${e.name}`).join(' ') || '-'}`);
      lines.push(`  ${s.id} spurious entities: ${s.entities.spurious.map((e) => `${e.kind}:${e.names.join('/')}`).join(' ') || '-'}`);
      lines.push(`  ${s.id} missed relations: ${s.relations.missed.join('; ') || '-'}`);
      lines.push(`  ${s.id} spurious relations: ${s.relations.spurious.join('; ') || '-'}`);
    }
  }
  if (options.json) {
    const out = {
      dir: shown,
      missing,
      sha256Differs: differs,
      summary: { overall: all, simplified: simp, traditional: trad },
      entitiesByKind: byKind,
      relationsByType: byType,
      articles: scores,
    };
    writeFileSync(options.json, JSON.stringify(out, null, 1) + '\n');
    lines.push(`  scores written to ${options.json}`);
  }
  return lines.join('\n');
}

/** `--name VALUE` from argv, or undefined; a flag given without its value is bad usage. */
export function flagValue(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at < 0) return undefined;
  const v = argv[at + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
  return v;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  try {
    process.stdout.write(
      (await genreEvalBlock({ dir: flagValue(argv, '--genre-dir'), verbose: argv.includes('--verbose'), json: flagValue(argv, '--json') })) + '\n',
    );
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
