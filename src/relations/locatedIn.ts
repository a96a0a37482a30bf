/**
 * `located_in`: PLACE/ORGANIZATION → PLACE, label 位于.
 * 1. Place chains, level by level: 呼伦贝尔市新左旗嵯岗镇伊和乌拉嘎查 (adjacent mentions in one sentence,
 *    each one level below the one before it).
 * 2. 苏吉嘎查是锡林郭勒盟二连浩特市格日勒敖都苏木的… : the subject lies in the last place of the chain.
 * 3. Organizations named after a place of the article: 通辽市委 → 通辽市, 二连浩特报 → 二连浩特市; or with it in
 *    brackets (a company's place of registration: X(贵州)新材料有限公司 → 贵州省); or written right after it:
 *    冬不冷村吉庆合养殖专业合作社. Zones and parks outside the division index as well
 *    (X湖高新区 → X市, X高新区Y产业园 → X高新区).
 * 4. Division parents: a place whose division code's parent is another place named in the same article
 *    (天山口镇 → 阿鲁科尔沁旗 in the article that names both).
 * 5. Places outside the division index (碧桂园小区) in an article about one city lie in that city.
 * 6. A list of two or more places after a place of a higher level and 的 (X苏木境内的A、B和C三个自然村) lies in it.
 * A place keeps its most specific containers: a link it also reaches through another place of the article goes.
 */
import type { Entity, EntityMention, RelationFact } from '../types.js';
import { type ArticleView, between, fact, isKind, labelOf } from './context.js';
import { codeOf, divisionOf, mainPlace, placePrefixes, placeRank, rankOf } from './places.js';
import { MEDIA } from './partOf.js';
import { ZONES } from '../entities/rules/place.js';

const LABEL = '位于';

function placeEntity(view: ArticleView, m: EntityMention): Entity | undefined {
  const e = view.entities.get(m.entity);
  return e && e.kind === 'PLACE' ? e : undefined;
}

function rankOfMention(view: ArticleView, m: EntityMention): number {
  const e = placeEntity(view, m);
  return e ? rankOf(e) : placeRank(labelOf(view, m));
}

/** Rules 1 and 2, and ORG right after a place (part of rule 3). */
/** A place nested at the start of an organization mention (十里铺村 in 十里铺村党支部). */
function nestedPlace(view: ArticleView, m: EntityMention): EntityMention | undefined {
  if (!isKind(view, m, 'ORGANIZATION')) return undefined;
  return view.all.find((x) => x.start === m.start && x.end < m.end && isKind(view, x, 'PLACE'));
}

function chainFacts(view: ArticleView): RelationFact[] {
  const out: RelationFact[] = [];
  for (const flat of view.bySentence.values()) {
    // In a chain, an organization named after a place stands for that place: 土城子镇十里铺村党支部.
    const ms = flat.map((m) => nestedPlace(view, m) ?? m);
    for (let j = 1; j < ms.length; j++) {
      const a = ms[j - 1]!;
      const b = ms[j]!;
      if (!isKind(view, a, 'PLACE')) continue;
      const gap = between(view, a, b);
      if (gap === '' && isKind(view, b, 'PLACE') && rankOfMention(view, a) < rankOfMention(view, b)) {
        out.push(
          fact(view, b.entity, a.entity, 'located_in', LABEL, [
            [a.start, a.end],
            [b.start, b.end],
          ]),
        );
      }
      // X是<chain>的: X lies in the last place of the chain that follows 是.
      if (gap === '是' && isKind(view, b, 'PLACE')) {
        let k = j;
        while (k + 1 < ms.length && between(view, ms[k]!, ms[k + 1]!) === '' && isKind(view, ms[k + 1]!, 'PLACE')) k++;
        const last = ms[k]!;
        if (view.article.text.startsWith('的', last.end) && rankOfMention(view, a) > rankOfMention(view, last)) {
          out.push(
            fact(view, a.entity, last.entity, 'located_in', LABEL, [
              [a.start, a.end],
              [last.start, last.end],
            ]),
          );
        }
      }
    }
  }
  return out;
}

