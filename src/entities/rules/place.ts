/**
 * Place rules. A place is a name plus an administrative suffix (市 旗 县 区 镇 苏木 嘎查 村 社区 小区 …);
 * several in a row form a chain (呼伦贝尔市新左旗嵯岗镇伊和乌拉嘎查) whose links are places of their own.
 * Where a name starts is decided, in order, by the national division index (the longest stem that makes a
 * division's full name), by a known abbreviation (新左旗 → 新巴尔虎左旗), or by a scan to the left over
 * name-like characters that stops at punctuation, PDF gaps, function words and common words. Provinces
 * named without suffix (广东) and one-character province names after a verb of travel (赴鄂) come from the
 * lexicon.
 */
import type { Candidate, RuleContext } from './context.js';
import { firstUnits } from '../../text/units.js';
import {
  MANNER_ADVERB,
  STOP_CHARS,
  STOP_WORDS,
  dedupe,
  hasFunctionWordInside,
  isHan,
  isHanAt,
  isKnownTerm,
  isNameLikeTag,
  isFunctionTag,
  tokenAt,
} from './context.js';
import { WordList, type Lexicons } from './lexicon.js';

const MAX_STEM = 8;
const MAX_FREE_STEM = 6;
/** Words that begin with a suffix character but are not a suffix use (村民, 市场, 区域 …). */
const SUFFIX_BLOCKERS = [
  '村民',
  '村里',
  '村级',
  '村组',
  '村庄',
  '村落',
  '村干部',
  '村委',
  '村两委',
  '村村响',
  '村村通',
  '村支书',
  '市民',
  '市场',
  '市级',
  '市区',
  '市值',
  '区域',
  '区级',
  '区别',
  '区分',
  '县城',
  '县级',
  '乡亲',
  '乡村',
  '乡土',
  '乡镇',
  '乡愁',
  '旗帜',
  '旗下',
  '旗舰',
  '镇上',
  '省份',
  '省级',
  '省心',
  '州里',
  '盟友',
  '盟市',
  '屯田',
  '社区居民',
];
/** SUFFIX_BLOCKERS as a trie: the scan asks at every suffix whether one starts there, without a startsWith per word. */
const BLOCKER_LIST = new WordList(SUFFIX_BLOCKERS);
/**
 * Suffixes whose places may be accepted without the division index (new housing estates, villages and
 * townships missing from it); the others (市 区 县 街道 社区 …) need the index or a chain.
 */
const FREE_SUFFIXES = new Set(['小区', '嘎查', '苏木', '村', '镇', '乡']);
/** Zones and parks outside the division index, named after a place or by a free stem (天府新区, X产业园). */
export const ZONES: readonly string[] = ['产业园区', '产业园', '工业园区', '工业园', '高新区', '经开区', '开发区', '新区'];
/** Zones and the unit below a village (X村民小组), named by a free stem. */
const ZONE_SUFFIXES = new Set([...ZONES, '村民小组']);
/** Suffixes of villages, townships and communities, whose generic kinds jieba knows as common words. */
const LOCAL_SUFFIX = new Set(['村', '嘎查', '社区', '乡', '镇', '街道', '苏木', '小区']);
/** Suffixes after which a common two-character word is a kind of place, not a name (示范村, 山区). */
const GENERIC_STEM_SUFFIX = new Set(['村', '区', '乡', '镇', '市', '县']);
/**
 * Common words for a village that end in its level (乡村 countryside, 渔村 fishing village, 山村, 农村): where jieba
 * reads one across the stem's end (发展 + 乡村, 小 + 渔村), the level is that word's, not a name's. PD dev 0 right /
 * 2 wrong (小渔村), genre set none, 85 fresh genre pages 2 wrong (发展乡村), 3 Dec 2026.
 */
