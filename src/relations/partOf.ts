/**
 * `part_of`: ORGANIZATION → ORGANIZATION (label 下属) when one name is another's plus a unit:
 * 通辽市委组织部 → 通辽市委, a group of it (X委员会专家组 → X委员会), or its site or app (四川省人民政府网 →
 * 四川省人民政府). Both must be named in the same article (the parent may be named inside the child's name).
 * A joint byline's two outlets (`X报·Y视频记者`, `Y·X日报记者`): the one that is not a newspaper is the
 * newspaper's (its video brand or app).
 */
import type { Entity, RelationFact } from '../types.js';
import { type ArticleView, between, fact, isKind, labelOf } from './context.js';

const UNIT = /(部|办|办公室|局|委|委员会|处|科|室|队|站|所|组|中心|支部|党支部|党总支|党委|党组|分公司|分院|分局|分会|工会)$/;

/** A body's own site or app (四川省人民政府 + 网): part of the body. */
export const MEDIA = /^(网|网站|客户端|公众号|微信公众号)$/;

export function partOfFacts(view: ArticleView): RelationFact[] {
  const orgs = new Map<string, Entity>();
  // Named anywhere in the article, inside another name too (国家卫健委 in 国家卫健委专家组).
  for (const m of view.all) {
    const e = view.entities.get(m.entity);
    if (e?.kind === 'ORGANIZATION') orgs.set(e.key, e);
  }
  const out: RelationFact[] = [];
  const list = [...orgs.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  for (const child of list) {
    // The longest parent name wins: 通辽市委组织部 → 通辽市委, not a shorter organization.
    let parent: Entity | undefined;
    for (const p of list) {
      if (p === child || !child.label.startsWith(p.label)) continue;
      const rest = child.label.slice(p.label.length);
      if (!MEDIA.test(rest) && (rest.length < 2 || !UNIT.test(rest))) continue;
      if (!parent || p.label.length > parent.label.length) parent = p;
    }
    if (!parent) continue;
    const m = view.all.find((x) => x.entity === child.key)!;
    out.push(fact(view, child.key, parent.key, 'part_of', '下属', [[m.start, m.end]]));
  }
  for (let k = 0; k + 1 < view.mentions.length; k++) {
    const a = view.mentions[k]!;
    const b = view.mentions[k + 1]!;
    if (!isKind(view, a, 'ORGANIZATION') || !isKind(view, b, 'ORGANIZATION') || between(view, a, b) !== '·') continue;
    const paperA = NEWSPAPER.test(labelOf(view, a));
    const paperB = NEWSPAPER.test(labelOf(view, b));
    if (paperA === paperB) continue;
    const [child, paper] = paperA ? [b, a] : [a, b];
    out.push(
      fact(view, child.entity, paper.entity, 'part_of', '下属', [
        [a.start, a.end],
        [b.start, b.end],
      ]),
    );
  }
  return out;
}

/** A newspaper's name (大河报, 甘肃日报, 农民日报). */
const NEWSPAPER = /报$/;
