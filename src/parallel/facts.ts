/**
 * Relation facts of a large input, bounded in memory. `extractRelations` returns one fact per sentence and
 * entity pair (co-occurrence above all: ~2.8M facts for 50 MB), each with its own evidence; the graph keeps
 * at most MAX_EDGE_EVIDENCE of them per edge. Relations are therefore extracted in chunks of articles
 * (facts never span articles), and after each chunk every fact that cannot be among the evidence the graph
 * builder keeps loses its offset arrays (`spans`, `sourceSpans` become empty); article, sentence and source
 * stay, so weights, article lists and the order of facts are unchanged and the graph is the same, byte for
 * byte (`test/hardening/parallel.test.ts`).
 *
 * Why this is exact: facts are grouped by the graph builder's edge key (src/graph/build.ts), and the builder
 * walks a group's facts in `compareFacts` order, keeping the first MAX_EDGE_EVIDENCE with a new (article,
 * sentence). Per group we keep exactly those: the first fact of each (article, sentence), the smallest
 * MAX_EDGE_EVIDENCE of them in that order. Every other fact is skipped by the builder's evidence choice.
 */
import type { Article, Entity, EntityMention, Evidence, RelationFact } from '../types.js';
import { compareFacts, extractRelations } from '../relations/index.js';
import { MAX_EDGE_EVIDENCE, UNDIRECTED_RELATIONS, articleKey } from '../graph/build.js';

/** Articles per relation chunk. */
export const RELATION_CHUNK_ARTICLES = 250;

const NONE: Array<[number, number]> = Object.freeze([]) as unknown as Array<[number, number]>;

const samePair = (a: RelationFact, b: RelationFact) => a.evidence.article === b.evidence.article && a.evidence.sentence === b.evidence.sentence;

/** The graph builder's edge key (relation, endpoints in order for undirected relations, label of roles). */
function edgeKey(f: RelationFact): string {
  const undirected = UNDIRECTED_RELATIONS.has(f.relation);
  const [s, t] = undirected && f.target < f.source ? [f.target, f.source] : [f.source, f.target];
  return `${f.relation}:${s}${undirected ? '--' : '->'}${t}${f.relation === 'role' || f.relation === 'authored' ? `#${f.label}` : ''}`;
}

function stub(f: RelationFact): void {
  const e: Evidence = f.evidence;
  f.evidence = {
    article: e.article,
    sentence: e.sentence,
    spans: NONE,
    sourceSpans: NONE,
    source: e.source,
    ...(e.page !== undefined ? { page: e.page } : {}),
    ...(e.date ? { date: e.date } : {}),
  };
}

/** Relation facts of `articles`, as `extractRelations` returns them, with surplus evidence stripped. */
export function extractRelationsBounded(articles: Article[], mentions: EntityMention[], entities: Entity[], chunk = RELATION_CHUNK_ARTICLES): RelationFact[] {
  if (!(chunk >= 1)) throw new RangeError(`extractRelationsBounded: chunk must be ≥ 1, got ${chunk}`);
  const byArticle = new Map<string, EntityMention[]>();
  for (const m of mentions) {
    let list = byArticle.get(m.article);
    if (!list) byArticle.set(m.article, (list = []));
    list.push(m);
  }
  // Per edge, the facts that keep their evidence arrays, in compareFacts order, at most MAX_EDGE_EVIDENCE.
  const kept = new Map<string, RelationFact[]>();
  const all: RelationFact[] = [];
  // The builder drops facts whose ends are not nodes before choosing evidence: they are left alone here.
  const nodes = new Set([...entities.map((e) => e.key), ...articles.map((a) => articleKey(a.id))]);
  for (let i = 0; i < articles.length; i += chunk) {
    const part = articles.slice(i, i + chunk);
    const facts = extractRelations(
      part,
      part.flatMap((a) => byArticle.get(a.id) ?? []),
      entities,
    );
    for (const f of facts) {
      all.push(f);
      if (!nodes.has(f.source) || !nodes.has(f.target)) continue;
      const g = edgeKey(f);
      let list = kept.get(g);
      if (!list) kept.set(g, (list = []));
      keep(list, f);
    }
  }
  return all.sort(compareFacts);
}

/** Updates a group's kept facts with `f`; stubs whatever can no longer be chosen as evidence. */
function keep(list: RelationFact[], f: RelationFact): void {
  const twin = list.findIndex((x) => samePair(x, f));
  if (twin >= 0) {
    if (compareFacts(f, list[twin]!) >= 0) return stub(f);
    stub(list[twin]!);
    list.splice(twin, 1);
  }
  let at = list.length;
  while (at > 0 && compareFacts(f, list[at - 1]!) < 0) at--;
  list.splice(at, 0, f);
  if (list.length > MAX_EDGE_EVIDENCE) stub(list.pop()!);
}
