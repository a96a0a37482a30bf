/**
 * People's Daily's conventions for flat readings (`nested: false`: what People's Daily dev is scored on and what
 * `zhkg extract` prints), where they differ from what the graph's nested readings keep. Each is counted on MSRA
 * train + test (the corpus the model learned People's Daily's marking from); nested readings are left as they are.
 * Used by combine.ts: `flatCut` shortens a candidate, `flatDrops` leaves one out.
 */
import type { Candidate } from './rules/context.js';
import { LEVEL_GOVERNMENT } from './bodies.js';

/**
 * Heads of natural places and zones that People's Daily never marks with their stem (鄂尔多斯 in 鄂尔多斯高原 52 times,
 * the whole 0; 流域 36 / 1, 峡谷 11 / 0, 盆地 9 / 0, 风景区 6 / 0, 自然保护区 5 / 0, 开发区 4 / 0, 沙漠 4 / 0, 草原 3 / 0,
 * 大平原 2 / 0, 湿地 2 / 0, 山脉 and 戈壁 1 / 0): flat readings leave such a whole to the model's reading of the stem
 * (鄂尔多斯, 云 and 贵 in 云贵高原, nothing in 黄土高原); nested readings keep the whole, as the genre's news names it
 * (科尔沁草原, X经济开发区).
 */
const STEM_MARKED_HEAD = /(高原|盆地|沙漠|山脉|草原|峡谷|大平原|湿地|戈壁|流域|自然保护区|风景区|开发区)$/;

/**
 * A surname and a form of address or title (吕老, 邱大爷, 朱总, 王先生): the surname alone every time (先生 65, 老 57,
 * 总 34, 大娘 13, 大妈 10, 师傅 6, 书记 4 …, with the form 0).
 */
const SURNAME_AND_FORM = /^[\u4e00-\u9fff](老|大爷|大娘|大妈|大姐|姥姥|奶奶|师傅|总|先生|女士|书记|主任|局长|市长|外长)$/;

/**
 * How many characters flat readings cut off the end of candidate `c` (`name` its text), 0 for none: a person
 * written as a surname and 某 (梁某: the surname alone 41 times, never with 某) or a form of address is the surname;
 * a place before 地区 (绥化地区: the stem 350 times, the whole once) is the stem. Nested readings keep the whole (a node
 * 梁某; 阿克苏地区, a division's name).
 */
export function flatCut(c: Candidate, name: string): number {
  if (c.kind === 'PERSON' && /^[\u4e00-\u9fff]{1,2}某{1,2}$/.test(name)) return name.length - name.indexOf('某');
  if (c.kind === 'PERSON' && SURNAME_AND_FORM.test(name)) return name.length - 1;
  if (c.kind === 'PLACE' && name.length >= 4 && name.endsWith('地区')) return 2;
  return 0;
}

/**
 * Whether flat readings leave candidate `c` out: a natural place or zone of a head above (the model's stem reading
 * takes its place), a place's government where the place is read too (云南省人民政府, 根河市政府: the place alone
 * before 政府 598 times, the body 39; 人民政府 8 and 5; nested readings keep both: bodies.ts withPlaceGovernments), or a
 * government named by its level alone (bodies.ts LEVEL_GOVERNMENT: MSRA train + test mark none of them, marked /
 * unmarked 市政府 0 / 35, 省政府 0 / 27, 县政府 0 / 26, 特区政府 0 / 13, 中央政府 0 / 12 …: 0 of 137; nested readings keep
 * it, and withLevelBodies names its place where the text names one).
 */
export function flatDrops(c: Candidate, text: string, candidates: readonly Candidate[]): boolean {
  const name = text.slice(c.start, c.end);
  if (c.rule === 'place:natural' || c.rule === 'place:zone') return STEM_MARKED_HEAD.test(name);
  if (c.kind !== 'ORGANIZATION') return false;
  if (LEVEL_GOVERNMENT.test(name)) return true;
  const head = name.endsWith('人民政府') ? 4 : name.endsWith('政府') ? 2 : 0;
  return head > 0 && candidates.some((p) => p.kind === 'PLACE' && p.start === c.start && p.end === c.end - head);
}
