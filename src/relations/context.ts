/**
 * What every relation family reads: one article with its resolved mentions, sorted and grouped by
 * sentence, plus the entity table. Families are pure functions `(view) → RelationFact[]`.
 */
import type { Article, Entity, EntityKind, EntityMention, Evidence, NodeKind, RelationFact, RelationType } from '../types.js';
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
  /** Told of each fact `fact()` makes, with the sorted spans it was made from (the relation cache keeps them). */
  onFact?: (fact: RelationFact, spans: Array<[number, number]>) => void;
  /** The evidence `fact()` gives a fact, from its article and sorted spans: `makeEvidence` unless told otherwise. */
  evidence?: (article: Article, spans: Array<[number, number]>) => Evidence;
}

/**
 * The entity table as relation families read it. Families read of an entity only the fields in
 * ENTITY_FIELDS_READ (the per-article cache of a build over a store relies on it, and a test checks it), and
 * find entities by key or, for bylines, by name.
 */
export interface EntityLookup {
  get(key: string): Entity | undefined;
  /**
   * The entity of `kind` named `name` (label or alias) for the article `articleId`: the first in table order
   * that names the article (a namesake elsewhere is another person), else the first.
   */
  named(name: string, kind: Entity['kind'], articleId: string): Entity | undefined;
}

/** What relation families read of an entity (besides its key): its kind, label, aliases and division code. */
export const ENTITY_FIELDS_READ = ['key', 'kind', 'label', 'aliases', 'attributes.code'] as const;

/** An entity table (key → entity, in table order) as the families read it. */
export class EntityTable implements EntityLookup {
  /** Name → the entities (in table order) with that label or alias; built at the first name lookup. */
  private byName: Map<string, Entity[]> | undefined;

  constructor(private readonly entities: ReadonlyMap<string, Entity>) {}

  get(key: string): Entity | undefined {
    return this.entities.get(key);
  }

  named(name: string, kind: Entity['kind'], articleId: string): Entity | undefined {
    let found: Entity | undefined;
    // The entities so named, in table order (an index: a scan of the whole table per byline grew with the corpus).
    for (const e of this.index().get(name) ?? []) {
      if (e.kind !== kind) continue;
      if (e.articles.includes(articleId)) return e;
      found ??= e;
    }
    return found;
  }

  private index(): Map<string, Entity[]> {
    if (this.byName) return this.byName;
    const index = new Map<string, Entity[]>();
    for (const e of this.entities.values())
      for (const n of new Set([e.label, ...e.aliases])) {
        const list = index.get(n);
        if (list) list.push(e);
        else index.set(n, [e]);
      }
    return (this.byName = index);
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

/** What a caller of the families may give `fact()`: a listener of the facts made, the maker of their evidence. */
export type FactHooks = Pick<ArticleView, 'onFact' | 'evidence'>;

export function makeView(article: Article, mentions: EntityMention[], entities: EntityLookup, hooks: FactHooks = {}): ArticleView {
  const own = mentions.filter((m) => m.article === article.id);
  const flat = flatten(own);
  const all = [...own].sort((a, b) => a.start - b.start || b.end - a.end || (a.entity < b.entity ? -1 : 1));
  const bySentence = new Map<number, EntityMention[]>();
  for (const m of flat) {
    let list = bySentence.get(m.sentence);
    if (!list) bySentence.set(m.sentence, (list = []));
    list.push(m);
  }
  return { article, mentions: flat, all, bySentence, entities, ...hooks };
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
  const f: RelationFact = { source, target, relation, label, evidence: (view.evidence ?? makeEvidence)(view.article, sorted) };
  view.onFact?.(f, sorted);
  return f;
}

/** Clause boundaries inside a sentence: commas, semicolons, colons. */
export const CLAUSE_BREAK = /[，,；;：:]/;
