/**
 * `authored` (PERSON → ARTICLE, label 撰稿/摄影) from bylines and photo credits (Article.authors), and the
 * byline's own `role`: 二连浩特报记者 李晓英 → 李晓英 role 记者 at 二连浩特报, when that body is an entity.
 */
import type { Entity, RelationFact } from '../types.js';
import { articleKey } from '../graph/build.js';
import { type ArticleView, type EntityLookup, RecordingLookup, fact } from './context.js';

/** Per entity table: name → the entities (in table order) with that label or alias; built once per table. */
const namedIndex = new WeakMap<object, Map<string, Entity[]>>();

function entitiesNamed(lookup: EntityLookup, name: string): readonly Entity[] {
  // A recording table shares its base table's index (and walking the table is not a read of its own).
  const table = lookup instanceof RecordingLookup ? lookup.base : lookup;
  let index = namedIndex.get(table);
  if (!index) {
    index = new Map();
    for (const e of table.values())
      for (const n of new Set([e.label, ...e.aliases])) {
        const list = index.get(n);
        if (list) list.push(e);
        else index.set(n, [e]);
      }
    namedIndex.set(table, index);
  }
  return index.get(name) ?? [];
}

/**
 * The entity of `kind` named `name` (label or alias) for the article `articleId`: the first in table order
 * that names the article, else the first. Exported for the relation cache, which asks it again to know
 * whether a byline still finds the same entity.
 */
export function namedEntity(lookup: EntityLookup, name: string, kind: Entity['kind'], articleId: string): Entity | undefined {
  let found: Entity | undefined;
  // The entities so named, in table order (an index: a scan of the whole table per byline grew with the corpus).
  for (const e of entitiesNamed(lookup, name)) {
    if (e.kind !== kind) continue;
    // Prefer an entity of this article (a namesake elsewhere is another person).
    if (e.articles.includes(articleId)) {
      found = e;
      break;
    }
    found ??= e;
  }
  if (lookup instanceof RecordingLookup) {
    lookup.named.push([name, kind, found?.key ?? '']);
    if (found) lookup.keys.add(found.key);
  }
  return found;
}

function entityNamed(view: ArticleView, name: string, kind: Entity['kind']): Entity | undefined {
  return namedEntity(view.entities, name, kind, view.article.id);
}

export function authoredFacts(view: ArticleView): RelationFact[] {
  const out: RelationFact[] = [];
  for (const a of view.article.authors) {
    const m = view.mentions.find((x) => x.start < a.end && a.start < x.end && view.entities.get(x.entity)?.kind === 'PERSON');
    const person = m ? view.entities.get(m.entity) : entityNamed(view, a.name, 'PERSON');
    if (!person) continue;
    out.push(fact(view, person.key, articleKey(view.article.id), 'authored', a.role, [[a.start, a.end]]));
    if (a.outlet) {
      const outlet = entityNamed(view, a.outlet, 'ORGANIZATION');
      const title = (a.title ?? '记者').replace(a.outlet, '') || '记者';
      if (outlet) out.push(fact(view, person.key, outlet.key, 'role', title, [[a.start, a.end]]));
    }
  }
  return out;
}
