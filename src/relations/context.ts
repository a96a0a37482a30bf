/**
 * What every relation family reads: one article with its resolved mentions, sorted and grouped by
 * sentence, plus the entity table. Families are pure functions `(view) → RelationFact[]`.
 */
import type { Article, Entity, EntityKind, EntityMention, NodeKind, RelationFact, RelationType } from '../types.js';
import { makeEvidence } from '../text/evidence.js';

export interface ArticleView {
  article: Article;
  /** This article's mentions, sorted by start (longer first on ties), overlaps removed. */
  mentions: EntityMention[];
  /** All mentions, nested ones included (十里铺村 inside 十里铺村党支部), sorted by start. */
  all: EntityMention[];
  /** Mentions per sentence index, in text order. */
  bySentence: Map<number, EntityMention[]>;
  entities: Map<string, Entity>;
}

/** Drops mentions nested in or overlapping an earlier, longer one: families reason over a flat sequence. */
function flatten(ms: EntityMention[]): EntityMention[] {
  const sorted = [...ms].sort((a, b) => a.start - b.start || b.end - a.end || (a.entity < b.entity ? -1 : 1));
  const out: EntityMention[] = [];
  for (const m of sorted) {
    const prev = out[out.length - 1];
    if (prev && m.start < prev.end) continue;
    out.push(m);
  }
  return out;
}

export function makeView(article: Article, mentions: EntityMention[], entities: Map<string, Entity>): ArticleView {
  const own = mentions.filter((m) => m.article === article.id);
  const flat = flatten(own);
  const all = [...own].sort((a, b) => a.start - b.start || b.end - a.end || (a.entity < b.entity ? -1 : 1));
  const bySentence = new Map<number, EntityMention[]>();
  for (const m of flat) {
    let list = bySentence.get(m.sentence);
    if (!list) bySentence.set(m.sentence, (list = []));
    list.push(m);
  }
  return { article, mentions: flat, all, bySentence, entities };
}

export function kindOf(view: ArticleView, m: EntityMention): NodeKind {
  return view.entities.get(m.entity)?.kind ?? m.kind;
}

export function labelOf(view: ArticleView, m: EntityMention): string {
  return view.entities.get(m.entity)?.label ?? m.canonical ?? m.text;
}

export function isKind(view: ArticleView, m: EntityMention, ...kinds: EntityKind[]): boolean {
  return (kinds as NodeKind[]).includes(kindOf(view, m));
}

/** Text strictly between two mentions (empty when adjacent). */
export function between(view: ArticleView, a: { end: number }, b: { start: number }): string {
  return view.article.text.slice(a.end, b.start);
}

export function fact(view: ArticleView, source: string, target: string, relation: RelationType, label: string, spans: Array<[number, number]>): RelationFact {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { source, target, relation, label, evidence: makeEvidence(view.article, sorted) };
}

/** Clause boundaries inside a sentence: commas, semicolons, colons. */
export const CLAUSE_BREAK = /[，,；;：:]/;