const VILLAGE_WORDS = new Set(['乡村', '渔村', '山村', '农村']);
/** Verbs (or their last character) after which a one-character province name is a destination: 赴鄂, 援鄂. */
const TRAVEL = new Set([...'赴援抵返离进驰来']);
/** The same as char codes, checked first (a per-character test that allocates nothing). */
const TRAVEL_CODES = firstUnits(TRAVEL);

function hasHardBreak(ctx: RuleContext, start: number, end: number, allowGaps: boolean): boolean {
  for (let i = start; i < end; i++) if (!isHanAt(ctx.text, i)) return true;
  if (!allowGaps) for (let i = start + 1; i < end; i++) if (ctx.gaps.has(i)) return true;
  return false;
}

/**
 * Whether verb token `t` belongs to an organization's name ending at `end`: right after a name (吉庆|合,
 * 绿源|种植) and followed only by a short run of nouns up to the suffix (养殖|专业合作社).
 */
function verbInName(ctx: RuleContext, t: { start: number; end: number; tag: string }, end: number): boolean {
  if (!/^v/.test(t.tag) || end - t.start > 5) return false;
  const prev = tokenAt(ctx, t.start - 1);
  if (!prev || prev.end !== t.start || !/^(x|nz|nr|ns)$/.test(prev.tag)) return false;
  let nouns = 0;
  for (let i = t.end; i < end;) {
    const n = tokenAt(ctx, i);
    if (!n || !/^(n|vn|x)$/.test(n.tag)) return false;
    nouns++;
    i = Math.max(i + 1, n.end);
  }
  // A one-character verb needs a noun after it (吉庆合|养殖|专业合作社, not 钟书住|医院).
  return t.end - t.start >= 2 || nouns > 0;
}

/**
 * Left edge of a name ending at `end` found by scanning over name-like characters (or `end` if none):
 * stops at punctuation, stop characters, function words of `minFunctionLen`+ characters and (unless
 * `crossGaps`) PDF gaps. `allowNamedVerbs`: organization names may hold a verb after a name (绿源种植).
 */
export function scanStemStart(ctx: RuleContext, end: number, maxLen: number, minFunctionLen = 1, crossGaps = false, allowNamedVerbs = false): number {
  const { text } = ctx;
  let k = end;
  while (k > 0 && end - k < maxLen) {
    const ch = text[k - 1]!;
    if (!isHan(ch)) break;
    // (和 ends the scan: a bureau named after two fields joined by 和 is organization.ts joinedBureaus')
    if (STOP_CHARS.has(ch)) break;
    if (k < end && ctx.gaps.has(k) && !crossGaps) break;
    const t = tokenAt(ctx, k - 1);
    if (t && t.end <= end && t.end - t.start >= minFunctionLen && isFunctionTag(t.tag)) {
      if (!(allowNamedVerbs && verbInName(ctx, t, end))) break;
    }
    if (t && t.end <= end && (STOP_WORDS.has(t.word) || MANNER_ADVERB.test(t.word))) break;
    k--;
  }
  return k;
}

/** Peoples of China that name townships (民族乡, 民族苏木), by the name before 族. */
const PEOPLES = new Set(
  '蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺'.split(
    ' ',
  ),
);
const TOWNSHIP_SUFFIXES = new Set(['乡', '苏木', '镇']);
/** Longest name before the people in a township's name (敖鲁古雅 + 鄂温克民族乡). */
const MAX_TOWNSHIP_STEM = 5;

/**
 * Where the name of a township of a people ends at `i` starts (X + 鄂温克 + 民族 + 乡; X + 满 + 族 + 乡), or -1: two
 * to five Han characters before the people's name, with no break, stop character or function word among them.
 */
