/**
 * Relation evaluation against the `relations` of seed-gold.json (see src/eval/relations.ts):
 * - end to end: the graph of `buildGraphFromPaths` over the bundled page (recognizer + resolution +
 *   relations), what users get;
 * - oracle mentions: gold entity names found in the text, then resolution + relations, which isolates
 *   relation extraction from recognition errors.
 * Run alone (`npx tsx scripts/eval-relations.ts [--verbose]`) or through `npm run eval`, which prints
 * `relationEvalBlock()`.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { MultiGraph } from 'graphology';
import { buildGraphFromPaths } from '../src/pipeline.js';
import { splitArticles } from '../src/text/articles.js';
import { readSource } from '../src/text/read.js';
import { resolveEntities } from '../src/resolve/index.js';
import { extractRelations } from '../src/relations/index.js';
import { buildGraph, articleKey } from '../src/graph/build.js';
import { articleDocMap, goldMentions, scoreRelations, type GoldData, type RelationScore } from '../src/eval/relations.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = join(root, 'data', '000_6a6b28fc1a4d90e2.txt');

function goldPath(): string {
  const shared = join(root, '..', 'shared', 'eval', 'seed-gold.json');
  return existsSync(shared) ? shared : join(root, 'test', 'fixtures', 'eval', 'seed-gold.json');
}

function score(gold: GoldData, graph: MultiGraph, docs: Map<string, string>): RelationScore {
  const nodes = graph.mapNodes((key, a) => ({ key, label: String(a['label']), kind: String(a['kind']), aliases: (a['aliases'] as string[]) ?? [] }));
  const edges = graph.mapEdges((_k, a, source, target) => ({ source, target, relation: String(a['relation']), label: String(a['label']) }));
  return scoreRelations(gold, nodes, edges, docs);
}

function format(name: string, s: RelationScore, verbose: boolean): string {
  const pct = (x: number) => x.toFixed(3);
  const lines = [
    `relations (${name}): P ${pct(s.overall.precision)} R ${pct(s.overall.recall)} F1 ${pct(s.overall.f1)}  (tp ${s.overall.tp}, fp ${s.overall.fp}, fn ${s.overall.fn})`,
  ];
  for (const [t, c] of Object.entries(s.byType))
    lines.push(`  ${t.padEnd(16)} P ${pct(c.precision)} R ${pct(c.recall)} F1 ${pct(c.f1)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`);
  const must = s.missing.filter((m) => / -(role|located_in)-> /.test(m));
  lines.push(`  gold role/located_in missing: ${must.length}${must.length ? ` (${must.join('; ')})` : ''}`);
  if (verbose) {
    lines.push(`  missing: ${s.missing.join('; ') || '-'}`);
    lines.push(`  spurious: ${s.spurious.join('; ') || '-'}`);
  }
  return lines.join('\n');
}

export async function relationEvalBlock(verbose = false): Promise<string> {
  const gold = JSON.parse(readFileSync(goldPath(), 'utf8')) as GoldData;
  const built = await buildGraphFromPaths([SAMPLE], { layout: false });
  const e2e = score(gold, built.graph, articleDocMap(built.articles, gold, articleKey));

  const articles = splitArticles(await readSource(SAMPLE));
  const items = articles.map((article, i) => ({ article, mentions: goldMentions(article, gold.documents[i]?.id ?? '', gold) }));
  const { entities, mentions } = resolveEntities(items);
  const graph = buildGraph(entities, articles, extractRelations(articles, mentions, entities));
  const oracle = score(gold, graph, articleDocMap(articles, gold, articleKey));
  return [format('end to end', e2e, verbose), format('oracle mentions', oracle, verbose)].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write((await relationEvalBlock(process.argv.includes('--verbose'))) + '\n');
}
