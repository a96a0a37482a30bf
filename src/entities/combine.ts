/**
 * How model spans and rule candidates become one list of mentions:
 *   1. generic nouns (党员, 群众, 嘎查村 …) are dropped, whoever proposed them;
 *   2. candidates are taken greedily by priority (rules that know better: titles, suffix chains, organization
 *      suffixes, then the model), then by length, then by position; a candidate overlapping one already
 *      taken is dropped, so mentions never overlap;
 *   3. a person's or program's name found by a rule is that entity wherever else it occurs in the text.
 */
import type { Mention, Token } from '../types.js';
import { firstUnits } from '../text/units.js';
import { DIVISION_NAME_END } from '../lexicon/divisions.js';
import { bracketsBalanced, FOUNDING_VERBS, isNameLikeTag, quotedPhrases, type Candidate } from './rules/context.js';
import { flatCut, flatDrops } from './flat.js';
import { listedPersons } from './listed.js';

/** Priority of the model's spans: below every rule. */
export const MODEL_PRIORITY = 1;

/** Passive and election verbs: a model span holding one runs a clause together (dev: no gold name holds one). */
const CHOSEN = /被|当选|选为|评为/;
/** The post that ends a model "organization" (X委常委). */
const POST_END = /常委$/;
/** The level that ends a division's full name, after its stem. */
const DIVISION_LEVEL = /(镇|乡|苏木|嘎查|旗|县)$/;
/** A level right after a stem. */
const LEVEL_AFTER = /^(镇|乡|苏木|嘎查|村|旗|县|市|区|盟|社区|街道)/;
/** The shortest stem that recurs alone (two-character stems are often words: 东风, 红旗). */
const MIN_STEM = 3;
const HAN_ONLY = /^[\u4e00-\u9fff]+$/;
/** A place's name ending in 驻 + a level, and the posts and teams stationed at that level (驻村第一书记). */
const STATIONED_LEVEL = /.驻(村|嘎查|社区)$/;
const STATIONED_POST = /^(第一书记|书记|工作队|干部|队员|帮扶|扶贫|工作)/;
/** Levels a post is named after (村党支部书记, 镇长). */
const SERVE_LEVEL = /[村镇乡县]/;
/**
 * A character no person's name holds: 不 (not), as in a question of the form A不A after a title (村民 + 富不富, are the
 * villagers rich or not). PD dev and the genre set have no gold person with it; 35 fresh genre pages one such reading.
 */
const NOT_IN_NAMES = /不/;
/**
 * Adverbs that follow a name and never end one (某某很是得意, 某某便和, 某某边走边问, 某某凑在耳边), and 率 (leads: 某某率团):
 * a person's reading of three characters or more that ends in one ends before it. Adverbs: PD dev 0 right / 1 wrong, the
 * genre set none, 85 fresh genre pages 4 wrong; names ending in 才, 正 or 曾 are common on dev and stay. 率: MSRA and
 * dev gold end none of their 16,487 names in it and follow one with it 43 times; fresh genre pages 1 wrong (3 Dec 2026).
 */
const NEVER_ENDS_NAME = /[很便凑边都也就还又却率]$/;
/** A title of praise, not a name: the first village or town of a trade (苹果第一村, 花生第一镇). */
const FIRST_OF_KIND = /第一(村|镇|乡|县|旗|嘎查|苏木)$/;
/**
 * A compass direction, alone or with 部/侧/面/边 (西南, 东北部), or after 城 (the town's 东北). After a place (苏尼特右旗西南,
 * X市区西南, 多伦县城东北) it says where something lies from that place, and is no place of its own; elsewhere it names a
 * region (西南地区, 东北大部), as People's Daily marks it. PD dev 0 right / 3 wrong after a place (34 right elsewhere);
 * genre set none; 30 fresh genre pages 0 / 4 (3 Dec 2026).
 */
const DIRECTION = /^城?[东西南北]{1,2}[部侧面边]?$/;
/**
 * Meetings and events (推介会, 座谈会, 发布会 …) are no organizations, though they end in 会 as associations do: People's
 * Daily marks none (0 of 58 on dev, 0 of 369 on MSRA train), the genre gold none; 30 fresh genre pages 1 read as a body.
 */
const EVENT_END =
  /(推介会|座谈会|签约会|发布会|洽谈会|研讨会|交流会|见面会|报告会|动员会|推进会|现场会|表彰会|联欢会|茶话会|恳谈会|说明会|招待会|纪念会|演唱会|音乐会)$/;
