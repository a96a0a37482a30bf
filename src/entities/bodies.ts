/**
 * Bodies named by their level alone (省委, 市政府, 县人大常委会): a report names the province or city once and
 * then says 省委书记, 省长. When the text names exactly one place of that level (贵州省), the body is that
 * place's (贵州省委), and its mentions get that canonical name; with none or several, they stay as written.
 */
import type { Mention } from '../types.js';

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
