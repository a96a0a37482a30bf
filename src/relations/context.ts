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
  entities: EntityLookup;
}

/**
 * The entity table as relation families read it: an entity by key (a `Map` is one). Families read of an entity
 * only the fields in ENTITY_FIELDS_READ (the per-article cache of a build over a store relies on it, and a test
 * checks it).
 */
export interface EntityLookup {
  get(key: string): Entity | undefined;
  values(): Iterable<Entity>;
}

/** What relation families read of an entity (besides its key): its kind, label, aliases and division code. */
export const ENTITY_FIELDS_READ = ['key', 'kind', 'label', 'aliases', 'attributes.code'] as const;

/**
 * An entity table that records what the families read from it while one article's facts are made: the keys
 * looked up and the entities found by name (bylines' people and outlets). The facts of the article are a
 * function of its text, its resolved mentions and these reads (see src/relations/cache.ts).
 */
export class RecordingLookup implements EntityLookup {
  /** Keys looked up, in first-read order. */
  readonly keys = new Set<string>();
  /** Entities found by name: name, kind, the key found ('' for none). */
  readonly named: Array<[string, string, string]> = [];
  /** Set when the whole table was walked (no bounded set of reads). */
  unbounded = false;

  constructor(readonly base: ReadonlyMap<string, Entity>) {}

  get(key: string): Entity | undefined {
    this.keys.add(key);
    return this.base.get(key);
  }

  values(): Iterable<Entity> {
    this.unbounded = true;
    return this.base.values();
  }
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

export function makeView(article: Article, mentions: EntityMention[], entities: EntityLookup): ArticleView {
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

/** The sorted spans each fact was made from, for facts made while a RecordingLookup records (the relation cache). */
export const factSpans = new WeakMap<RelationFact, Array<[number, number]>>();

export function fact(view: ArticleView, source: string, target: string, relation: RelationType, label: string, spans: Array<[number, number]>): RelationFact {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const f: RelationFact = { source, target, relation, label, evidence: makeEvidence(view.article, sorted) };
  if (view.entities instanceof RecordingLookup) factSpans.set(f, sorted);
  return f;
}

/** Clause boundaries inside a sentence: commas, semicolons, colons. */
export const CLAUSE_BREAK = /[，,；;：:]/;