/** Line and paragraph breaks, which no name runs over. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** Punctuation a name never starts or ends with (大河报· is 大河报). */
const EDGE_PUNCT = /[·•、，,。.；;：:！!？?\-—–_|丨/\\《》“”"'‘’\s]/;

/**
 * The model's spans as candidates, edge punctuation trimmed; spans holding a verb of being chosen (被, 当选, 选为,
 * 评为) are dropped. Given the text and its tokens, the name of a people before 族 is dropped (see nameOfAPeople).
 */
export function modelCandidates(spans: readonly Mention[], context?: { text: string; tokens: readonly Token[] }): Candidate[] {
  const out: Candidate[] = [];
  for (const m of spans) {
    if (context && nameOfAPeople(context.text, m, context.tokens)) continue;
    // A verb of being chosen inside the span (某某被选为嘎查党支部) is a clause, not a name.
    if (CHOSEN.test(m.text)) continue;
    // A member of a committee's standing committee (县委常委、副县长某某) is a post, not a body: PD dev 0 right / 1
    // wrong, genre none, 15 fresh pages of the genre 0 / 3 (3 Dec 2026).
    if (m.kind === 'ORGANIZATION' && POST_END.test(m.text)) continue;
    if (context && startsInsideCommonWord(context.tokens, m)) continue;
    // m.text is text.slice(m.start, m.end): trimming it trims the span.
    let { start, end } = m;
    for (let i = 0; i < m.text.length && start < end && EDGE_PUNCT.test(m.text[i]!); i++) start++;
    for (let i = m.text.length - 1; i >= 0 && end > start && EDGE_PUNCT.test(m.text[i]!); i--) end--;
    // 清河县城: the model ran a division on into a word for its seat or its streets (县城, 市区).
    if (context && m.kind === 'PLACE' && end - start >= 4 && LEVEL_AREA.has(context.text.slice(end - 2, end))) end--;
    // 孙某 + 出席: the model ran a person's name into the first character of a verb jieba reads whole.
    if (context && m.kind === 'PERSON') {
      const t = tokenCovering(context.tokens, end - 1);
      if (t && t.start - start >= 2 && t.start < end && t.end > end && t.end - t.start >= 2 && /^v/.test(t.tag)) end = t.start;
    }
    if (end <= start) continue;
    out.push({
      start,
      end,
      kind: m.kind,
      priority: MODEL_PRIORITY,
      rule: 'model',
      ...(m.canonical ? { canonical: m.canonical } : {}),
      ...(m.score !== undefined ? { score: m.score } : {}),
    });
  }
  return out;
}

/**
 * A model reading that is the name of a people inside the word for it (蒙古 in 蒙古族, 维吾尔 in 维吾尔族, one
 * jieba word): a people, not a place or a person. 族自治 (鄂温克族自治旗) is a place's name and stays. Not
 * 民族: People's Daily marks 中华 in 中华民族 as a place, and its dev set pays for that reading.
 */
export function nameOfAPeople(text: string, c: Pick<Mention, 'start' | 'end' | 'kind'>, tokens: readonly Token[]): boolean {
  if (c.kind !== 'PERSON' && c.kind !== 'PLACE') return false;
  if (text[c.end] !== '族' || text.startsWith('自治', c.end + 1)) return false;
  // The people's name and 族 make one word for jieba (蒙古族, 维吾尔族).
  const t = tokenCovering(tokens, c.start);
  return t !== undefined && t.start === c.start && t.end === c.end + 1;
}

/**
 * A place or organization the model starts inside a common word of jieba's and runs on past it (深化改革 +
 * 委员会 read as 化改革委员会, 乡镇 + 卫生院 as 镇卫生院): the word's first part is lost, so the span is no name.
 * Words jieba reads as names or did not know (isNameLikeTag: 北京人民大会堂/nt holds 人民大会堂, 由美中/x is a
 * name glued to a preposition) stay open to the model. Counts of the model's decisions this drops
 * (1 Dec 2026): PD dev 0 right, 4 wrong; genre 0 right, 1 wrong.
 */
function startsInsideCommonWord(tokens: readonly Token[], m: Pick<Mention, 'start' | 'end' | 'kind'>): boolean {
  if (m.kind !== 'PLACE' && m.kind !== 'ORGANIZATION') return false;
  const t = tokenCovering(tokens, m.start);
  return t !== undefined && t.start < m.start && t.end < m.end && !isNameLikeTag(t.tag);
}

function tokenCovering(tokens: readonly Token[], at: number): Token | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid]!;
    if (t.end <= at) lo = mid + 1;
    else if (t.start > at) hi = mid - 1;
    else return t;
  }
  return undefined;
}

/** Longest quoted phrase read as a slogan or figure of speech (“东方威尼斯”, “北大门”, “塞上江南”). */
const MAX_FIGURE = 8;

/**
 * The model's names of two characters or more that stand inside a short quoted phrase without being all of it
 * (“X硅谷”, “北大门”), where the text never uses them outside such a phrase: slogans, metaphors and nicknames
 * name things figuratively. Rules' names stay, and so do one-character abbreviations (“港人治港”: People's
 * Daily marks them) and names in cups and awards. Counts of the model's decisions this drops (1 Dec 2026):
 * PD dev 7 right, 5 wrong; genre 0 right, 12 wrong.
 */
function figurative(text: string, chosen: readonly Candidate[]): Candidate[] {
  const models = chosen.filter((c) => c.rule === 'model' && c.end - c.start >= 2);
  if (models.length === 0) return [];
  const phrases = quotedPhrases(text, MAX_FIGURE);
  if (phrases.length === 0) return [];
  return models.filter((c) => {
    const p = phraseAround(phrases, c.start, c.end);
    // Cups and awards are named after real people and places (“X杯”, “国际X奖”).
    if (!p || (p[0] === c.start && p[1] === c.end) || /[杯奖]$/.test(text.slice(p[0], p[1]))) return false;
    const name = text.slice(c.start, c.end);
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) if (!phraseAround(phrases, at, at + name.length)) return false;
    return true;
  });
}

