/**
 * Oracle for test/resolve/resolver.test.ts: corpus-wide resolution as it was before `Resolver` (two passes in
 * corpus order: the naming of every article first, then the entities article by article). `resolveEntities`
 * now runs on `Resolver`; this keeps the straightforward form to compare it with.
 */
import type { Entity, EntityMention } from '../../src/types.js';
import { makeEvidence } from '../../src/text/evidence.js';
import { writtenText } from '../../src/text/written.js';
import {
  MAX_NODE_EVIDENCE,
  articleDrafts,
  entityConfidence,
  namingOf,
  resolveMentions,
  type ArticleDrafts,
  type ArticleMentions,
  type Naming,
} from '../../src/resolve/index.js';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Gathers, article by article (in corpus order), what the keys depend on across the corpus: a place name
 * with two codes, a person name with two anchors. Only these per-name sets are held, not the drafts.
 */
export class NamingPlan {
  private readonly codesOf = new Map<string, Set<string>>();
  private readonly anchorsOf = new Map<string, Map<string, string | undefined>>();

  add(drafts: ArticleDrafts): void {
    const { codesOf, anchorsOf } = this;
    for (const d of drafts) {
      if (d.kind === 'PLACE' && d.code) (codesOf.get(d.label) ?? codesOf.set(d.label, new Set()).get(d.label)!).add(d.code);
      if (d.kind === 'PERSON' && d.anchor) (anchorsOf.get(d.label) ?? anchorsOf.set(d.label, new Map()).get(d.label)!).set(d.anchor, d.anchorCode);
    }
  }

  /** The keys, once every article was added. */
  finish(): Naming {
    return namingOf({ codesOf: this.codesOf, anchorsOf: this.anchorsOf });
  }
}

/**
 * The entities, accumulated article by article (in corpus order) from drafts and the corpus-wide naming:
 * mention counts, aliases, articles, the first MAX_NODE_EVIDENCE evidence records, attributes, confidence.
 */
export class EntityTable {
  private readonly byKey = new Map<string, Entity>();
  private readonly articlesOf = new Map<Entity, Set<string>>();
  private readonly scoresOf = new Map<Entity, { best: number; count: number }>();

  constructor(private readonly naming: Naming) {}

  /** Adds one article's drafts; returns their resolved mentions. */
  add(drafts: ArticleDrafts): EntityMention[] {
    const { byKey, articlesOf, scoresOf, naming } = this;
    const resolved: EntityMention[] = [];
    for (const d of drafts) {
      const { article, mention: m } = d;
      const key = naming.keyOf(d);
      let e = byKey.get(key);
      if (!e) {
        e = { key, label: d.label, kind: d.kind, aliases: [], mentions: 0, articles: [], evidence: [] };
        byKey.set(key, e);
      }
      if ((d.code && !naming.manyCodes(d.label)) || (d.code && key.endsWith(`#${d.code}`))) {
        e.attributes = { ...(e.attributes ?? {}), code: d.code, ...(d.level ? { divisionLevel: d.level } : {}) };
      }
      if (d.kind === 'PERSON' && d.anchor) e.attributes = { ...(e.attributes ?? {}), place: d.anchor };
      e.mentions++;
      if (m.score !== undefined) {
        const sc = scoresOf.get(e) ?? scoresOf.set(e, { best: 0, count: 0 }).get(e)!;
        sc.best = Math.max(sc.best, m.score);
        sc.count++;
      }
      // Surface forms: as analysed (simplified) and, for text converted from traditional script, as written.
      const asWritten = article.written ? writtenText(article, m.start, m.end) : undefined;
      for (const form of [m.text, m.canonical, asWritten]) if (form && form !== d.label && !e.aliases.includes(form)) e.aliases.push(form);
      let seen = articlesOf.get(e);
      if (!seen) articlesOf.set(e, (seen = new Set()));
      if (!seen.has(article.id)) {
        seen.add(article.id);
        e.articles.push(article.id);
      }
      if (e.evidence.length < MAX_NODE_EVIDENCE) e.evidence.push(makeEvidence(article, [[m.start, m.end]]));
      resolved.push(...resolveMentions([d], naming));
    }
    return resolved;
  }

  /** The entities, sorted by key, with sorted aliases and articles and their confidence. */
  finish(): Entity[] {
    const entities = [...this.byKey.values()].sort((a, b) => cmp(a.key, b.key));
    for (const e of entities) {
      e.aliases.sort(cmp);
      e.articles.sort(cmp);
      const sc = this.scoresOf.get(e);
      if (sc) e.attributes = { ...(e.attributes ?? {}), confidence: entityConfidence(sc.best, sc.count) };
    }
    this.articlesOf.clear();
    return entities;
  }
}

/** The reference resolution of `items` in corpus order. */
export function referenceResolution(items: ArticleMentions[]): { entities: Entity[]; mentions: EntityMention[] } {
  const drafts = items.map(({ article, mentions }) => articleDrafts(article, mentions));
  const plan = new NamingPlan();
  for (const d of drafts) plan.add(d);
  const table = new EntityTable(plan.finish());
  const mentions: EntityMention[] = [];
  for (const d of drafts) mentions.push(...table.add(d));
  return { entities: table.finish(), mentions };
}
