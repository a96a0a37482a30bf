/**
 * Scoring of one built graph against the hand annotation of one genre article (../shared/eval/genre/gNN.json),
 * and the averages over a set of articles. Pure functions over data; reading files and building graphs is
 * the caller's business (scripts/eval-genre.ts).
 *
 * Rules (docs/evaluation.md repeats them):
 * - Entities: the nodes of the four kinds. A gold entity is found when a node of its kind carries its name
 *   or an alias as label or alias; a node is correct when it matches some gold entity that way (seed.ts's
 *   rule, `scoreEntities`). A node that matches a gold name of another kind is wrong, and that gold entity
 *   missed. Every other node of the four kinds counts as spurious: the gold lists every entity of its
 *   article (its README names what is deliberately not an entity), so nothing is left unjudged.
 * - ARTICLE nodes are not entities and are not scored; edges that touch them (`authored`) are not scored
 *   either: the genre gold has no article nodes (it annotates a byline as a role in the outlet).
 * - Relations: typed edges only (`co_occurs` is not a relation). A predicted edge is one (source node, type,
 *   target node) triple, whatever its label (several role labels between two nodes count once). It is
 *   correct when both ends match gold entities (as above, kind included) and the gold has a relation of that
 *   type from the source's entity to the target's entity or to one of its `alt_targets` (`partner_of` in
 *   either direction). Labels are not compared. An edge with an end that matches no gold entity is wrong.
 *   A gold relation is found when some predicted edge is correct for it.
 * - Averages: per article P/R/F1, then the plain mean over articles (macro) of P, R and F1 separately;
 *   per kind and per relation type the counts are pooled over the articles (micro), since many articles
 *   have no gold entity of some kind.
 */
import type { EntityKind } from '../types.js';
import { ENTITY_KINDS } from '../types.js';
import { prf, type PRF } from './bio.js';
import { scoreEntities, type GoldEntity, type PredictedEntity, type SeedScores } from './seed.js';

export interface GenreRelation {
  source: string;
  target: string;
  type: string;
  label: string;
  alt_targets?: string[];
}

export interface GenreSource {
  url: string;
  title: string;
  date: string | null;
  script: 'simplified' | 'traditional';
  first_line: string;
  sha256: string;
  chars: number;
}

export interface GenreGold {
  source: GenreSource;
  entities: GoldEntity[];
  relations: GenreRelation[];
}

/** A graph node as the scorer sees it. */
export interface GenreNode {
  key: string;
  kind: string;
  label: string;
  aliases: string[];
}

/** A graph edge as the scorer sees it. */
export interface GenreEdge {
  source: string;
  target: string;
  relation: string;
}

export interface RelationScores {
  overall: PRF;
  byType: Record<string, PRF>;
  /** Gold relations not found: `source -type-> target`. */
  missed: string[];
  /** Predicted edges that are wrong: `source label -type-> target label`, with `?` on an end no gold entity matches. */
  spurious: string[];
}

export interface ArticleScores {
  id: string;
  script: 'simplified' | 'traditional';
  entities: SeedScores;
  relations: RelationScores;
  /** Gold counts, per entity kind and per relation type. */
  gold: { byKind: Partial<Record<EntityKind, number>>; byType: Record<string, number> };
}

/** Mean of P, R and F1 over articles, and the pooled counts. */
export interface Average extends PRF {
  articles: number;
}

export interface GenreSummary {
  entities: Average;
  relations: Average;
}

/** Checks the shape of a gold file's content; throws with `where` on the first problem. */
export function parseGenreGold(data: unknown, where: string): GenreGold {
  const d = data as GenreGold;
  if (!d || typeof d !== 'object' || !d.source || !Array.isArray(d.entities) || !Array.isArray(d.relations)) {
    throw new Error(`${where}: expected {source, entities[], relations[]}`);
  }
  if (d.source.script !== 'simplified' && d.source.script !== 'traditional') throw new Error(`${where}: source.script must be simplified or traditional`);
  for (const e of d.entities) {
    if (typeof e.name !== 'string' || !ENTITY_KINDS.includes(e.type)) throw new Error(`${where}: bad entity ${JSON.stringify(e)}`);
    e.aliases ??= [];
  }
  const names = new Set(d.entities.map((e) => e.name));
  for (const r of d.relations) {
    if (typeof r.type !== 'string' || !names.has(r.source) || !names.has(r.target)) throw new Error(`${where}: bad relation ${JSON.stringify(r)}`);
  }
  return d;
}