/** The first of `phrases` ([start, end) pairs) that holds [s, e). */
function phraseAround(phrases: ReadonlyArray<readonly [number, number]>, s: number, e: number): readonly [number, number] | undefined {
  for (const p of phrases) if (p[0] <= s && e <= p[1]) return p;
  return undefined;
}

/** A model span's posterior from which it prevails over a title's or a suffix's reading (see overruled). */
export const SURE_SPAN = 0.95;

/** The rules a sure model span overrules: the two that otherwise outrank it most (priority 5). */
export const OVERRULED_RULES: ReadonlySet<string> = new Set(['org:suffix', 'person:title']);

type Reading = Pick<Mention, 'start' | 'end' | 'kind'>;

/** Whether two readings overlap without being the same reading (span and kind). */
function contradicts(a: Reading, b: Reading): boolean {
  return a.start < b.end && b.start < a.end && (a.start !== b.start || a.end !== b.end || a.kind !== b.kind);
}

/** Whether rule candidate `r` contradicts model span `m`, `r` being one a sure span overrules. */
export function disputes(r: Candidate, m: Reading): boolean {
  return OVERRULED_RULES.has(r.rule) && contradicts(r, m);
}

/**
 * A government the suffix rule reads (X省人民政府, X镇政府) where the model is sure only of the place that opens it:
 * the body stands. People's Daily dev has no such dispute with the model of 4 Dec 2026; on the fresh genre pages
 * the model's sure place took two governments (`X市人民政府`, `X镇人民政府`), which the genre reads as bodies.
 */
function governmentOfPlace(r: Candidate, m: Candidate, text: string): boolean {
  return r.rule === 'org:suffix' && m.kind === 'PLACE' && m.start === r.start && m.end < r.end && text.endsWith('政府', r.end);
}

/**
 * The title and suffix readings that a model span of posterior ≥ SURE_SPAN contradicts, where they are the only
 * rules it contradicts (a bare lexicon name inside it aside), a government aside (governmentOfPlace). The suffix rule
 * reads a body where the model, sure of itself, reads the place or person that opens it (河东省 + 文化厅, a person +
 * 反革命集团), the body without what the rule glued to it (X人大常委会 + 对 + 县人民法院), or more of the body (a bank +
 * its branch); the title rule a name the model reads otherwise. Counts of the disputes (3 Dec 2026, recognize's
 * candidates): PD dev, suffix 19 model right / 1 rule right, title 2 / 0; genre none at this posterior. From 0.8 to
 * 0.95 the rules keep them (suffix: dev 3 / 1, genre 0 / 3); the other rules (a division, a natural place …) cost the
 * genre set when overruled.
 */
function overruled(valid: readonly Candidate[], text: string): Set<Candidate> {
  const out = new Set<Candidate>();
  for (const m of valid) {
    if (m.rule !== 'model' || m.score === undefined || m.score < SURE_SPAN) continue;
    const against = valid.filter((r) => r.priority > MODEL_PRIORITY && contradicts(r, m) && !governmentOfPlace(r, m, text));
    if (!against.some((r) => OVERRULED_RULES.has(r.rule))) continue;
    if (!against.every((r) => OVERRULED_RULES.has(r.rule) || (BARE.has(r.rule) && m.start <= r.start && r.end <= m.end))) continue;
    for (const r of against) if (OVERRULED_RULES.has(r.rule)) out.add(r);
  }
  return out;
}

export interface CombineOptions {
  /**
   * Also report the place that opens an organization's name (十里铺村 in 十里铺村党支部) as a mention of its
   * own, overlapping the organization (default true). The graph needs both; flat corpora do not.
   */
  nested?: boolean;
  /** Keep on each mention the rule that proposed it (`rule`: 'model', 'person:title', 'repeat' …). */
  withRules?: boolean;
  /**
   * Whether a string could be a person's name of Mongolian name elements (乌力吉): a division's stem that could
   * does not take over the model's reading of a person. Without it every stem may.
   */
  personName?: (name: string) => boolean;
  /** Read the inner items of lists of people as people (./listed.ts; default true: a rule, off for the model alone). */
  lists?: boolean;
}

/** A mention with the rule that proposed it (combine's `withRules`). */
export type RuledMention = Mention & { rule?: string };

/** Rules that describe a piece of a name and yield to a longer model reading of the whole. */
const PARTIAL = new Set([
  'place:known',
  'place:short',
  'place:division',
  'place:abbreviation',
  'place:chain',
  'place:suffix',
  'place:province',
  'place:natural',
  'org:known',
  'org:suffix',
  'person:dictionary',
  'person:title',
]);
/** Bare lexicon names (中国, 香港, 国务院): inside any longer model span they are part of another name. */
const BARE = new Set(['place:known', 'place:short', 'org:known', 'person:dictionary']);
/**
 * Last characters of organization names: a model span that runs an organization on past its suffix must end like one.
 * 系, 庭 and 科 (a college's department, a court's chamber, a section) added 4 Dec 2026: PD dev +2 right, −2 wrong
 * (X学院 + Y系, X法院 + Y庭 read whole, as the model did), genre set and the 150 fresh pages unchanged.
 */