function peopleTownshipStart(ctx: RuleContext, i: number): number {
  const { text } = ctx;
  const marker = text.startsWith('民族', i - 2) ? 2 : text[i - 1] === '族' ? 1 : 0;
  if (marker === 0) return -1;
  const peopleEnd = i - marker;
  for (let len = 4; len >= 1; len--) {
    const ps = peopleEnd - len;
    if (ps < 0 || !PEOPLES.has(text.slice(ps, peopleEnd))) continue;
    const s = scanStemStart(ctx, ps, MAX_TOWNSHIP_STEM);
    if (ps - s < 2 || hasHardBreak(ctx, s, i, true) || hasFunctionWordInside(ctx, s, ps)) return -1;
    return s;
  }
  return -1;
}

/**
 * Where a zone's name starts in the stem scanned before its suffix: at the first place name jieba knows in it
 * when only common words of two characters or more come before (副市长代表 + 临港 + 开发区: a title and a verb
 * are no part of the name). Stems of other shapes (陈寨 + 设施农业 + 产业园) are kept whole.
 */
function zoneStemStart(ctx: RuleContext, s: number, end: number): number {
  for (let k = s; k < end;) {
    const t = tokenAt(ctx, k);
    if (!t || t.start !== k || t.end > end) return s;
    if (t.tag.startsWith('ns')) return k;
    if (t.end - t.start < 2 || isNameLikeTag(t.tag)) return s;
    k = t.end;
  }
  return s;
}

/** Whether a heuristic (not in the index) stem looks like a name rather than common words. */
function nameLikeStem(ctx: RuleContext, start: number, end: number): boolean {
  if (end - start < 2) return false;
  const stem = ctx.text.slice(start, end);
  if (ctx.lex.nonEntities.has(stem)) return false;
  for (let i = start; i < end;) {
    const t = tokenAt(ctx, i);
    if (!t) {
      i++;
      continue;
    }
    // A common word running across the stem's edge (贫困地|区) or lying inside it (农村|牧区) is no name.
    if (t.end - t.start >= 2 && !isNameLikeTag(t.tag)) return false;
    i = Math.max(i + 1, t.end);
  }
  return true;
}

/**
 * Whether a suffix found by scanning, text[i, end), closes the place name stem [s, i): the suffix ends a jieba
 * word (not 乡 of 乡长 in 某乡乡长), and the stem holds no one-character adjective, verb or function word (穷 in
 * 穷山村, 驻 in 驻村).
 */
function suffixClosesName(ctx: RuleContext, s: number, i: number, end: number): boolean {
  const last = tokenAt(ctx, end - 1);
  if (last && last.end > end) return false;
  // Nor does a word end in it that is a common word or a generic term (驻村 in 云南驻村).
  if (last && last.start > s && last.start < i && (!isNameLikeTag(last.tag) || ctx.lex.nonEntities.has(last.word))) return false;
  for (let k = s; k < i; k++) {
    const t = tokenAt(ctx, k);
    if (t && t.end - t.start === 1 && (isFunctionTag(t.tag) || t.tag === 'a')) return false;
  }
  return true;
}

/**
 * Whether [start, end) holds a word of two or more characters that jieba tags as a name or does not know.
 * `within`: the word must end inside the range (a word running on past it, such as the whole of 人民法院/nt
 * after the stem 人民, does not count).
 */
export function hasNameWord(ctx: RuleContext, start: number, end: number, within = false): boolean {
  for (let i = start; i < end; i++) {
    const t = tokenAt(ctx, i);
    if (t && t.end - t.start >= 2 && isNameLikeTag(t.tag) && (!within || t.end <= end)) return true;
  }
  return false;
}

interface Link {
  start: number;
  end: number;
  canonical?: string;
  priority: number;
  rule: string;
}

/** Last characters of natural places: deserts, grasslands, plains, mountains, waters. */
const NATURAL_END = /(沙地|沙漠|草原|平原|高原|盆地|山脉|山|岭|峰|河|江|湖|海|湾|岛|峡|谷|湿地|戈壁|林区|林场|草甸|滩)$/;

/**
 * Natural places that jieba knows as place names (科尔沁沙地, 松嫩平原, 大兴安岭, 阴山): a word tagged `ns`
 * that ends like a natural feature. The division index does not list them, and the model often cuts them
 * at the stem (科尔沁 | 沙地).
 */