/** The gold entities a node stands for: same kind, a shared name. */
function goldOf(node: GenreNode, gold: readonly GoldEntity[]): string[] {
  const names = new Set([node.label, ...node.aliases]);
  return gold.filter((g) => g.type === node.kind && [g.name, ...g.aliases].some((n) => names.has(n))).map((g) => g.name);
}

const isEntity = (n: GenreNode | undefined): n is GenreNode => n !== undefined && ENTITY_KINDS.includes(n.kind as EntityKind);

/** Scores the typed edges of a graph against the gold relations (rules in the module comment). */
export function scoreGenreRelations(gold: GenreGold, nodes: readonly GenreNode[], edges: readonly GenreEdge[]): RelationScores {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const matched = new Map(nodes.filter(isEntity).map((n) => [n.key, goldOf(n, gold.entities)]));
  const seen = new Set<string>();
  const predicted: Array<{ s: GenreNode; t: GenreNode; type: string }> = [];
  for (const e of edges) {
    if (e.relation === 'co_occurs') continue;
    const s = byKey.get(e.source);
    const t = byKey.get(e.target);
    if (!isEntity(s) || !isEntity(t)) continue; // ARTICLE ends (authored) are not scored
    const key = `${e.source}\u0000${e.relation}\u0000${e.target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    predicted.push({ s, t, type: e.relation });
  }
  const holds = (r: GenreRelation, s: string, t: string): boolean =>
    r.type === 'partner_of'
      ? (r.source === s && r.target === t) || (r.source === t && r.target === s)
      : r.source === s && [r.target, ...(r.alt_targets ?? [])].includes(t);
  const found = new Set<GenreRelation>();
  const types = new Set<string>([...gold.relations.map((r) => r.type), ...predicted.map((p) => p.type)]);
  const tpBy = new Map<string, number>();
  const fpBy = new Map<string, number>();
  const spurious: string[] = [];
  for (const p of predicted) {
    const ss = matched.get(p.s.key) ?? [];
    const ts = matched.get(p.t.key) ?? [];
    const hits = gold.relations.filter((r) => r.type === p.type && ss.some((s) => ts.some((t) => holds(r, s, t))));
    for (const h of hits) found.add(h);
    if (hits.length > 0) tpBy.set(p.type, (tpBy.get(p.type) ?? 0) + 1);
    else {
      fpBy.set(p.type, (fpBy.get(p.type) ?? 0) + 1);
      spurious.push(`${p.s.label}${ss.length ? '' : '?'} -${p.type}-> ${p.t.label}${ts.length ? '' : '?'}`);
    }
  }
  const missed = gold.relations.filter((r) => !found.has(r)).map((r) => `${r.source} -${r.type}-> ${r.target}`);
  const byType: Record<string, PRF> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const type of [...types].sort()) {
    // Recall counts gold relations found; precision counts predicted edges that are correct.
    const g = gold.relations.filter((r) => r.type === type);
    const gFound = g.filter((r) => found.has(r)).length;
    const pOk = tpBy.get(type) ?? 0;
    const pBad = fpBy.get(type) ?? 0;
    const c = prf(pOk, pBad, g.length - gFound);
    c.recall = g.length === 0 ? 0 : gFound / g.length;
    c.f1 = c.precision + c.recall === 0 ? 0 : (2 * c.precision * c.recall) / (c.precision + c.recall);
    byType[type] = c;
    tp += pOk;
    fp += pBad;
    fn += g.length - gFound;
  }
  const overall = prf(tp, fp, fn);
  const goldFound = gold.relations.length - missed.length;
  overall.recall = gold.relations.length === 0 ? 0 : goldFound / gold.relations.length;
  overall.f1 = overall.precision + overall.recall === 0 ? 0 : (2 * overall.precision * overall.recall) / (overall.precision + overall.recall);
  return { overall, byType, missed: missed.sort(), spurious: spurious.sort() };
}

/** The four-kind nodes as predicted entities (label first, then aliases). */
export function predictedEntities(nodes: readonly GenreNode[]): PredictedEntity[] {
  return nodes.filter(isEntity).map((n) => ({ kind: n.kind, names: [n.label, ...n.aliases] }));
}

/** Scores one article's graph. */
export function scoreGenreArticle(id: string, gold: GenreGold, nodes: readonly GenreNode[], edges: readonly GenreEdge[]): ArticleScores {
  return {
    id,
    script: gold.source.script,
    entities: scoreEntities(gold.entities, predictedEntities(nodes)),
    relations: scoreGenreRelations(gold, nodes, edges),
    gold: { byKind: countBy(gold.entities.map((e) => e.type)), byType: countBy(gold.relations.map((r) => r.type)) },
  };
}

function countBy<K extends string>(keys: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}

/** Plain mean of P, R, F1 over the given per-article scores, with the pooled counts. */
export function macroAverage(scores: readonly PRF[]): Average {
  const n = scores.length;
  const mean = (f: (s: PRF) => number): number => (n === 0 ? 0 : scores.reduce((a, s) => a + f(s), 0) / n);
  return {
    articles: n,
    precision: mean((s) => s.precision),
    recall: mean((s) => s.recall),
    f1: mean((s) => s.f1),
    tp: scores.reduce((a, s) => a + s.tp, 0),
    fp: scores.reduce((a, s) => a + s.fp, 0),
    fn: scores.reduce((a, s) => a + s.fn, 0),
  };
}

/** Macro averages of entities and relations over the articles. */
export function summarize(articles: readonly ArticleScores[]): GenreSummary {
  return {
    entities: macroAverage(articles.map((a) => a.entities.overall)),
    relations: macroAverage(articles.map((a) => a.relations.overall)),
  };
}

/** Counts pooled over articles, per entity kind (recall over the gold entities, precision over the nodes). */
export function pooledByKind(articles: readonly ArticleScores[]): Record<EntityKind, PRF> {
  const out = {} as Record<EntityKind, PRF>;
  for (const k of ENTITY_KINDS) out[k] = pooled(articles.map((a) => ({ c: a.entities.byKind[k], gold: a.gold.byKind[k] ?? 0 })));
  return out;
}

/** Counts pooled over articles, per relation type. */
export function pooledByType(articles: readonly ArticleScores[]): Record<string, PRF> {
  const types = [...new Set(articles.flatMap((a) => Object.keys(a.relations.byType)))].sort();
  const out: Record<string, PRF> = {};
  for (const t of types) {
    out[t] = pooled(
      articles.flatMap((a) => {
        const c = a.relations.byType[t];
        return c ? [{ c, gold: a.gold.byType[t] ?? 0 }] : [];
      }),
    );
  }
  return out;
}

/** Pooled P/R/F1: precision from the predictions (tp, fp), recall from the gold (gold - fn found). */
function pooled(parts: ReadonlyArray<{ c: PRF; gold: number }>): PRF {
  const tp = parts.reduce((x, p) => x + p.c.tp, 0);
  const fp = parts.reduce((x, p) => x + p.c.fp, 0);
  const fn = parts.reduce((x, p) => x + p.c.fn, 0);
  const gold = parts.reduce((x, p) => x + p.gold, 0);
  const out = prf(tp, fp, fn);
  out.recall = gold === 0 ? 0 : (gold - fn) / gold;
  out.f1 = out.precision + out.recall === 0 ? 0 : (2 * out.precision * out.recall) / (out.precision + out.recall);
  return out;
}