const ORG_END = /(部|委|会|局|厅|院|所|处|办|室|站|队|社|组|系|庭|科|中心|公司|集团|银行|学校|大学|学院|医院|报|台|团|军|厂|店|馆|联合体|支部|总支)$/;
/**
 * Last characters of a department's name: a model body that is a suffix body and a department after it (湖北美术学院 +
 * 中国画系) is one name, not two bodies written together. PD dev +1 right, −2 wrong; genre and fresh unchanged (4 Dec 2026).
 */
const DEPARTMENT_END = /[系庭科室]$/;
/** A division's last character and the one after it that make a word for its seat or streets (县城, 市区). */
const LEVEL_AREA = new Set(['县城', '市区', '城区', '镇区', '旗里', '镇上', '村里', '乡里']);

/** Whether [start, end) is exactly a chain of `pieces` (rule places: 河南省, 河南省社旗县; rule bodies: X市人民政府 + Y公司). */
function coveredBy(start: number, end: number, pieces: readonly Candidate[]): boolean {
  let at = start;
  while (at < end) {
    let next = -1;
    for (const p of pieces) if (p.start === at && p.end <= end && p.end > next) next = p.end;
    if (next < 0) return false;
    at = next;
  }
  return true;
}

/**
 * Whether rule candidate `c`, strictly inside model span `m`, gives way to it. The model read the whole
 * name where the rule saw a piece: 湖北省 in 湖北省博物馆, 国务院 in 国务院新闻办公室 (an organization that does
 * not end like a place), 德庆县 in 堆龙德庆县, 江西省 in 江西省军区 (a longer place holding no other place).
 * A model span that merely runs a chain of places together (巴彦花镇宝山村) does not win.
 */
function yieldsToModel(c: Candidate, m: Candidate, text: string, rulePlaces: readonly Candidate[], ruleBodies: readonly Candidate[] = []): boolean {
  if (!PARTIAL.has(c.rule)) return false;
  // 张掖 + 甘州: a model place that is exactly two or more places the text names in full elsewhere, run together.
  if (
    m.kind === 'PLACE' &&
    c.rule === 'place:short' &&
    coveredBy(m.start, m.end, rulePlaces) &&
    !rulePlaces.some((p) => p.start === m.start && p.end === m.end)
  )
    return false;
  if (BARE.has(c.rule)) return true;
  if (m.kind === 'ORGANIZATION') {
    const name = text.slice(m.start, m.end);
    // 河南省 + 社旗县人民法院: a body named after a place, preceded by the places above it, is the body; the
    // places before it are where it lies, not part of its name.
    if (c.rule === 'org:suffix' && m.start < c.start && coveredBy(m.start, c.start, rulePlaces)) return false;
    // X市人民政府 + Y集团公司: a model body that is exactly two suffix bodies written together (an agreement's parties) is
    // those two.
    // A department after its body (X学院 + Y系, X法院 + Y庭) is one name with it, though the suffix rule reads both.
    if (c.rule === 'org:suffix' && coveredBy(m.start, m.end, ruleBodies) && !DEPARTMENT_END.test(name)) return false;
    // 自治区党委 + 决策部署: a suffix rule's organization does not yield to a span that goes on into common words.
    if (c.rule === 'org:suffix' && m.end > c.end && !ORG_END.test(name)) return false;
    // 红柳沟村党支部 + 领办合作社: nor to one that goes on over a verb of founding into what the body runs.
    if (c.rule === 'org:suffix' && FOUNDING_VERBS.some((v) => text.startsWith(v, c.end))) return false;
    // A model "organization" that ends in a division's level is a place chain it misread.
    return !DIVISION_NAME_END.test(name);
  }
  // 秘书长杨世 + 和说: a title's name cut one character short where the model reads a given name of two (杨世和,
  // 赵启正: 和 and 正 also are function words, which the rule does not take inside a Han name).
  if (c.rule === 'person:title') return m.kind === 'PERSON' && c.kind === 'PERSON' && m.start === c.start && m.end - c.end === 1 && m.end - m.start === 3;
  if (m.kind === 'PLACE' && c.kind === 'PLACE') {
    return !rulePlaces.some((p) => p !== c && p.start < m.end && p.end > m.start && (p.start < c.start || p.end > c.end));
  }
  return false;
}

/**
 * Whether `c` is a place a rule found inside one of the organizations `orgs` (十里铺村 in 十里铺村党支部): not a bare
 * province or lexicon name, which stand inside many bodies' names without naming where they are.
 */
function placeInside(c: Candidate, orgs: readonly Candidate[]): boolean {
  return (
    c.kind === 'PLACE' &&
    c.priority > MODEL_PRIORITY &&
    c.rule !== 'place:known' &&
    c.rule !== 'place:province' &&
    orgs.some((o) => o.start <= c.start && c.end < o.end)
  );
}

