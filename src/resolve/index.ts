/**
 * Entity resolution: mentions in articles → one entity per real-world thing.
 * First version: an entity is keyed by kind and canonical name (`PERSON:金宝`); surface forms that
 * differ from the canonical name become aliases.
 */
import type { Article, Entity, EntityMention, Mention } from '../types.js';
import { makeEvidence, sentenceAt } from '../text/evidence.js';

export interface ArticleMentions {
  article: Article;
  mentions: Mention[];
}

export interface Resolution {
  entities: Entity[];
  mentions: EntityMention[];
}

export function entityKey(kind: string, label: string): string {
  return `${kind}:${label}`;
}

/** Evidence kept per entity: enough to show, bounded so a frequent entity does not bloat the graph. */
export const MAX_NODE_EVIDENCE = 20;

export function resolveEntities(items: ArticleMentions[]): Resolution {
  const byKey = new Map<string, Entity>();
  const resolved: EntityMention[] = [];
  for (const { article, mentions } of items) {
    for (const m of mentions) {
      const label = m.canonical ?? m.text;
      const key = entityKey(m.kind, label);
      let e = byKey.get(key);
      if (!e) {
        e = { key, label, kind: m.kind, aliases: [], mentions: 0, articles: [], evidence: [] };
        byKey.set(key, e);
      }
      e.mentions++;
      if (m.text !== label && !e.aliases.includes(m.text)) e.aliases.push(m.text);
      if (!e.articles.includes(article.id)) e.articles.push(article.id);
      if (e.evidence.length < MAX_NODE_EVIDENCE) e.evidence.push(makeEvidence(article, [[m.start, m.end]]));
      const sentence = sentenceAt(article, m.start);
      resolved.push({ ...m, article: article.id, sentence: sentence?.index ?? -1, entity: key });
    }
  }
  const entities = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const e of entities) e.aliases.sort();
  return { entities, mentions: resolved };
}
