/**
 * The pipeline, end to end: sources → articles → (segmentation, entities) → resolution → relations →
 * graph → metrics → layout. Pure over decoded sources; `buildGraphFromPaths` adds the file reading.
 */
import type { MultiGraph } from 'graphology';
import type { Article, Entity, Mention, RelationFact, SourceDoc } from './types.js';
import { splitArticles } from './text/articles.js';
import { listInputs, readSource } from './text/read.js';
import { segment } from './segment/jieba.js';
import { recognize } from './entities/index.js';
import { resolveEntities } from './resolve/index.js';
import { extractRelations } from './relations/index.js';
import { buildGraph } from './graph/build.js';
import { styleGraph } from './graph/style.js';
import { computeMetrics } from './layout/metrics.js';
import { layoutGraph } from './layout/forceatlas2.js';

export type Stage = 'read' | 'extract' | 'resolve' | 'relations' | 'graph' | 'metrics' | 'layout';

export interface BuildOptions {
  /** Called as work advances (for progress bars). */
  onProgress?: (stage: Stage, done: number, total: number) => void;
  /** Seed of the layout and of community detection (default fixed: same input, same output). */
  seed?: number;
  /** Skip ForceAtlas2 (positions stay seeded-random); for tests and callers that lay out themselves. */
  layout?: boolean;
}

export interface BuildResult {
  graph: MultiGraph;
  articles: Article[];
  entities: Entity[];
  facts: RelationFact[];
}

/** Entity mentions of one article: the recognizer's, plus bylines and photo credits as PERSON. */
export function extractArticleMentions(article: Article): Mention[] {
  const tokens = segment(article.text);
  const found = recognize(article.text, { tokens, gaps: article.gaps });
  const authors: Mention[] = article.authors.map((a) => ({ start: a.start, end: a.end, text: a.name, kind: 'PERSON' }));
  const kept = found.filter((m) => !authors.some((a) => m.start < a.end && a.start < m.end));
  return [...kept, ...authors].sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Builds the graph from decoded sources (no IO). */
export function buildFromSources(docs: SourceDoc[], options: BuildOptions = {}): BuildResult {
  const progress = options.onProgress ?? (() => {});
  const articles = assignUniqueIds(docs.flatMap((d) => splitArticles(d)));
  const items = articles.map((article, i) => {
    const mentions = extractArticleMentions(article);
    progress('extract', i + 1, articles.length);
    return { article, mentions };
  });
  progress('resolve', 0, 1);
  const { entities, mentions } = resolveEntities(items);
  progress('relations', 0, 1);
  const facts = extractRelations(articles, mentions, entities);
  progress('graph', 0, 1);
  const graph = buildGraph(entities, articles, facts);
  progress('metrics', 0, 1);
  computeMetrics(graph, options.seed ?? 42);
  styleGraph(graph);
  if (options.layout !== false) {
    progress('layout', 0, 1);
    layoutGraph(graph, { seed: options.seed ?? 7 });
  }
  return { graph, articles, entities, facts };
}

/** Reads files and folders of .txt (sorted), then builds. */
export async function buildGraphFromPaths(paths: string[], options: BuildOptions = {}): Promise<BuildResult> {
  const files = await listInputs(paths);
  const docs: SourceDoc[] = [];
  for (const [i, f] of files.entries()) {
    docs.push(await readSource(f));
    options.onProgress?.('read', i + 1, files.length);
  }
  return buildFromSources(docs, options);
}

/** Article ids are `<file stem>#<n>`; files with the same stem in different folders get `~2`, `~3` … */
function assignUniqueIds(articles: Article[]): Article[] {
  const stemOf = (a: Article) => a.id.slice(0, a.id.lastIndexOf('#'));
  const sourcesByStem = new Map<string, string[]>();
  for (const a of articles) {
    const list = sourcesByStem.get(stemOf(a)) ?? [];
    if (!list.includes(a.source)) list.push(a.source);
    sourcesByStem.set(stemOf(a), list);
  }
  return articles.map((a) => {
    const list = sourcesByStem.get(stemOf(a))!;
    const n = list.indexOf(a.source);
    return n === 0 ? a : { ...a, id: `${stemOf(a)}~${n + 1}${a.id.slice(a.id.lastIndexOf('#'))}` };
  });
}