/** A party body named by its level alone (村党支部, 嘎查党组织). */
const GENERIC_BODY = /^(村|嘎查|社区|镇|乡|苏木)?(党支部|党总支|党组织|党委)$/;

/**
 * The animal or crop after a breed or variety (西门塔尔 + 肉牛, 赤霞珠 + 葡萄): with the generic term before it, a term
 * too, whatever kind the model or a rule gives it. 150 fresh genre pages: 2 wrong bodies fewer; PD dev and the genre
 * set unchanged (4 Dec 2026).
 */
const KIND_OF = /^(肉牛|母牛|奶牛|种牛|牛|肉羊|母羊|羊|生猪|猪|马|鸡|葡萄)$/;

/**
 * The non-entity terms of two characters or more, by the code of their first UTF-16 unit, with a flag per unit
 * that opens one (built once per set): the scan reads a table at each character and makes no string of it.
 */
const termsByFirst = new WeakMap<ReadonlySet<string>, { first: Uint8Array; words: Map<number, string[]> }>();

/**
 * Where the text holds a generic term of `nonEntities` ([start, end) pairs): a term is no entity, and neither is
 * a piece of it (the model's 楚 in 楚商, a merchants' group; 中心 in 中心村, a kind of village).
 */
function termSpans(text: string, nonEntities: ReadonlySet<string>): Array<[number, number]> {
  let index = termsByFirst.get(nonEntities);
  if (!index) {
    const terms = [...nonEntities].filter((w) => w.length >= 2);
    const byFirst = new Map<number, string[]>();
    for (const w of terms) {
      const c = w.charCodeAt(0);
      (byFirst.get(c) ?? byFirst.set(c, []).get(c)!).push(w);
    }
    index = { first: firstUnits(terms), words: byFirst };
    termsByFirst.set(nonEntities, index);
  }
  const out: Array<[number, number]> = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (index.first[c] !== 1) continue;
    const words = index.words.get(c);
    if (words) for (const w of words) if (text.startsWith(w, i)) out.push([i, i + w.length]);
  }
  return out;
}

/** Whether no unit of [s, e) is taken. */
function free(taken: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (taken[i]) return false;
  return true;
}

/**
 * Flat readings: whether `c` may be read where it stands, no unit of it taken and every quoted program over it (`holder`,
 * indices into `order` + 1) holding it as a place wholly inside, shorter than the program.
 */
function nests(c: Candidate, taken: Uint8Array, holder: Int32Array, order: readonly Candidate[]): boolean {
  for (let i = c.start; i < c.end; i++) {
    const q = holder[i]! > 0 ? order[holder[i]! - 1]! : undefined;
    if (taken[i] || (q && !(c.kind === 'PLACE' && inside(c, q)))) return false;
  }
  return true;
}

/** Flat readings: whether quoted program `q` may be read over what is chosen, only places wholly inside it. */
function holds(q: Candidate, holder: Int32Array, chosen: readonly Candidate[]): boolean {
  for (let i = q.start; i < q.end; i++) if (holder[i]) return false;
  return chosen.every((c) => c.end <= q.start || q.end <= c.start || (c.kind === 'PLACE' && inside(c, q)));
}

/** Whether span `c` lies strictly inside `m` (shorter, within its bounds). */
export function inside(c: { start: number; end: number }, m: { start: number; end: number }): boolean {
  return m.start <= c.start && c.end <= m.end && m.end - m.start > c.end - c.start;
}

/** 1 when a model span reads exactly `c`'s span as `c`'s kind (`modelKinds`: kinds by "start:end"), else 0. */
function sharedWithModel(modelKinds: ReadonlyMap<string, string>, c: Candidate): number {
  return modelKinds.get(`${c.start}:${c.end}`) === c.kind ? 1 : 0;
}

/**
 * Whether combine keeps candidate `c` (trimmed) for the choice: within the text, no generic term nor a piece of one,
 * and none of the readings below. `terms` are termSpans', `levelEnds` the ends of places at a level a post is
 * named after (with that level's character), `personNames` the names candidates read as persons.
 */
function kept(
  c: Candidate,
  text: string,
  candidates: readonly Candidate[],
  nonEntities: ReadonlySet<string>,
  terms: ReadonlyArray<readonly [number, number]>,
  levelEnds: ReadonlyMap<number, string>,
  personNames: ReadonlySet<string>,
  flat: boolean,
): boolean {
  if (!(c.start >= 0 && c.end <= text.length && c.end > c.start)) return false;
  const name = text.slice(c.start, c.end);
  return (
    !nonEntities.has(name) &&
    !(c.canonical && nonEntities.has(c.canonical)) &&
    !inTerm(terms, c) &&
    !opensWithTerm(terms, text, c) &&
    !namedWhole(candidates, c) &&
    !(flat && flatDrops(c, text, candidates)) &&
    !practice(text, name, c) &&
    !stationed(text, name, c) &&
    !serves(text, levelEnds, c) &&
    !relative(text, name, candidates, c) &&
    // <short name><officer title><person> reads the short name as a company (org:executive); where the text reads that
    // name as a person (欧阳莉副董事长…, 某某副总经理), it is the person's, not a company's. PD dev none; genre none;
    // 120 fresh genre pages 0 right / 2 wrong (3 Dec 2026).
    !(c.rule === 'org:executive' && personNames.has(name)) &&
    !(c.kind === 'ORGANIZATION' && EVENT_END.test(name)) &&
    !(c.kind === 'PLACE' && FIRST_OF_KIND.test(name)) &&
    !(c.kind === 'PERSON' && NOT_IN_NAMES.test(name)) &&
    // Half a bracketed phrase is never a name (dev 0 right / 13 wrong, all the model's; genre none), nor is
    // anything that runs over a line break (a title into the paragraph after it).
    bracketsBalanced(name) &&
    !LINE_BREAK.test(name)
  );
}