export function naturalPlaces(ctx: RuleContext): Candidate[] {
  const out: Candidate[] = [];
  for (const t of ctx.tokens) {
    if (t.tag !== 'ns' || t.end - t.start < 3 || !NATURAL_END.test(t.word) || ctx.lex.nonEntities.has(t.word)) continue;
    if (ctx.places?.isDivision(t.word)) continue;
    out.push({ start: t.start, end: t.end, kind: 'PLACE', priority: 3, rule: 'place:natural' });
  }
  return out;
}

/** A count of two or more villages or townships closing a list (三个自然村, 两个嘎查, 4个社区), not part of a larger number. */
const COUNTED_KIND = /(?<![0-9一二两三四五六七八九十百千])([二两三四五六七八九十]|[2-9])个(自然村|行政村|村民小组|嘎查|社区|苏木|村|乡镇|镇|乡)/g;
const HAN_COUNT: Readonly<Record<string, number>> = { 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
/** The words before a list's first item, up to the last character that ends them (…的A、B和C三个村, 走访了A、B两个村). */
const BEFORE_LIST = /^.*[的了在到和与及是为对把被从向由将等里]/;

/**
 * The items of a list that a count of villages or townships closes, when the count is the number of items
 * (A、B和C三个自然村): each item is a place of that kind (`place:counted`), however it is written — such lists
 * name natural villages the index does not hold, which the model reads as people. Items are two to six Han
 * characters; the first starts after the words before the list.
 */
export function countedPlaces(ctx: RuleContext): Candidate[] {
  const { text } = ctx;
  const out: Candidate[] = [];
  // Every count holds 个: without it the regex (and its copy for matchAll) is not run.
  if (!text.includes('个')) return out;
  for (const m of text.matchAll(COUNTED_KIND)) {
    const n = HAN_COUNT[m[1]!] ?? Number(m[1]);
    // The clause before the count, split into items at 、 and, before the last, at 和 / 及 / 与.
    let from = m.index;
    while (from > 0 && m.index - from < 8 * n && (isHanAt(text, from - 1) || text[from - 1] === '、')) from--;
    const parts = text.slice(from, m.index).split('、');
    const lastSplit = /^(.+)[和及与]([^和及与]+)$/.exec(parts[parts.length - 1]!);
    if (lastSplit) parts.splice(parts.length - 1, 1, lastSplit[1]!, lastSplit[2]!);
    if (parts.length !== n) continue;
    const start = from + (BEFORE_LIST.exec(parts[0]!)?.[0].length ?? 0);
    parts[0] = text.slice(start, from + parts[0]!.length);
    if (parts.some((x) => x.length < 2 || x.length > 6 || [...x].some((c) => !isHan(c)))) continue;
    // The first item must start a word.
    const t = tokenAt(ctx, start);
    if (t && t.start !== start) continue;
    let at = start;
    for (const x of parts) {
      at = text.indexOf(x, at);
      out.push({ start: at, end: at + x.length, kind: 'PLACE', priority: 3, rule: 'place:counted' });
      at += x.length;
    }
  }
  return out;
}

/** A road, railway or line between two places: X至Y(的)(新)公路. */
const ROUTE = /至([\u4e00-\u9fff]{2,6}?)(?:的)?(?:新)?(?:高速公路|公路|铁路|高速|道路|通道|客运专线)/gu;

/**
 * The two ends of a road between places (`修通了一条X至Y的新公路`): each a run of two to six characters, the first
 * after a number, verb or preposition, the second up to the road; neither holding a function word.
 */
export function routePlaces(ctx: RuleContext): Candidate[] {
  const { text } = ctx;
  const out: Candidate[] = [];
  // Every route holds 至.
  if (!text.includes('至')) return out;
  for (const m of text.matchAll(ROUTE)) {
    const to = m.index;
    let from = to;
    while (from > 0 && to - from < 6 && isHanAt(text, from - 1)) {
      const t = tokenAt(ctx, from - 1);
      if (t && isFunctionTag(t.tag)) break; // 一条, 修通了, 从
      from = t ? Math.min(from - 1, t.start) : from - 1;
    }
    const second = { start: to + 1, end: to + 1 + m[1]!.length };
    // 至 is a word of its own, or inside a word jieba does not know (花至查/x in a run of transliterations).
    const link = tokenAt(ctx, to);
    if (link && link.end - link.start > 1 && link.tag !== 'x') continue;
    if (to - from < 2 || to - from > 6 || !wholeWords(ctx, from, to, link) || !wholeWords(ctx, second.start, second.end, link)) continue;
    if (hasFunctionWordInside(ctx, second.start, second.end)) continue;
    out.push({ start: from, end: to, kind: 'PLACE', priority: 3, rule: 'place:route' });
    out.push({ ...second, kind: 'PLACE', priority: 3, rule: 'place:route' });
  }
  return out;
}

/** Whether [start, end) begins and ends at word boundaries (or inside the word `except`). */
function wholeWords(ctx: RuleContext, start: number, end: number, except?: { start: number; end: number }): boolean {
  const a = tokenAt(ctx, start);
  const b = tokenAt(ctx, end - 1);
  return (!a || a.start === start || a === except) && (!b || b.end === end || b === except);
}

/** Level suffixes a city's or county's short name leaves off (大冶市 → 大冶). */
const SHORTENED_LEVEL = /^(.{2,})(市|县|旗|盟|区)$/;
/** Characters that, right after a short name, make it part of a longer name (大冶湖, 杭州湾 are other places). */
const LONGER_NAME_NEXT = /^[市县旗区盟州省镇乡村湖山河江湾岛路街]/;

/**
 * Short names of cities and counties the text names in full (大冶市 … 大冶通过…): the stem, where jieba reads it as a
 * word of its own, is that place (`place:short`, canonical the full name).
 */
export function shortPlaceNames(ctx: RuleContext, places: readonly Candidate[]): Candidate[] {
  const { text } = ctx;
  const out: Candidate[] = [];
  const done = new Set<string>();
  for (const p of places) {
    if (p.priority < 4) continue;
    const full = p.canonical ?? text.slice(p.start, p.end);
    const m = SHORTENED_LEVEL.exec(full);
    if (!m || done.has(full) || !ctx.places?.isDivision(full)) continue;
    done.add(full);
    const stem = m[1]!;
    for (let at = text.indexOf(stem); at >= 0; at = text.indexOf(stem, at + 1)) {
      const end = at + stem.length;
      const first = tokenAt(ctx, at);
      const last = tokenAt(ctx, end - 1);
      if (!first || first.start !== at || !last || last.end !== end || LONGER_NAME_NEXT.test(text.slice(end, end + 1))) continue;
      out.push({ start: at, end, kind: 'PLACE', canonical: full, priority: 2, rule: 'place:short' });
    }
  }
  return out;
}

/** The full name of a division named in full or by its short name (遂宁 → 遂宁市), by the index; undefined otherwise. */
export function divisionFullName(ctx: RuleContext, name: string): string | undefined {
  return ctx.places?.isDivision(name) ? name : ctx.places?.expandShortName(name);
}

/** The last character of a division's name at every level (省, 自治区, 市, 盟, 州, 县, 旗, 区, 镇, 乡, 苏木, 嘎查, 村). */
const LEVEL_LAST = new Set([...'省区市盟州县旗镇乡木查村']);

/**
 * A rule's place or organization whose name opens with a division the index does not know, where one or two
 * characters before it make one it knows (和林格尔县 read from 林格尔县, the 和 taken for "and"; 以 + 西尼乌素嘎查):
 * it starts there. PD dev and the genre set no case; 85 fresh genre pages 2, both right (3 Dec 2026).
 */
export function withKnownDivisionStart(ctx: RuleContext, c: Candidate): Candidate {
  const { text, places } = ctx;
  if (!places || c.canonical || (c.kind !== 'PLACE' && c.kind !== 'ORGANIZATION')) return c;
  for (let e = c.start + 2; e <= c.end; e++) {
    // Only a name ending like a division can be one (the index decides).
    if (!LEVEL_LAST.has(text[e - 1]!)) continue;
    if (places.isDivision(text.slice(c.start, e))) return c;
    for (let k = 1; k <= 2 && c.start - k >= 0 && isHanAt(text, c.start - k); k++)
      if (places.isDivision(text.slice(c.start - k, e))) return { ...c, start: c.start - k };
  }
  return c;
}

/** A dateline's date: 8月4日电 (the place stands right before it). */
const DATELINE_DATE = /\d{1,2}月\d{1,2}日电/g;
/** What may stand before a dateline's place at the start of its line: an opening bracket, 本报 (this paper). */
const DATELINE_OPENING = /(?:^|[\n\r\u2028\u2029])[ \t\u3000（(]*(?:本报)?$/;

/**
 * The place of a dateline that opens a line without an outlet before it, or with 本报 (巴彦淖尔8月4日电, 本报郑州6月1日电;
 * a page that dropped its agency's name): a division's full or short name (the index's), then the date and 电.
 */
export function datelinePlaces(ctx: RuleContext): Candidate[] {
  const { text } = ctx;
  const out: Candidate[] = [];
  // Every dateline's date ends in 日电.
  if (!ctx.places || !text.includes('日电')) return out;
  for (const m of text.matchAll(DATELINE_DATE)) {
    const end = m.index;
    let start = end;
    while (start > 0 && end - start < 10 && isHanAt(text, start - 1)) start--;
    // The run may open with 本报: the place is the rest of it.
    if (text.startsWith('本报', start)) start += 2;
    const name = text.slice(start, end);
    if (name.length < 2 || name.length > 8 || !DATELINE_OPENING.test(text.slice(Math.max(0, start - 8), start))) continue;
    const full = divisionFullName(ctx, name);
    if (full) out.push({ start, end, kind: 'PLACE', priority: 4, rule: 'place:dateline', ...(full !== name ? { canonical: full } : {}) });
  }
  return out;
}

/** placeCandidates' links: `l` joins `links` (and `endsAt`, the longest link ending at each position) unless it is a generic term. */
function addLink(text: string, lex: Lexicons, links: Link[], endsAt: Map<number, Link>, l: Link): void {
  const name = text.slice(l.start, l.end);
  if (lex.nonEntities.has(name) && !namedVillage(text, endsAt, l)) return;
  links.push(l);
  const prev = endsAt.get(l.end);
  if (!prev || prev.end - prev.start < l.end - l.start) endsAt.set(l.end, l);
}

/**
 * A kind of village (中心村) right after its township, in the index under that name, is that village's name
 * (X乡中心村), where alone it is a kind (建设中心村).
 */
function namedVillage(text: string, endsAt: ReadonlyMap<number, Link>, l: Link): boolean {
  const prev = endsAt.get(l.start);
  return l.rule === 'place:chain' && l.priority === 4 && prev !== undefined && /(乡|镇|苏木)$/.test(text.slice(prev.start, prev.end));
}

export function placeCandidates(ctx: RuleContext): Candidate[] {
  const { text, lex, places } = ctx;
  const links: Link[] = [];
  const endsAt = new Map<number, Link>();

  for (let i = 0; i < text.length; i++) {
    // Abbreviations and suffix-less names of the lexicon.
    const al = lex.abbreviationList.longestAt(text, i);
    if (al > 0) {
      const full = lex.abbreviations.get(text.slice(i, i + al))!;
      addLink(text, lex, links, endsAt, {
        start: i,
        end: i + al,
        ...(full !== text.slice(i, i + al) ? { canonical: full } : {}),
        priority: 4,
        rule: 'place:abbreviation',
      });
    }
    const pl = lex.placeList.longestAt(text, i);
    if (pl > 0 && !lex.placeSuffixes.longestAt(text, i + pl)) {
      const t = tokenAt(ctx, i);
      if (!t || t.start === i) {
        const full = lex.places.get(text.slice(i, i + pl))!;
        addLink(text, lex, links, endsAt, {
          start: i,
          end: i + pl,
          ...(full !== text.slice(i, i + pl) ? { canonical: full } : {}),
          priority: 3,
          rule: 'place:known',
        });
      }
    }
    const prov = i > 0 && TRAVEL_CODES[text.charCodeAt(i - 1)] === 1 ? lex.provinceAbbreviations.get(text[i]!) : undefined;
    if (prov && i > 0 && TRAVEL.has(text[i - 1]!)) {
      const t = tokenAt(ctx, i);
      if (!t || t.end - t.start === 1) addLink(text, lex, links, endsAt, { start: i, end: i + 1, canonical: prov, priority: 3, rule: 'place:province' });
    }

    // A prefecture called 地区 (X地区 in the index at prefecture level): 地区 alone is a generic word (西北地区),
    // and People's Daily marks the stem of regions no longer so named (X地区 of 1998), so only the index's.
    if (places && text.startsWith('地区', i)) {
      for (let len = 4; len >= 2; len--) {
        const s = i - len;
        if (s < 0 || hasHardBreak(ctx, s, i, true)) continue;
        const t = tokenAt(ctx, s);
        if (t && t.start < s) continue;
        if (places.isPrefecture(text.slice(s, i + 2))) {
          addLink(text, lex, links, endsAt, { start: s, end: i + 2, priority: 4, rule: 'place:division' });
          break;
        }
      }
    }

    // Suffix chains.
    const sl = lex.placeSuffixes.longestAt(text, i);
    if (sl === 0) continue;
    if (sl < 4 && BLOCKER_LIST.longestAt(text, i) > 0) continue; // 村民小组 is a suffix
    const end = i + sl;
    // 1. The longest stem that makes a division's name, or a known abbreviation.
    let found: Link | undefined;
    const levelWord = tokenAt(ctx, i);
    const villageWord = levelWord !== undefined && levelWord.start === i - 1 && levelWord.end === end && VILLAGE_WORDS.has(levelWord.word);
    for (let len = MAX_STEM; len >= 1 && !found; len--) {
      const s = i - len;
      if (s < 0 || hasHardBreak(ctx, s, i, true)) continue;
      const t = tokenAt(ctx, s);
      // A word jieba knows as a proper noun running in from before the stem (大力发展/nz 村) opens no name there.
      const atWordStart = !t || t.start >= s || ctx.gaps.has(s) || (isNameLikeTag(t.tag) && t.tag !== 'nz');
      const single = tokenAt(ctx, s);
      // 示范村, 自然村, 行政村: a common two-character word before 村/区/乡 names a kind of village.
      const commonWord =
        len === 2 &&
        single !== undefined &&
        single.start === s &&
        single.end === i &&
        GENERIC_STEM_SUFFIX.has(text.slice(i, end)) &&
        !isNameLikeTag(single.tag);
      const whole = tokenAt(ctx, s);
      // 自然村, 行政村 as one common word; counties and cities jieba calls nouns (东胜区/n) stay names.
      const commonNoun = whole !== undefined && whole.start === s && whole.end === end && !isNameLikeTag(whole.tag) && LOCAL_SUFFIX.has(text.slice(i, end));
      // The name (text.slice(s, end)) is made only where it is looked up.
      if (len >= 2 && atWordStart && !commonWord && !commonNoun && !villageWord && !STOP_CHARS.has(text[s]!) && places?.isDivision(text.slice(s, end)))
        found = { start: s, end, priority: 4, rule: 'place:division' };
      else if (len <= 3) {
        const full = places?.expandAbbreviation(text.slice(s, end));
        if (full) found = { start: s, end, canonical: full, priority: 4, rule: 'place:abbreviation' };
      }
    }
    // 2. Continuing a chain: the stem runs from the end of the previous link (unless the index knows a
    //    longer name reaching over that link: 广西|壮族自治区 is 广西壮族自治区).
    if (!found || found.start > i - 2) {
      for (let pe = i - 1; pe >= Math.max(0, i - MAX_STEM); pe--) {
        const prev = endsAt.get(pe);
        if (!prev) continue;
        // A link ending right before the suffix (杨家村 + 任 + 村党支部) leaves no stem, and a stem is never read
        // back over it to an earlier link (糜镇杨家村任 + 村).
        if (i - pe < 2 || hasHardBreak(ctx, pe, i, true)) break;
        if (found && found.start <= pe) break;
        const name = text.slice(pe, end);
        const stem = text.slice(pe, i);
        if (places?.isDivision(name)) found = { start: pe, end, priority: 4, rule: 'place:chain' };
        else if (![...stem].some((c) => STOP_CHARS.has(c)) && nameLikeStem(ctx, pe, i)) found = { start: pe, end, priority: 3, rule: 'place:chain' };
        break;
      }
    }
    // 3. A name-like stem found by scanning left (not for 街道/社区, whose names the index knows).
    if (!found && FREE_SUFFIXES.has(text.slice(i, end))) {
      let s = scanStemStart(ctx, i, MAX_FREE_STEM);
      // A place already found inside the scanned stem ends it (杨家村 + 任 + 村党支部: 任 serves as, and 任 alone is
      // no name); the stem does not run back over it (糜镇杨家村任村).
      for (const l of links) if (l.end > s && l.end <= i) s = l.end;
      // A term jieba knows as a proper noun (大力发展/nz) in the stem makes it no name either.
      let isTerm = false;
      for (let k = s; k < i && !isTerm; k++) isTerm = isKnownTerm(tokenAt(ctx, k), 4);
      if (i - s >= 2 && !isTerm && nameLikeStem(ctx, s, i) && hasNameWord(ctx, s, i) && suffixClosesName(ctx, s, i, end))
        found = { start: s, end, priority: 3, rule: 'place:suffix' };
    }
    // 4. A township of a people (X鄂温克民族乡, X满族乡, X蒙古族苏木): the name, the people, then 民族 or 族.
    if (!found && TOWNSHIP_SUFFIXES.has(text.slice(i, end))) {
      const s = peopleTownshipStart(ctx, i);
      if (s >= 0) found = { start: s, end, priority: 3, rule: 'place:suffix' };
    }
    if (!found && ZONE_SUFFIXES.has(text.slice(i, end))) {
      const s = zoneStemStart(ctx, scanStemStart(ctx, i, MAX_FREE_STEM), i);
      if (i - s >= 2) found = { start: s, end, priority: 3, rule: 'place:zone' };
    }
    if (found) addLink(text, lex, links, endsAt, found);
    i = end - 1;
  }
  const natural = naturalPlaces(ctx).filter((n) => !links.some((l) => l.start < n.end && n.start < l.end));
  const counted = countedPlaces(ctx).filter((n) => !links.some((l) => l.start < n.end && n.start < l.end));
  const routes = routePlaces(ctx).filter((n) => !links.some((l) => l.start < n.end && n.start < l.end));
  return dedupe([
    ...links.map((l) => ({
      start: l.start,
      end: l.end,
      kind: 'PLACE' as const,
      priority: l.priority,
      rule: l.rule,
      ...(l.canonical ? { canonical: l.canonical } : {}),
    })),
    ...natural,
    ...counted,
    ...routes,
  ]);
}
