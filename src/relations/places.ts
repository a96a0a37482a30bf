/** Place levels and names as the relation families need them. */
import type { Entity, EntityMention } from '../types.js';
import type { ArticleView } from './context.js';
import { lookupPlace, type PlaceCandidate } from '../lexicon/divisions.js';

/**
 * 0 province … 4 village, 5 below a village (小区, 园区, 广场 …), 6 unknown (countries, regions, names
 * without a level word); by division code when known, else by suffix.
 */
export function placeRank(name: string, code?: string): number {
  if (code) return ({ 2: 0, 4: 1, 6: 2, 9: 3, 12: 4 } as Record<number, number>)[code.length] ?? 6;
  if (/(省|自治区)$/.test(name)) return 0;
  if (/(盟|地区|自治州)$/.test(name)) return 1;
  if (/市$/.test(name)) return 1;
  if (/(旗|县|区)$/.test(name) && !/(小区|园区|社区|景区|矿区|开发区)$/.test(name)) return 2;
  if (/(镇|乡|苏木|街道)$/.test(name)) return 3;
  if (/(嘎查|村|社区)$/.test(name)) return 4;
  if (/(小区|园区|花园|家园|公寓|广场|公园|大街|街|路|苑)$/.test(name)) return 5;
  return 6;
}

export function codeOf(e: Entity | undefined): string | undefined {
  const c = e?.attributes?.['code'];
  return typeof c === 'string' ? c : undefined;
}

export function rankOf(e: Entity): number {
  return placeRank(e.label, codeOf(e));
}

/** The division row of a place entity that carries a code. */
export function divisionOf(e: Entity): PlaceCandidate | undefined {
  const code = codeOf(e);
  if (!code) return undefined;
  for (const name of [e.label, ...e.aliases]) {
    const hit = lookupPlace(name).find((c) => c.code === code);
    if (hit) return hit;
  }
  return undefined;
}

/** Names under which an organization's name may start with this place: 二连浩特市 → 二连浩特市, 二连浩特. */
export function placePrefixes(e: Entity): string[] {
  const out = new Set<string>([e.label, ...e.aliases]);
  for (const n of [...out]) {
    const m = /^(.{2,}?)(省|自治区|市|盟|旗|县|区|镇|乡|苏木)$/.exec(n);
    if (m) out.add(m[1]!);
  }
  return [...out].filter((n) => n.length >= 2).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/**
 * The place an article is about at some levels: of the places whose rank `accept`s, the one the article names
 * more often than any other of them, and at least `min` times; at its first mention. None on a tie.
 */
export function mainPlace(view: ArticleView, accept: (rank: number) => boolean, min = 1): EntityMention | undefined {
  const counts = new Map<string, number>();
  const first = new Map<string, EntityMention>();
  for (const m of view.all) {
    const e = view.entities.get(m.entity);
    if (!e || e.kind !== 'PLACE' || !accept(rankOf(e))) continue;
    counts.set(e.key, (counts.get(e.key) ?? 0) + 1);
    if (!first.has(e.key)) first.set(e.key, m);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const top = ranked[0];
  if (!top || top[1] < min || (ranked[1] !== undefined && ranked[1][1] === top[1])) return undefined;
  return first.get(top[0]);
}