/** Rule 3: organizations whose name starts with a place named in the article. */
function namedAfterFacts(view: ArticleView): RelationFact[] {
  const out: RelationFact[] = [];
  const places = new Map<string, Entity>();
  for (const m of view.all) {
    const e = placeEntity(view, m);
    if (e) places.set(e.key, e);
  }
  const prefixes = [...places.values()]
    .flatMap((e) => placePrefixes(e).map((p) => ({ p, e })))
    .sort((x, y) => y.p.length - x.p.length || (x.e.key < y.e.key ? -1 : 1));
  const done = new Set<string>();
  // A body's site or app (四川省人民政府网) is part of that body when the article names it (partOf.ts), not a
  // body of the place in its name.
  const bodies = new Set<string>();
  for (const m of view.mentions) if (isKind(view, m, 'ORGANIZATION')) bodies.add(labelOf(view, m));
  const mediaOfBody = (label: string): boolean => [...bodies].some((b) => b !== label && label.startsWith(b) && MEDIA.test(label.slice(b.length)));
  for (let i = 0; i < view.mentions.length; i++) {
    const m = view.mentions[i]!;
    if (!isKind(view, m, 'ORGANIZATION') && !isZone(view, m)) continue;
    const key = `${m.entity}#${m.sentence}`;
    if (done.has(key)) continue;
    const label = labelOf(view, m);
    if (mediaOfBody(label)) continue;
    const other = ({ p, e }: { p: string; e: Entity }): boolean => e.key !== m.entity && p.length < label.length;
    let hit =
      prefixes.find((x) => other(x) && label.startsWith(x.p) && label.length > x.p.length) ??
      prefixes.find((x) => other(x) && m.text.startsWith(x.p) && m.text.length > x.p.length) ??
      // A company registered in a place writes the place in brackets after its trade name (X(贵州)新材料有限公司).
      prefixes.find((x) => other(x) && (label.includes(`(${x.p})`) || label.includes(`（${x.p}）`)));
    if (!hit) {
      // 冬不冷村吉庆合养殖专业合作社: a place written right before the organization, in the same sentence.
      const prev = view.mentions[i - 1];
      if (prev && prev.sentence === m.sentence && prev.end === m.start) {
        const e = placeEntity(view, prev);
        if (e) hit = { p: e.label, e };
      }
    }
    if (!hit) continue;
    done.add(key);
    const placeMention = view.all.find((x) => x.sentence === m.sentence && x.entity === hit.e.key);
    const spans: Array<[number, number]> = [[m.start, m.end]];
    if (placeMention) spans.push([placeMention.start, placeMention.end]);
    out.push(fact(view, m.entity, hit.e.key, 'located_in', LABEL, spans));
  }
  return out;
}

/** Zones and parks named after a place (大冶湖高新区 after 大冶市, X高新区Y产业园 in X高新区); not in the division index. */
function isZone(view: ArticleView, m: EntityMention): boolean {
  const e = placeEntity(view, m);
  return e !== undefined && !codeOf(e) && ZONES.some((z) => e.label.endsWith(z));
}

/** First sentence naming both entities, else the first naming `a`: the evidence of an inferred edge. */
function evidenceSpans(view: ArticleView, a: string, b: string): Array<[number, number]> {
  for (const x of view.all) {
    if (x.entity !== a) continue;
    const y = view.all.find((m) => m.entity === b && m.sentence === x.sentence);
    if (y)
      return [
        [x.start, x.end],
        [y.start, y.end],
      ];
  }
  const x = view.all.find((m) => m.entity === a)!;
  return [[x.start, x.end]];
}

