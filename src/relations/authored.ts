/**
 * `authored` (PERSON → ARTICLE, label 撰稿/摄影) from bylines and photo credits (Article.authors), and the
 * byline's own `role`: 二连浩特报记者 李晓英 → 李晓英 role 记者 at 二连浩特报, when that body is an entity.
 */
import type { Entity, RelationFact } from '../types.js';
import { articleKey } from '../graph/build.js';
import { type ArticleView, fact } from './context.js';

function entityNamed(view: ArticleView, name: string, kind: Entity['kind']): Entity | undefined {
  return view.entities.named(name, kind, view.article.id);
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