/** Whether `c` lies inside a generic term longer than it (`terms`: termSpans'). */
function inTerm(terms: ReadonlyArray<readonly [number, number]>, c: Candidate): boolean {
  for (const [s, e] of terms) if (s <= c.start && c.end <= e && e - s > c.end - c.start) return true;
  return false;
}

/**
 * A person's name never opens with a generic term (牧民 + 微信群里: a title and the group chat, not a name). PD dev
 * none either way; the genre set 0 right / 1 wrong, the 105 fresh pages 0 / 1 (with 微信 and 微信群 in the list).
 * Nor is a term and the animal or crop it is a kind of a name of any kind (KIND_OF: 西门塔尔 + 肉牛).
 */
function opensWithTerm(terms: ReadonlyArray<readonly [number, number]>, text: string, c: Candidate): boolean {
  for (const [s, e] of terms) if (s === c.start && e < c.end && (c.kind === 'PERSON' || KIND_OF.test(text.slice(e, c.end)))) return true;
  return false;
}

/**
 * A quoted phrase read as a program that the model reads, exactly, as a name (“四人帮”, a group; “七匹狼”牌, a company's
 * brand) is that name. PD dev +4 right; the genre set, the bundled page and the fresh pages none either way.
 */
function namedWhole(candidates: readonly Candidate[], c: Candidate): boolean {
  return c.rule === 'program:marked' && candidates.some((m) => m.rule === 'model' && m.kind !== 'PROGRAM' && m.start === c.start && m.end === c.end);
}

/** A body named by its level alone before a verb of founding (推行村党支部领办合作社) names a practice, not a body. */
function practice(text: string, name: string, c: Candidate): boolean {
  return c.kind === 'ORGANIZATION' && GENERIC_BODY.test(name) && FOUNDING_VERBS.some((v) => text.startsWith(v, c.end));
}

/**
 * 驻村 (stationed in a village) before the post or team it names (强驻村第一书记, 任驻嘎查第一书记): the level word is the
 * verb's object, not the end of a place's name.
 */
function stationed(text: string, name: string, c: Candidate): boolean {
  return c.kind === 'PLACE' && STATIONED_LEVEL.test(name) && STATIONED_POST.test(text.slice(c.end, c.end + 4));
}

/** 任 + the level of the place that ends right before it (see combine's `levelEnds`). */
function serves(text: string, levelEnds: ReadonlyMap<number, string>, c: Candidate): boolean {
  return text[c.start] === '任' && levelEnds.get(c.start) === text[c.start + 1];
}

/** A compass direction right after a place (DIRECTION), or after its seat or streets (市区, 县城: the level's own character ends the place). */
function relative(text: string, name: string, candidates: readonly Candidate[], c: Candidate): boolean {
  if (c.kind !== 'PLACE' || !DIRECTION.test(name)) return false;
  const area = LEVEL_AREA.has(text.slice(c.start - 2, c.start));
  return candidates.some((p) => p.kind === 'PLACE' && (p.end === c.start || (area && c.start - p.end <= 2 && c.start - p.end >= 1)));
}