/** Rules 4 and 5. */
function divisionFacts(view: ArticleView): RelationFact[] {
  const out: RelationFact[] = [];
  const places = new Map<string, Entity>();
  for (const m of view.all) {
    const e = placeEntity(view, m);
    if (e) places.set(e.key, e);
  }
  const byCode = new Map<string, Entity>();
  for (const e of places.values()) {
    const c = codeOf(e);
    if (c) byCode.set(c, e);
  }
  for (const e of places.values()) {
    const parent = divisionOf(e)?.ancestors.at(-1);
    const p = parent ? byCode.get(parent.code) : undefined;
    if (p && p.key !== e.key) out.push(fact(view, e.key, p.key, 'located_in', LABEL, evidenceSpans(view, e.key, p.key)));
  }
  // The city the article is about: the most mentioned prefecture-level place, named at least twice.
  const cityMention = mainPlace(view, (rank) => rank === 1, 2);
  const city = cityMention ? view.entities.get(cityMention.entity) : undefined;
  if (city) {
    for (const e of places.values()) {
      if (codeOf(e) || e.key === city.key || placeRank(e.label) !== 5) continue;
      out.push(fact(view, e.key, city.key, 'located_in', LABEL, evidenceSpans(view, e.key, city.key)));
    }
  }
  return out;
}

/** What may stand between a place and the list of places in it: 的, after a few characters (境内的, 行政村域的). */
const OF_PLACE = /^[\u4e00-\u9fff]{0,4}的$/;
/** What joins the items of a list. */
const LIST_JOIN = /^[、和及与]$/;

/**
 * <place>(…)的<place>、<place>和<place>: the places of a list of two or more after a place of a higher level and 的
 * lie in it (X嘎查行政村域的A、B和C三个自然村; X镇的A村和B村).
 */
function listFacts(view: ArticleView): RelationFact[] {
  const out: RelationFact[] = [];
  for (const ms of view.bySentence.values()) {
    for (let j = 0; j + 2 < ms.length; j++) {
      const p = ms[j]!;
      if (!isKind(view, p, 'PLACE') || !OF_PLACE.test(between(view, p, ms[j + 1]!))) continue;
      const rank = rankOfMention(view, p);
      const items = [];
      for (let k = j + 1; k < ms.length; k++) {
        const m = ms[k]!;
        if (!isKind(view, m, 'PLACE') || rankOfMention(view, m) <= rank) break;
        if (k > j + 1 && !LIST_JOIN.test(between(view, ms[k - 1]!, m))) break;
        items.push(m);
      }
      if (items.length < 2) continue;
      for (const m of items)
        out.push(
          fact(view, m.entity, p.entity, 'located_in', LABEL, [
            [p.start, p.end],
            [m.start, m.end],
          ]),
        );
    }
  }
  return out;
}

/**
 * The most specific container: a place's located_in a place it also reaches through another place of the
 * article (清河县柳湾社区 in a headline, 清河县石桥镇柳湾社区 in the text) is left out.
 */
function mostSpecific(facts: RelationFact[], view: ArticleView): RelationFact[] {
  const up = new Map<string, Set<string>>();
  for (const f of facts) {
    if (f.relation !== 'located_in') continue;
    let s = up.get(f.source);
    if (!s) up.set(f.source, (s = new Set()));
    s.add(f.target);
  }
  const reaches = (from: string, to: string, seen = new Set<string>()): boolean => {
    for (const next of up.get(from) ?? []) {
      if (next === to) return true;
      if (!seen.has(next)) {
        seen.add(next);
        if (reaches(next, to, seen)) return true;
      }
    }
    return false;
  };
  return facts.filter((f) => {
    if (view.entities.get(f.source)?.kind !== 'PLACE') return true;
    for (const mid of up.get(f.source) ?? []) if (mid !== f.target && reaches(mid, f.target)) return false;
    return true;
  });
}

export function locatedInFacts(view: ArticleView): RelationFact[] {
  return mostSpecific([...chainFacts(view), ...listFacts(view), ...namedAfterFacts(view), ...divisionFacts(view)], view);
}
