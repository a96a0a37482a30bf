/**
 * Place resolution inside one article: each PLACE mention gets its canonical division name and code when
 * the division index and the article's other place names decide (新左旗 → 新巴尔虎左旗 150726; 苏吉嘎查
 * → the one under 格日勒敖都苏木 when the article names it), and organizations named after a place imply
 * that place (十里铺村党支部 → 十里铺村).
 */
import type { Mention } from '../types.js';
import { DIVISION_NAME_END, chooseCandidate, lookupPlace, type PlaceCandidate } from '../lexicon/divisions.js';

export interface ResolvedPlace {
  label: string;
  code?: string;
  level?: string;
}

/** PLACE mentions implied by organizations that start with a division name (exact, ≥ 2 characters). */
export function impliedPlaceMentions(mentions: Mention[]): Mention[] {
  const out: Mention[] = [];
  const places = new Set(mentions.filter((m) => m.kind === 'PLACE').map((m) => `${m.start}:${m.end}`));
  for (const m of mentions) {
    if (m.kind !== 'ORGANIZATION') continue;
    // Longest division name at the start of the organization's surface form, leaving a unit after it.
    for (let len = Math.min(m.text.length - 1, 12); len >= 2; len--) {
      const name = m.text.slice(0, len);
      if (!/(省|自治区|市|盟|旗|县|区|镇|乡|苏木|街道|嘎查|村|社区)$/.test(name)) continue;
      if (lookupPlace(name).every((c) => c.match !== 'exact')) continue;
      if (!places.has(`${m.start}:${m.start + len}`)) {
        out.push({ start: m.start, end: m.start + len, text: name, kind: 'PLACE', canonical: name });
      }
      break;
    }
  }
  return out;
}

/**
 * Drops a province (省, 自治区, 直辖市) that the article names only inside organizations' names (上海市 in
 * 上海市湖北商会, 浙江省 in 浙江省委): the article is not about it, and a reader does not count it among the
 * article's places. A province named on its own anywhere in the article stays, nested mentions included.
 */
export function withoutLoneProvinces(mentions: readonly Mention[], places: ReadonlyMap<string, ResolvedPlace>): Mention[] {
  const orgs = mentions.filter((m) => m.kind === 'ORGANIZATION');
  const inOrg = (m: Mention): boolean => orgs.some((o) => o.start <= m.start && m.end <= o.end && o.end - o.start > m.end - m.start);
  const labelOf = (m: Mention): ResolvedPlace | undefined => (m.kind === 'PLACE' ? places.get(m.canonical ?? m.text) : undefined);
  const standing = new Set<string>();
  for (const m of mentions) {
    const p = labelOf(m);
    if (p?.level === 'province' && !inOrg(m)) standing.add(p.label);
  }
  return mentions.filter((m) => {
    const p = labelOf(m);
    return p?.level !== 'province' || standing.has(p.label) || !inOrg(m);
  });
}

/** Division names (or their abbreviations) that `name` is the concatenation of, left to right; else undefined. */
export function chainParts(name: string): string[] | undefined {
  const parts: string[] = [];
  let rest = name;
  while (rest.length > 0) {
    let found: string | undefined;
    for (let len = rest.length; len >= 2; len--) {
      const head = rest.slice(0, len);
      if (DIVISION_NAME_END.test(head) && lookupPlace(head).some((c) => c.match !== 'suffix')) {
        found = head;
        break;
      }
    }
    if (!found) return undefined;
    parts.push(found);
    rest = rest.slice(found.length);
  }
  return parts.length >= 2 ? parts : undefined;
}

/**
 * A PLACE mention that is a whole chain (巴彦花镇宝山村, 呼伦贝尔市新左旗) becomes one mention per division,
 * so that each place is its own entity and the chain gives located_in edges. Names the index knows as a
 * whole stay as they are.
 */
export function splitPlaceChains(mentions: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) {
    if (m.kind !== 'PLACE' || m.text.length < 4 || lookupPlace(m.canonical ?? m.text).length > 0) {
      out.push(m);
      continue;
    }
    const parts = chainParts(m.text);
    if (!parts) {
      out.push(m);
      continue;
    }
    let at = m.start;
    for (const part of parts) {
      out.push({ start: at, end: at + part.length, text: part, kind: 'PLACE', ...(m.score !== undefined ? { score: m.score } : {}) });
      at += part.length;
    }
  }
  return out;
}

/** Canonical name and code of each distinct place name of an article, decided together. */
export function resolveArticlePlaces(names: string[]): Map<string, ResolvedPlace> {
  const unique = [...new Set(names)].sort();
  // Each name is looked up once; a name's own readings are never its own ancestors, so one code set
  // serves as the context of every name.
  const readings = new Map<string, PlaceCandidate[]>(unique.map((n) => [n, lookupPlace(n)]));
  // Codes the article's names may denote, each with how many names may denote it: a name's context is the
  // other names (北疆乡 is no ancestor that the text names for 北疆村 when both are readings of 北疆 alone).
  const owners = new Map<string, number>();
  for (const list of readings.values()) for (const code of new Set(list.map((c) => c.code))) owners.set(code, (owners.get(code) ?? 0) + 1);
  const contextOf = (name: string): Pick<ReadonlySet<string>, 'has'> => {
    const own = new Set(readings.get(name)!.map((c) => c.code));
    return { has: (code: string) => (owners.get(code) ?? 0) - (own.has(code) ? 1 : 0) > 0 };
  };
  // A bare stem read as a township or village (硅谷 → 硅谷社区, 北疆 → 北疆村) is that place only when the
  // article names its county or township: thousands of villages are named after common words and other places.
  for (const [name, list] of readings) {
    const ctx = contextOf(name);
    readings.set(
      name,
      list.filter((c) => c.match === 'exact' || c.code.length <= 6 || c.ancestors.some((a) => a.code.length >= 6 && ctx.has(a.code))),
    );
  }
  const out = new Map<string, ResolvedPlace>();
  for (const name of unique) {
    const hit = chooseCandidate(readings.get(name)!, contextOf(name));
    if (hit) {
      out.set(name, { label: hit.name, code: hit.code, level: hit.level });
      continue;
    }
    // Undecided homonyms keep no code; a short form still gets its full name when all readings agree
    // on it (伊和乌拉 → 伊和乌拉嘎查, wherever it lies).
    const names = new Set(readings.get(name)!.map((c) => c.name));
    out.set(name, { label: names.size === 1 ? [...names][0]! : name });
  }
  return out;
}
