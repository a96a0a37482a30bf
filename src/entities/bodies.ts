/**
 * Bodies named by their level alone (省委, 市政府, 县人大常委会): a report names the province or city once and
 * then says 省委书记, 省长. When the text names exactly one place of that level (贵州省), the body is that
 * place's (贵州省委), and its mentions get that canonical name; with none or several, they stay as written.
 */
import type { Mention } from '../types.js';

/** A place of a division level (a province down to a township or sumu), as it ends. */
const DIVISION_LEVEL_END = /(?:[省市县区旗盟州镇乡]|苏木)$/;

/**
 * The government of a place, written as the place and 政府 (根河市政府, 蓬莱镇政府): a body beside its place, as the
 * place that opens a party committee's name is a place beside it (for nested readings). People's Daily marks the
 * place alone there (17 times on dev), so flat readings keep the place; the genre gold has the body (2 of 2 on the
 * 20 articles). Not where an organization already covers the place (X市政府办公室). `rule`: what the added mentions'
 * `rule` is, when mentions carry theirs (combine's `withRules`).
 */
export function withPlaceGovernments<M extends Mention & { rule?: string }>(text: string, mentions: readonly M[], rule?: string): M[] {
  const added: M[] = [];
  for (const p of mentions) {
    if (p.kind !== 'PLACE' || !text.startsWith('政府', p.end) || !DIVISION_LEVEL_END.test(p.canonical ?? p.text)) continue;
    const end = p.end + 2;
    if (mentions.some((o) => o.kind === 'ORGANIZATION' && o.start < end && p.start < o.end)) continue;
    const body: Mention & { rule?: string } = {
      start: p.start,
      end,
      text: text.slice(p.start, end),
      kind: 'ORGANIZATION',
      ...(p.canonical ? { canonical: `${p.canonical}政府` } : {}),
      ...(rule ? { rule } : {}),
    };
    added.push(body as M);
  }
  return added.length === 0 ? [...mentions] : [...mentions, ...added].sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * A government named by its level alone, any level (市政府, 乡政府, 中央人民政府, 自治区人民政府); LEVEL_BODY below is the
 * narrower set whose place withLevelBodies can name.
 */
export const LEVEL_GOVERNMENT = /^(中央|自治区|特区|省|市|县|区|旗|乡|镇|州|盟)(人民)?政府$/;

/** A level character, then a body of government or party at that level. */
const LEVEL_BODY = /^(省|市|县|旗|盟|州)(委|政府|人民政府|人大常委会|人大|政协|纪委|监委)$/;

export function withLevelBodies<M extends Mention>(mentions: readonly M[]): M[] {
  const placesOf = new Map<string, Set<string>>();
  for (const m of mentions) {
    if (m.kind !== 'PLACE') continue;
    const name = m.canonical ?? m.text;
    const level = name.at(-1)!;
    if (name.length >= 3) (placesOf.get(level) ?? placesOf.set(level, new Set()).get(level)!).add(name);
  }
  return mentions.map((m) => {
    const body = m.kind === 'ORGANIZATION' && !m.canonical ? LEVEL_BODY.exec(m.text) : null;
    const places = body ? placesOf.get(body[1]!) : undefined;
    if (!body || !places || places.size !== 1) return m;
    return { ...m, canonical: `${[...places][0]!}${body[2]!}` };
  });
}
