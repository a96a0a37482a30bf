/**
 * Organization and person naming inside one article: the forms a text uses for a body it has named in
 * full elsewhere (嘎查党支部 in the article about 苏吉嘎查; 疾病预防控制中心 after 通辽市传染病医院、),
 * and the place a person is tied to by a title (水泉沟村第一书记王瑞新 → 水泉沟村).
 */
import type { Mention } from '../types.js';
import { matchTitle } from '../relations/titles.js';

/** Level words that can open an organization name in place of the place itself (嘎查党支部). */
const LEVEL_WORDS = ['嘎查', '社区', '苏木', '村', '镇', '乡', '旗', '县'];

/**
 * Full name of an organization mention, given the article's places (label → mentions count) and the
 * preceding mention. Returns the name unchanged when nothing decides.
 */
export function organizationName(
  m: Mention,
  text: string,
  placeCounts: ReadonlyMap<string, number>,
  prev: { mention: Mention; label: string } | undefined,
): string {
  let name = (m.canonical ?? m.text).replace(/^中共/, '');
  const level = LEVEL_WORDS.find((w) => name.startsWith(w) && name.length > w.length + 1);
  if (level) {
    // The article's most mentioned place of that level, if it is the only one or clearly ahead.
    const ranked = [...placeCounts.entries()].filter(([p]) => p.endsWith(level) && p !== level).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    if (ranked.length > 0 && (ranked.length === 1 || ranked[0]![1] > ranked[1]![1])) return ranked[0]![0] + name.slice(level.length);
  }
  // A list that shares its place: 通辽市传染病医院、疾病预防控制中心 → 通辽市疾病预防控制中心.
  if (prev && prev.mention.kind === 'ORGANIZATION' && text.slice(prev.mention.end, m.start) === '、') {
    const place = [...placeCounts.keys()].filter((p) => prev.label.startsWith(p) && !name.startsWith(p)).sort((a, b) => b.length - a.length)[0];
    if (place) name = place + name;
  }
  return name;
}

/** The place or body written right before `title + person`, if any: the person's anchor. */
export function personAnchor(person: Mention, mentions: Mention[], text: string): Mention | undefined {
  let prev: Mention | undefined;
  for (const m of mentions) {
    if (m.end <= person.start && (m.kind === 'PLACE' || m.kind === 'ORGANIZATION')) {
      if (!prev || m.end > prev.end || (m.end === prev.end && m.start < prev.start)) prev = m;
    }
  }
  if (!prev) return undefined;
  const gap = text.slice(prev.end, person.start);
  return matchTitle(gap) !== undefined ? prev : undefined;
}
