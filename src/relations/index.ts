/**
 * Relation extraction over resolved mentions. First version: co-occurrence in a sentence, `role` where a
 * title sits between a place/organization and a person, `authored` from bylines.
 */
import type { Article, Entity, EntityMention, RelationFact } from '../types.js';
import { makeEvidence } from '../text/evidence.js';

const TITLES = ['第一书记', '党支部书记', '党总支书记', '党委书记', '村支书', '书记', '负责人', '社长', '主任', '队长', '记者', '建档立卡贫困户', '贫困户', '总书记'];

function byArticleAndSentence(mentions: EntityMention[]): Map<string, Map<number, EntityMention[]>> {
  const out = new Map<string, Map<number, EntityMention[]>>();
  for (const m of mentions) {
    let a = out.get(m.article);
    if (!a) out.set(m.article, (a = new Map()));
    let s = a.get(m.sentence);
    if (!s) a.set(m.sentence, (s = []));
    s.push(m);
  }
  return out;
}

export function extractRelations(articles: Article[], mentions: EntityMention[], entities: Entity[]): RelationFact[] {
  const facts: RelationFact[] = [];
  const grouped = byArticleAndSentence(mentions);
  const personByName = new Map(entities.filter((e) => e.kind === 'PERSON').map((e) => [e.label, e.key]));
  for (const article of articles) {
    const sentences = grouped.get(article.id) ?? new Map<number, EntityMention[]>();
    for (const [, ms] of [...sentences.entries()].sort((a, b) => a[0] - b[0])) {
      const sorted = [...ms].sort((a, b) => a.start - b.start || a.end - b.end);
      // co_occurs: each unordered pair of distinct entities once per sentence
      const seen = new Map<string, EntityMention>();
      for (const m of sorted) if (!seen.has(m.entity)) seen.set(m.entity, m);
      const uniq = [...seen.values()];
      for (let i = 0; i < uniq.length; i++) {
        for (let j = i + 1; j < uniq.length; j++) {
          const [a, b] = uniq[i]!.entity < uniq[j]!.entity ? [uniq[i]!, uniq[j]!] : [uniq[j]!, uniq[i]!];
          facts.push({ source: a.entity, target: b.entity, relation: 'co_occurs', label: '共现', evidence: makeEvidence(article, [[a.start, a.end], [b.start, b.end]]) });
        }
      }
      // role: <PLACE|ORG><title><PERSON>, adjacent
      for (let i = 0; i + 1 < sorted.length; i++) {
        const org = sorted[i]!;
        const person = sorted[i + 1]!;
        if (person.kind !== 'PERSON' || (org.kind !== 'PLACE' && org.kind !== 'ORGANIZATION')) continue;
        const between = article.text.slice(org.end, person.start);
        const title = TITLES.find((t) => between === t);
        if (title) {
          facts.push({ source: person.entity, target: org.entity, relation: 'role', label: title, evidence: makeEvidence(article, [[person.start, person.end], [org.start, org.end]]) });
        }
      }
    }
    // authored: bylines and photo credits
    for (const a of article.authors) {
      const key = personByName.get(a.name);
      if (!key) continue;
      facts.push({ source: key, target: `ARTICLE:${article.id}`, relation: 'authored', label: a.role, evidence: makeEvidence(article, [[a.start, a.end]]) });
    }
  }
  return facts;
}