export function combine(text: string, candidates: readonly Candidate[], nonEntities: ReadonlySet<string>, options: CombineOptions = {}): RuledMention[] {
  const terms = termSpans(text, nonEntities);
  // 任 (serve as) between a place and a post at the same level (杨家村 + 任 + 村党支部书记): 任村 is no village of the
  // village before it (a place never lies in one of its own level), so nothing starting there is a name (`serves`).
  const levelEnds = new Map<number, string>();
  for (const c of candidates) if (c.kind === 'PLACE' && SERVE_LEVEL.test(text.slice(c.end - 1, c.end))) levelEnds.set(c.end, text[c.end - 1]!);
  // The names the candidates read as persons (an executive's company of that name is no company: `kept`).
  const personNames = new Set(candidates.filter((p) => p.kind === 'PERSON').map((p) => text.slice(p.start, p.end)));
  const flat = options.nested === false;
  const trimmed = candidates.map((c): Candidate => {
    const cut = flat ? flatCut(c, text.slice(c.start, c.end)) : 0;
    if (cut > 0) {
      const { canonical: _, ...rest } = c;
      return { ...rest, end: c.end - cut };
    }
    if (c.kind !== 'PERSON' || c.end - c.start < 3 || !NEVER_ENDS_NAME.test(text.slice(c.start, c.end))) return c;
    const { canonical: _, ...rest } = c;
    return { ...rest, end: c.end - 1 };
  });
  let valid = trimmed.filter((c) => kept(c, text, candidates, nonEntities, terms, levelEnds, personNames, flat));
  // A sure model span overrules the title and suffix readings it alone contradicts.
  const lost = overruled(valid, text);
  if (lost.size > 0) valid = valid.filter((c) => !lost.has(c));
  const models = valid.filter((c) => c.priority === MODEL_PRIORITY);
  // A model span that a rule's candidate overlaps without giving way to it (cutting across it: 吉尔嘎郎图苏木海尔 |
  // 海尔罕嘎查; or inside it and surer: 社旗县人民法院 in 河南省社旗县人民法院) loses to that candidate, so the other
  // pieces it holds do not give way to it either.
  const rules = valid.filter((c) => c.priority > MODEL_PRIORITY);
  const rulePlaces = rules.filter((c) => c.kind === 'PLACE');
  const ruleBodies = rules.filter((c) => c.kind === 'ORGANIZATION' && c.rule === 'org:suffix');
  // Whether `c` gives way to model span `m`: strictly inside it, and yieldsToModel.
  const loses = new Set(
    models.filter((m) => rules.some((r) => r.start < m.end && m.start < r.end && !(inside(r, m) && yieldsToModel(r, m, text, rulePlaces, ruleBodies)))),
  );
  // A rule's piece gives way to a longer model span only where that span is taken: a bare lexicon name inside a span
  // another rule cut across stays a name (福建古田 + :党支部… with 党支部领办合作社 a program). Until 3 Dec 2026 bare
  // names gave way to losing spans too (重庆 in 上海浦东发展银行 + 重庆分行, which the model's sure reading now takes
  // whole); PD dev, the genre set and 35 fresh genre pages gave the same output either way but for that one place.
  const usable = valid.filter(
    (c) => c.priority === MODEL_PRIORITY || !models.some((m) => !loses.has(m) && inside(c, m) && yieldsToModel(c, m, text, rulePlaces, ruleBodies)),
  );
  // Two rules reading one span as different kinds (石阡: jieba's dictionary name, and the short name of 石阡县 the
  // text names): the reading the model shares wins, before the kind's name decides. PD dev and the genre set have no
  // such tie; 85 fresh genre pages 2 (3 Dec 2026).
  const modelKinds = new Map<string, string>();
  for (const m of models) modelKinds.set(`${m.start}:${m.end}`, m.kind);
  const order = [...usable].sort(
    (a, b) =>
      b.priority - a.priority ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start ||
      sharedWithModel(modelKinds, b) - sharedWithModel(modelKinds, a) ||
      (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
  );
  const taken = new Uint8Array(text.length);
  const chosen: Candidate[] = [];
  // Flat readings are People's Daily's, which has no programs and marks the places inside a quoted program's name
  // (新疆 in “新疆棉田滴灌项目”, 苏 in “苏南模式”): there a program between quotation marks (`program:marked`) and the
  // places wholly inside it are both read; anything else overlapping gives way by the order above, as when nested.
  // holder[i] = 1 + the index in `order` of the quoted program read over unit i (flat readings only).
  const holder = new Int32Array(flat ? text.length : 0);
  for (let k = 0; k < order.length; k++) {
    const c = order[k]!;
    if (flat && c.rule === 'program:marked') {
      if (!holds(c, holder, chosen)) continue;
      chosen.push(c);
      holder.fill(k + 1, c.start, c.end);
    } else if (flat ? nests(c, taken, holder, order) : free(taken, c.start, c.end)) {
      chosen.push(c);
      taken.fill(1, c.start, c.end);
    }
  }
  if (flat) for (let i = 0; i < text.length; i++) if (holder[i]) taken[i] = 1;
  for (const c of figurative(text, chosen)) {
    chosen.splice(chosen.indexOf(c), 1);
    taken.fill(0, c.start, c.end);
  }

  // Other mentions of the people, programs, long organizations and places that rules found (萨仁苏和说 …
  // 萨仁苏和家养了; 将 小养殖 … 小养殖项目; a village of a counted list, then 红柳湾的春天, which the model read as
  // a person): a name the text has established is that entity wherever it recurs.
  const repeatable = chosen.filter(
    (c) =>
      c.priority > MODEL_PRIORITY &&
      (c.kind === 'PERSON' ||
        (c.kind === 'PROGRAM' && c.end - c.start >= 3) ||
        (c.kind === 'ORGANIZATION' && c.end - c.start >= 6) ||
        (c.kind === 'PLACE' && c.end - c.start >= 3)),
  );
  // Places a rule found only inside an organization's name (道图嘎查 in 道图嘎查党支部) recur as places too.
  const orgsChosen = chosen.filter((c) => c.kind === 'ORGANIZATION');
  const innerPlaces = valid.filter((c) => c.end - c.start >= 3 && placeInside(c, orgsChosen));
  const names = new Map<string, Candidate>();
  for (const c of innerPlaces) names.set(text.slice(c.start, c.end), c);
  for (const c of repeatable) names.set(text.slice(c.start, c.end), c);
  // The stem of a township or county the text names in full (苏布尔嘎 of 苏布尔嘎镇, three characters or more) is that
  // division where it stands alone (在苏布尔嘎沃野上), not before a level (苏布尔嘎 + 嘎查 is another division). PD dev
  // and the genre set unchanged; 35 fresh genre pages 3 right (the model read such stems as persons), 0 wrong.
  // (A stem two full names share, 乌兰图雅镇 and 乌兰图雅嘎查, names neither.)
  const stemOf = new Map<string, Candidate | null>();
  for (const c of chosen) {
    if (c.kind !== 'PLACE' || c.priority <= MODEL_PRIORITY) continue;
    const name = text.slice(c.start, c.end);
    const level = DIVISION_LEVEL.exec(name);
    if (!level) continue;
    const stem = name.slice(0, level.index);
    if (stem.length < MIN_STEM || names.has(stem) || nonEntities.has(stem) || !HAN_ONLY.test(stem)) continue;
    const full = c.canonical ?? name;
    const seen = stemOf.get(stem);
    stemOf.set(stem, seen === undefined || seen?.canonical === full ? { ...c, end: c.start + stem.length, canonical: full } : null);
  }
  for (const [stem, c] of stemOf) if (c) names.set(stem, c);
  // A Kazakh, Uyghur or Kyrgyz person named in full (given name · father's name: 达拉汗·木斯楞) is written by the given
  // name alone after that (达拉汗说), which the model reads as a place or nothing: the part before the dot is that
  // person where it stands alone (canonical: the full name). PD dev unchanged; 90 fresh genre pages: see docs.
  for (const c of chosen) {
    if (c.kind !== 'PERSON') continue;
    const name = text.slice(c.start, c.end);
    const dot = name.search(/[·•]/);
    if (dot < 2 || names.has(name.slice(0, dot))) continue;
    names.set(name.slice(0, dot), { ...c, end: c.start + dot, canonical: c.canonical ?? name });
  }
  const order2 = [...names.keys()].filter((n) => n.length >= 2).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  for (const n of order2) {
    const src = names.get(n)!;
    const isStem = Boolean(stemOf.get(n));
    for (let at = text.indexOf(n); at >= 0; at = text.indexOf(n, at + 1)) {
      // A stem before a level names another division after it (苏布尔嘎 + 嘎查), or is the full name itself; a stem
      // that is also a personal name (乌力吉 of 乌力吉苏木) leaves the model's person where it reads one.
      if (isStem && LEVEL_AFTER.test(text.slice(at + n.length, at + n.length + 2))) continue;
      if (isStem && options.personName?.(n) && chosen.some((c) => c.rule === 'model' && c.kind === 'PERSON' && c.start < at + n.length && at < c.end)) continue;
      // The model's reading of a piece of the name (格日勒 in 格日勒其木格) gives way to the whole; so does the suffix
      // rule's reading of the same place cut short (日塔拉嘎查 where jieba took the 希 of 希日塔拉嘎查 for a verb).
      const pieces = chosen.filter((c) => c.start < at + n.length && at < c.end);
      // The model's pieces yield, and the suffix rule's place that ends where the name ends.
      if (
        pieces.length > 0 &&
        pieces.every(
          (c) =>
            (c.rule === 'model' || (c.rule === 'place:suffix' && src.kind === 'PLACE' && c.end === at + n.length)) && at <= c.start && c.end <= at + n.length,
        )
      ) {
        for (const c of pieces) {
          chosen.splice(chosen.indexOf(c), 1);
          taken.fill(0, c.start, c.end);
        }
      }
      if (free(taken, at, at + n.length)) {
        chosen.push({
          start: at,
          end: at + n.length,
          kind: src.kind,
          priority: MODEL_PRIORITY,
          rule: 'repeat',
          ...(src.canonical ? { canonical: src.canonical } : {}),
        });
        taken.fill(1, at, at + n.length);
      }
    }
  }
  if (options.nested !== false) {
    // Places inside an organization's name (十里铺村 in 十里铺村党支部, 乌审旗 and 图克镇 in 乌审旗图克镇党委).
    const orgs = chosen.filter((c) => c.kind === 'ORGANIZATION');
    const inner = valid.filter(
      (c) =>
        placeInside(c, orgs) ||
        // A body the lexicon knows that opens a longer one (国家卫生健康委员会 + 专家组): the body it belongs to.
        (c.kind === 'ORGANIZATION' && c.rule === 'org:known' && orgs.some((o) => o.start === c.start && c.end < o.end)),
    );
    const placed: Candidate[] = [];
    for (const c of inner.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
      if (placed.some((p) => p.start < c.end && c.start < p.end)) continue;
      placed.push(c);
      chosen.push(c);
    }
  }
  if (options.lists !== false) for (const c of listedPersons(text, chosen)) chosen.push(c);
  return chosen
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((c) => ({
      start: c.start,
      end: c.end,
      text: text.slice(c.start, c.end),
      kind: c.kind,
      ...(c.canonical ? { canonical: c.canonical } : {}),
      ...(options.withRules ? { rule: c.rule } : {}),
    }));
}
