/**
 * Relation extraction over resolved mentions: each family of SPEC §2 lives in its own module and reads
 * an ArticleView (one article, its mentions by sentence, the entity table). Facts are deduplicated per
 * (relation, source, target, label, article, sentence) and sorted, so the output is deterministic.
 */
import type { Article, Entity, EntityMention, RelationFact } from '../types.js';
import { EntityTable, makeView, type ArticleView, type EntityLookup, type FactHooks } from './context.js';
import { roleFacts } from './role.js';
import { locatedInFacts } from './locatedIn.js';
import { partOfFacts } from './partOf.js';
import { runsFacts } from './runs.js';
import { memberOfFacts } from './memberOf.js';
import { partnerOfFacts } from './partnerOf.js';
import { authoredFacts } from './authored.js';
import { coOccursFacts } from './cooccurs.js';
import { compareFacts } from '../util/facts.js';

export { compareFacts };

export type RelationFamily = (view: ArticleView) => RelationFact[];

export const RELATION_FAMILIES: readonly RelationFamily[] = [
  roleFacts,
  locatedInFacts,
  partOfFacts,
  runsFacts,
  memberOfFacts,
  partnerOfFacts,
  authoredFacts,
  coOccursFacts,
];

function factKey(f: RelationFact): string {
  return [f.relation, f.source, f.target, f.label, f.evidence.article, f.evidence.sentence].join('\u0000');
}

export function extractRelations(articles: Article[], mentions: EntityMention[], entities: Entity[]): RelationFact[] {
  if (!Array.isArray(articles) || !Array.isArray(mentions) || !Array.isArray(entities)) {
    throw new TypeError('extractRelations: articles, mentions and entities must be arrays');
  }
  const table = new EntityTable(new Map(entities.map((e) => [e.key, e])));
  const byArticle = new Map<string, EntityMention[]>();
  for (const m of mentions) {
    let list = byArticle.get(m.article);
    if (!list) byArticle.set(m.article, (list = []));
    list.push(m);
  }
  // Keys contain the article, so deduplication is per article: the key strings of one article are dropped
  // before the next (a corpus of 50 MB holds ~2M facts; their keys alone took ~1 GB).
  const out: RelationFact[] = [];
  for (const article of articles) for (const f of articleRelations(article, byArticle.get(article.id) ?? [], table)) out.push(f);
  return out.sort(compareFacts);
}

/**
 * Relation facts of one article from its resolved mentions and the entity table, deduplicated per (relation,
 * source, target, label, sentence), in the families' order (not sorted); `hooks.onFact` is told of each fact made
 * (duplicates included) with its spans, and `hooks.evidence` makes their evidence (default `makeEvidence`).
 */
export function articleRelations(article: Article, mentions: EntityMention[], table: EntityLookup, hooks: FactHooks = {}): RelationFact[] {
  const view = makeView(article, mentions, table, hooks);
  const seen = new Set<string>();
  const out: RelationFact[] = [];
  for (const family of RELATION_FAMILIES) {
    for (const f of family(view)) {
      if (f.source === f.target) continue;
      const k = factKey(f);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(f);
      }
    }
  }
  return out;
}

export { roleFacts, locatedInFacts, partOfFacts, runsFacts, memberOfFacts, partnerOfFacts, authoredFacts, coOccursFacts };
export { EntityTable, makeView, ENTITY_FIELDS_READ } from './context.js';
export type { ArticleView, EntityLookup, FactHooks } from './context.js';
