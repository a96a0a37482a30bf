/**
 * Relation extraction over resolved mentions: each family of SPEC §2 lives in its own module and reads
 * an ArticleView (one article, its mentions by sentence, the entity table). Facts are deduplicated per
 * (relation, source, target, label, article, sentence) and sorted, so the output is deterministic.
 */
import type { Article, Entity, EntityMention, RelationFact } from '../types.js';
import { makeView, type ArticleView } from './context.js';
import { roleFacts } from './role.js';
import { locatedInFacts } from './locatedIn.js';
import { partOfFacts } from './partOf.js';
import { runsFacts } from './runs.js';
import { memberOfFacts } from './memberOf.js';
import { partnerOfFacts } from './partnerOf.js';
import { authoredFacts } from './authored.js';
import { coOccursFacts } from './cooccurs.js';

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
  const table = new Map(entities.map((e) => [e.key, e]));
  const byArticle = new Map<string, EntityMention[]>();
  for (const m of mentions) {
    let list = byArticle.get(m.article);
    if (!list) byArticle.set(m.article, (list = []));
    list.push(m);
  }
  const seen = new Map<string, RelationFact>();
  for (const article of articles) {
    const view = makeView(article, byArticle.get(article.id) ?? [], table);
    for (const family of RELATION_FAMILIES) {
      for (const f of family(view)) {
        if (f.source === f.target) continue;
        const k = factKey(f);
        if (!seen.has(k)) seen.set(k, f);
      }
    }
  }
  return [...seen.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, f]) => f);
}

export { roleFacts, locatedInFacts, partOfFacts, runsFacts, memberOfFacts, partnerOfFacts, authoredFacts, coOccursFacts };
export { makeView } from './context.js';
export type { ArticleView } from './context.js';
