/**
 * Organization rules: a name plus an organization suffix (党委 党支部 党总支 合作社 公司 医院 边检站 组织部 …).
 * The name reaches left over name-like characters and takes in the place or organization right before the
 * suffix's stem (十里铺村 + 党支部, 通辽市 + 传染病 + 医院); a suffix right after an organization extends it
 * (通辽市委 + 组织部, 内蒙古民族大学 + 附属医院). Weak suffixes (局 站 报 中心 …) need a place or a known place
 * name in the stem. Bodies with fixed names (党中央, 国务院) come from the lexicon.
 */
import { BYLINE_TITLES, SOURCE_CUES } from '../../text/bylines.js';
import type { Candidate, RuleContext } from './context.js';
import { firstUnits, unitsMatching } from '../../text/units.js';
import { STOP_CHARS, dedupe, hasFunctionWordInside, hasWordInside, isFunctionTag, isHan, isHanAt, isNameLikeTag, tokenAt } from './context.js';
import { divisionFullName, hasNameWord, scanStemStart } from './place.js';
import { WordList } from './lexicon.js';

const MAX_STEM = 10;
/** Words that begin with a suffix but are no suffix use (部门, 报告, 队伍 …). */
const SUFFIX_BLOCKERS = [
  '部门',
  '部署',
  '部分',
  '局面',
  '局势',
  '局长',
  '站在',
  '站岗',
  '站长',
  '所有',
  '所在',
  '所以',
  '所属',
  '所长',
  '队伍',
  '队员',
  '队长',
  '社员',
  '社会',
  '社区',
  '社长',
  '报名',
  '报告',
  '报道',
  '报送',
  '报表',
  '报到',
  '报请',
  '报纸',
  '厅局',
  '厅长',
  '中心工作',
  '中心任务',
  '委员',
  '公司化',
  '政府性',
];
/**
 * SUFFIX_BLOCKERS as a trie: whether a blocker longer than the suffix starts at a suffix is whether the longest one
 * that starts there is, one walk instead of a startsWith per word at every suffix.
 */
const BLOCKER_LIST = new WordList(SUFFIX_BLOCKERS);
/** Common words that end with a one-character weak suffix (党员干部, 公司内部): that character is no suffix there. */
const SUFFIX_ENDED_WORDS = new Set([
  '干部',
  '全部',
  '内部',
  '外部',
  '局部',
  '东部',
  '西部',
  '南部',
  '北部',
  '中部',
  '关系',
  '联系',
  '体系',
  '派系',
  '水系',
  '直系',
]);
/** Stems that name the level of government rather than a place (自治区扶贫办, 国家发改委). */
const LEVEL_STEMS = new Set(['自治区', '国家', '中央', '全国']);
/** What may follow the weak suffix 报 when it names a newspaper (二连浩特报记者). */
const NEWSPAPER_FOLLOW = ['记者', '社', '讯', '评论员', '通讯员', '编辑'];

interface Span {
  start: number;
  end: number;
}

/** How the name of a news outlet ends: 人民网, 农民日报, 新华社, 四川在线, 内蒙古频道. */
const OUTLET_END = /(网|报|社|台|在线|频道)$/;
/** Separators between outlets listed on one source line (来源：四川省人民政府网、《四川日报》、四川在线). */
const OUTLET_LIST = new Set([...'、，,']);

/** First UTF-16 units of SOURCE_CUES: the scan tries the cues only where one may start. */
const SOURCE_FIRST = firstUnits(SOURCE_CUES);
/**
 * The outlets named after 来源： on a page's source line: each Han run that follows (up to a separator such as
 * a space, - or 丨), two to twelve characters; a list joined by 、 or commas, titles in 《》, gives each. A
 * page names its publisher there, whatever it is called.
 */
export function sourceLineOrganizations(ctx: RuleContext): Candidate[] {
  const out: Candidate[] = [];
  const { text } = ctx;
  for (let i = 0; i < text.length; i++) {
    if (SOURCE_FIRST[text.charCodeAt(i)] !== 1) continue;
    const cue = SOURCE_CUES.find((w) => text.startsWith(w, i));
    if (!cue) continue;
    let k = i + cue.length;
    if (text[k] !== '：' && text[k] !== ':') continue;
    k++;
    for (let item = 0; item < 6; item++) {
      while (text[k] === ' ' || text[k] === '\u3000') k++;
      const quoted = text[k] === '《';
      if (quoted) k++;
      let e = k;
      while (e < text.length && isHanAt(text, e) && e - k < 12 && !(e > k && ctx.gaps.has(e))) e++;
      if (e - k < 2 || e - k > 12 || (isHanAt(text, e) && !ctx.gaps.has(e))) break;
      out.push({ start: k, end: e, kind: 'ORGANIZATION', priority: 4, rule: 'org:source' });
      if (quoted && text[e] === '》') e++;
      // Only a list goes on; a space, - or 丨 ends the source (来源：人民网-内蒙古频道丨作者：…).
      if (!OUTLET_LIST.has(text[e] ?? '')) {
        k = e;
        break;
      }
      k = e + 1;
    }
    i = Math.max(i, k - 1);
  }
  // A page's time stamp and its publisher after a space: 2020-02-19 14:13:00 X网 (the publisher is the longest
  // run of Han characters after the stamp that ends like an outlet at a word's end; the text ran the next line
  // on: X网分享到手机).
  // Every stamp holds a colon (its time); most texts none.
  for (const m of text.includes(':') ? text.matchAll(STAMP) : []) {
    const start = m.index + m[0].length;
    if (!ctx.gaps.has(start) && !/[ \t\u3000]/.test(text[start - 1]!)) continue;
    let end = start;
    while (end < text.length && end - start < 12 && isHanAt(text, end) && !(end > start && ctx.gaps.has(end))) end++;
    for (; end - start >= 2; end--) {
      if (OUTLET_END.test(text.slice(start, end)) && ctx.tokenOf[end] !== ctx.tokenOf[end - 1]) {
        out.push({ start, end, kind: 'ORGANIZATION', priority: 4, rule: 'org:source' });
        break;
      }
    }
  }
  return out;
}

/** A page's date and time stamp (2020-02-19 14:13:00, 2021年3月5日 09:49). */
const STAMP = /\d{4}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)[ \t\u3000]*\d{1,2}:\d{2}(?::\d{2})?[ \t\u3000]*/g;

/** A dateline after an outlet: an aside in brackets, a place, then 讯 or 9月11日电 (荆楚网(湖北日报网)讯, 四川文明网遂宁讯). */
const DATELINE_REST = /^(?:[（(][^（()）\n]{1,12}[）)])?[\u4e00-\u9fff]{0,8}?(?:讯|\d{1,2}月\d{1,2}日电)/;
/** Two outlets joined by · before a byline's title (大河报·豫视频记者, 新甘肃·甘肃日报记者). */
const JOINT_BYLINE = new RegExp(`^([\\u4e00-\\u9fff]{2,8})·([\\u4e00-\\u9fff]{2,8}?)(?:全媒体|首席|特约|见习)?(?:${BYLINE_TITLES.join('|')})`);

/** Characters after which an outlet's name may open ([\s（(：:丨|]), one flag per UTF-16 unit. */
const OUTLET_OPENER = unitsMatching(/[\s（(：:丨|]/);
/**
 * News outlets where a page states them: a name ending like an outlet (网 报 社 台 在线 频道) that opens a line
 * and is followed by a dateline (中新网兴安盟6月12日电, 四川文明网遂宁讯), and both halves of a joint byline
 * (大河报·豫视频记者).
 */
export function outletOrganizations(ctx: RuleContext): Candidate[] {
  const out: Candidate[] = [];
  const { text } = ctx;
  for (let i = 0; i < text.length; i++) {
    if (!isHanAt(text, i) || (i > 0 && OUTLET_OPENER[text.charCodeAt(i - 1)] !== 1 && !ctx.gaps.has(i))) continue;
    // JOINT_BYLINE needs its · two to eight characters on: only then is it tried.
    const dot = text.indexOf('·', i + 2);
    const joint = dot >= 0 && dot <= i + 8 ? JOINT_BYLINE.exec(text.slice(i, i + 24)) : null;
    if (joint) {
      const a = joint[1]!;
      const b = joint[2]!;
      out.push({ start: i, end: i + a.length, kind: 'ORGANIZATION', priority: 4, rule: 'org:outlet' });
      out.push({ start: i + a.length + 1, end: i + a.length + 1 + b.length, kind: 'ORGANIZATION', priority: 4, rule: 'org:outlet' });
      i += joint[0].length - 1;
      continue;
    }
    let run = i;
    while (run < text.length && isHanAt(text, run) && run - i < 12 && !(run > i && ctx.gaps.has(run))) run++;
    // The longest name ending like an outlet that a dateline follows.
    // 据新华社…电 (according to): the name starts after 据.
    const from = text[i] === '据' ? i + 1 : i;
    for (let e = run; e >= from + 2; e--) {
      const name = text.slice(from, e);
      // 本报讯 (this paper reports) names no outlet, whatever precedes it.
      if (!OUTLET_END.test(name) || /本[报刊台网]$/.test(name)) continue;
      // The dateline is looked for only after a name that ends like an outlet.
      const rest = DATELINE_REST.exec(text.slice(e, e + 24));
      if (!rest) continue;
      out.push({ start: from, end: e, kind: 'ORGANIZATION', priority: 4, rule: 'org:outlet' });
      // An outlet's other name in the aside (荆楚网(湖北日报网)讯) is that outlet under another name.
      const aside = /^[（(]([\u4e00-\u9fff]{2,12})[）)]/.exec(rest[0]);
      if (aside && OUTLET_END.test(aside[1]!))
        out.push({ start: e + 1, end: e + 1 + aside[1]!.length, kind: 'ORGANIZATION', priority: 6, rule: 'org:outlet', canonical: name });
      // The place of the dateline (四川文明网遂宁讯: 遂宁, 遂宁市).
      const place = /^[\u4e00-\u9fff]{2,8}?(?=讯|\d)/.exec(rest[0]);
      if (place) {
        const name = place[0];
        const full = divisionFullName(ctx, name);
        if (full)
          out.push({ start: e, end: e + name.length, kind: 'PLACE', priority: 4, rule: 'place:dateline', ...(full !== name ? { canonical: full } : {}) });
      }
      break;
    }
    i = run - 1;
  }
  return out;
}

/** How a gloss of a name opens, in brackets after it: 意为 (meaning), 蒙语意为, 汉语意思是 …; and its longest length. */
const GLOSS_OPENING = /^[(（](?:[蒙藏维汉]古?[语文])?(?:意为|意思是|意即|即)/;
const MAX_GLOSS = 16;
/** The longest name before a gloss, and the quotation marks that open it. */
const MAX_GLOSSED_NAME = 8;
const OPENING_QUOTES = new Set([...'“‘「『"']);

/** Words before a body's name that are not part of it (see organizationCandidates). */
const LEADING_NON_NAME = new Set(['原', '日电', '电', '讯', '本报讯', '报讯']);

/** Parts of speech of a clause's words rather than a name's: verbs and prepositions, and idioms. */
const VERB_TAG = /^(v|vd|p)$/;
const CLAUSE_TAG = /^(v|vd|p|i|l)$/;

/**
 * Where the name of a body whose stem (s..i, before the suffix ending at `end`) holds no place or body
 * starts, when the stem has run over the clause before the name: a body the lexicon knows that ends with the
 * suffix starts it (纪念 | 人民日报), and so does the word jieba tags as a body's name (`nt`) ending with it
 * (记 | 中央社会主义学院); a verb or preposition opening the stem stays out, and so does a person's name with
 * the verb after it (某某 担任 | 委员会). What is left must still pass as a stem; verbs inside a name after its
 * first word stay (绿源种植专业合作社, 建设银行).
 */
function nameStart(ctx: RuleContext, s: number, i: number, end: number, knownBodies: readonly Candidate[]): number {
  const known = knownBodies.find((o) => o.start > s);
  if (known) return known.start;
  // jieba's own word for the whole body (中央社会主义学院/nt) starts it too.
  const whole = tokenAt(ctx, end - 1);
  if (whole && whole.end === end && whole.tag === 'nt' && whole.start > s && whole.start < i) return whole.start;
  for (let t = tokenAt(ctx, s); t && t.start === s && t.end < i && CLAUSE_TAG.test(t.tag); t = tokenAt(ctx, s)) s = t.end;
  for (let k = s; k < i;) {
    const t = tokenAt(ctx, k);
    if (!t) break;
    const next = tokenAt(ctx, t.end);
    if (/^nr/.test(t.tag) && next && next.end <= i && VERB_TAG.test(next.tag)) s = next.end;
    k = t.end;
  }
  return s;
}

/** Suffixes of the party's own bodies, a level's committee among them (市委, 旗委). */
const PARTY_BODY = /^(党委|党支部|党总支|党组|党工委|[省市县区旗盟州]委)$/;

/** jieba's tags of a verb (not a verbal noun, vn). */
const VERB_ONLY_TAG = /^(v|vd)$/;

/** Bodies of the natives of a place living elsewhere (上海市浙江商会, 深圳市湖南同乡会). */
const NATIVES_BODIES = new Set(['商会', '同乡会', '联谊会']);
export function organizationCandidates(ctx: RuleContext, places: readonly Candidate[]): Candidate[] {
  const { text, lex } = ctx;
  const out: Candidate[] = [];
  const links: Span[] = places.map((p) => ({ start: p.start, end: p.end }));

  for (let i = 0; i < text.length; i++) {
    const kl = lex.organizationList.longestAt(text, i);
    if (kl > 0) {
      const t = tokenAt(ctx, i);
      // It ends a word too (司法部|门 is 司法部门, departments of justice).
      const last = tokenAt(ctx, i + kl - 1);
      if ((!t || t.start === i || ctx.gaps.has(i)) && (!last || last.end === i + kl || ctx.gaps.has(i + kl))) {
        const canonical = lex.organizations.get(text.slice(i, i + kl));
        out.push({ start: i, end: i + kl, kind: 'ORGANIZATION', priority: 4, rule: 'org:known', ...(canonical ? { canonical } : {}) });
        links.push({ start: i, end: i + kl });
      }
    }
  }

  for (let i = 0; i < text.length; i++) {
    const sl = lex.orgSuffixList.longestAt(text, i);
    if (sl === 0) continue;
    if (BLOCKER_LIST.longestAt(text, i) > sl) continue;
    const suffix = text.slice(i, i + sl);
    const mode = lex.orgSuffixes.get(suffix)!;
    const end = i + sl;
    // A weak suffix inside a verb or function word (部署, 所以), or a one-character one closing a
    // two-character word (干部, 村部), is no suffix; 科技局 is.
    const carrier = tokenAt(ctx, i);
    if (mode === 'weak' && carrier && carrier.start < i && (isFunctionTag(carrier.tag) || (sl === 1 && carrier.end - carrier.start < 3))) continue;
    if (mode === 'weak' && sl === 1 && SUFFIX_ENDED_WORDS.has(text.slice(i - 1, end))) continue;
    // Nor where jieba reads it as a verb of its own (通辽市|系|…: 系 as "is").
    if (mode === 'weak' && sl === 1 && carrier && carrier.start === i && carrier.end === end && /^v/.test(carrier.tag)) continue;
    // A suffix inside a blocked word is part of that word (决策部署: 署 as in 专员公署 is no suffix here).
    if (carrier && carrier.start < i && BLOCKER_LIST.has(text.slice(carrier.start, carrier.end))) continue;
    // The suffix must end a word (中国社|科院, 大学|生 are no suffixes), unless a title follows (党支部书记).
    const tail = tokenAt(ctx, end - 1);
    if (tail && tail.end > end && !lex.titles.has(text.slice(end, tail.end))) continue;
    let s = scanStemStart(ctx, i, MAX_STEM, 1, mode !== 'weak', true);
    // A bracketed part of the name (蒙草生态环境(集团)股份有限公司), or a gloss of a name in another language
    // (X(意为美丽的边疆)畜牧专业合作社, which names the body without it): go on before the opening bracket.
    let gloss: Span | undefined;
    let bracket: Span | undefined;
    if (/[)）]/.test(text[s - 1] ?? '')) {
      const open = Math.max(text.lastIndexOf('(', s - 1), text.lastIndexOf('（', s - 1));
      const glossed = open >= 0 && s - open <= MAX_GLOSS && GLOSS_OPENING.test(text.slice(open, s));
      if (open >= 0 && (s - open <= 8 || glossed) && isHanAt(text, open - 1)) {
        const close = s;
        bracket = { start: open, end: close };
        s = scanStemStart(ctx, open, MAX_STEM, 1, mode !== 'weak', true);
        if (glossed) {
          gloss = bracket;
          // A glossed name is a transliteration jieba cuts into anything (涛|日|根|合力): between quotation marks
          // it is the whole run of characters after the opening mark.
          let q = open;
          while (q > 0 && open - q < MAX_GLOSSED_NAME && isHanAt(text, q - 1)) q--;
          if (q < s && OPENING_QUOTES.has(text[q - 1] ?? '')) s = q;
        }
      }
    }
    // A stem starts at a word boundary: inside a name jieba knows whole (中华人民共和国|中央军事委员会,
    // 广西壮族自治区) it takes the whole word, inside another word it starts after it.
    const first = tokenAt(ctx, s);
    if (first && first.start < s && s < i) s = /^(nt|ns|nz|nr|x)$/.test(first.tag) && i - first.start <= 16 ? first.start : Math.min(first.end, i);
    // The nearest place or organization inside (or right before) the stem starts the name; not one inside the
    // name's brackets when the stem begins before them (the place of a company's registration: 华鑫 + (贵州) +
    // 新材料有限公司, whose name starts with its trade name).
    let link: Span | undefined;
    for (const l of links) {
      if (l.end < s || l.end > i || l.start >= l.end) continue;
      if (bracket && s < bracket.start && bracket.start < l.start && l.end < bracket.end) continue;
      if (!link || l.end > link.end || (l.end === link.end && l.start < link.start)) link = l;
    }
    if (link) s = link.start;
    // A place above the place that names the body (湖南省 + 沅江市委, 山西省 + 稷山县委, 湖南省 + 南县人大常委会) is
    // where the body lies, not part of its name.
    if (link && link.end < i && places.some((p) => p.start === link.start && p.end === link.end)) {
      const rest = text.slice(link.end, i);
      if (rest.length >= 2 && (ctx.places?.isDivision(rest) || ctx.places?.isDivision(rest + text[i]))) s = link.end;
    }
    // A chamber of the natives of a province in a host city names the city first (上海市 + 浙江 + 商会): the
    // province's bare name (the place lexicon's 浙江 → 浙江省) is the stem, the city right before it belongs to the name.
    const province = link ? lex.places.get(text.slice(link.start, link.end)) : undefined;
    if (link && NATIVES_BODIES.has(suffix) && link.end === i && province !== undefined && ctx.places?.isProvince(province)) {
      const host = links.find((l) => l.end === link.start && /[市区县]$/.test(text.slice(l.start, l.end)));
      if (host) s = host.start;
    }
    // A government before a name (《X市人民政府 + Y集团有限公司 + 战略合作协议》: an agreement's two parties, written
    // together) is a body of its own; the name after it starts the body.
    s = afterGovernment(ctx, s, i);
    while (s < i && STOP_CHARS.has(text[s]!)) s++;
    // Words that stand before a body's name without being part of it: a dateline's end (日电, 本报讯) and 原
    // (former: 原中央顾问委员会), each a word of its own.
    for (let t = tokenAt(ctx, s); t && t.start === s && t.end < i && LEADING_NON_NAME.has(t.word); t = tokenAt(ctx, s)) s = t.end;
    // Bodies the lexicon knows that end with this suffix: one starting inside a stem without a place starts the
    // name (nameStart); one reaching over the stem is that body (below).
    const knownBodies = out.filter((o) => o.rule === 'org:known' && o.end === end && o.start <= i);
    if (!link) s = nameStart(ctx, s, i, end, knownBodies);
    const stem = text.slice(s, i);
    const name = text.slice(s, end);
    if (lex.nonEntities.has(name) || (lex.nonEntities.has(stem) && !LEVEL_STEMS.has(stem)) || lex.orgSuffixes.has(stem)) continue;
    // Function words inside the stem end it; verbs do not (绿源种植专业合作社, 建设银行). A gloss is read apart.
    const from = link ? link.end : s;
    if (stem.length > 0 && (hasFunctionWordInside(ctx, from, gloss?.start ?? i, true) || (gloss && hasFunctionWordInside(ctx, gloss.end, i, true)))) continue;
    // A party body is named after its unit (X村 + 党支部), never after an activity: a verb between them is the
    // clause's (X村 + 举行 + 党支部…, the village held a branch meeting).
    if (PARTY_BODY.test(suffix) && hasWordInside(ctx, from, i, (tag) => VERB_ONLY_TAG.test(tag))) continue;
    let ok: boolean;
    if (stem.length === 0) ok = mode === 'alone';
    else if (mode === 'weak') {
      const known = link !== undefined || Boolean(ctx.places?.isDivision(stem) || ctx.places?.expandShortName(stem));
      ok = known && stem.length >= 2;
      if (suffix === '报') ok = ok && NEWSPAPER_FOLLOW.some((w) => text.startsWith(w, end));
    } else
      // A name word in the stem, or jieba's word for the whole body when its stem is long (中央社会主义学院/nt):
      // its word for a kind of body (人民法院/nt, 上市公司: two characters before the suffix) is no name.
      ok =
        link !== undefined ||
        LEVEL_STEMS.has(stem) ||
        (stem.length >= 2 && (hasNameWord(ctx, s, i, stem.length < 3) || Boolean(ctx.places?.expandShortName(stem))));
    if (!ok) continue;
    for (let k = s; k < end; k++) if (!isHanAt(text, k) && !/[()（）·]/.test(text[k]!)) ok = false;
    if (!ok) continue;
    // A body the lexicon knows by its full name reaching over this stem (中央 + 全面深化改革委员会) is that body.
    if (knownBodies.some((o) => o.start < s)) continue;
    const canonical = gloss && gloss.start > s ? text.slice(s, gloss.start) + text.slice(gloss.end, end) : undefined;
    out.push({ start: s, end, kind: 'ORGANIZATION', priority: 5, rule: 'org:suffix', ...(canonical ? { canonical } : {}) });
    links.push({ start: s, end });
    i = end - 1;
  }
  for (const c of joinedBureaus(ctx, places)) out.push(c);
  // A stated outlet holding a suffix reading (四川省人民政府 in 来源：四川省人民政府网) replaces it; one that
  // only overlaps a suffix reading gives way.
  const stated = [...sourceLineOrganizations(ctx), ...outletOrganizations(ctx)];
  const kept = stated.filter((c) => !out.some((o) => o.start < c.end && c.start < o.end && !within(o, c)));
  const named = [...executiveOrganizations(ctx), ...foundedOrganizations(ctx)].filter((c) => !out.some((o) => o.start < c.end && c.start < o.end));
  return dedupe([...out.filter((o) => !kept.some((c) => within(o, c) && c.kind === 'ORGANIZATION')), ...kept, ...named]);
}

/** Whether `o` lies within `c`. */
function within(o: Candidate, c: Candidate): boolean {
  return c.start <= o.start && o.end <= c.end;
}

/** Levels of government that open a bureau's name (县 + 林业和草原局, 国家 + 卫生和计划生育委员会). */
const BUREAU_LEVELS = new Set(['县', '市', '省', '旗', '区', '州', '盟', '国家', '自治区']);
/** How such a bureau's name ends. */
const BUREAU_END = /(局|厅|部|委员会|署)$/;
/** Longest field on either side of 和 in a bureau's name (人力资源 + 和 + 社会保障厅). */
const MAX_FIELD = 6;
/** Words of a field: nouns and noun-like words (卫生/an, 计划生育/l, 建设局/nt, 农牧/j); the first field's, without idioms and bodies. */
const FIELD_TAG = /^(n|vn|nz|nt|an|l|j)$/;
const FIRST_FIELD_TAG = /^(n|vn|nz|an|j)$/;

/**
 * Bureaus named after two fields joined by 和, as government bodies have been named since 2018
 * (县林业和草原局, 市住房和城乡建设局, 自治区人力资源和社会保障厅, X旗农牧和科技局): the suffix reading stops at 和 (scanStemStart) and finds the
 * second field's body at most (草原局, 建设局). Where both fields are plain nouns and a level or a place stands
 * right before the first, the body is the whole. A second field that opens with a level, or a first one that is
 * a body itself, joins two bodies instead (省委和省政府, 县政府和林业局).
 */
function joinedBureaus(ctx: RuleContext, places: readonly Candidate[]): Candidate[] {
  const { text, lex } = ctx;
  const out: Candidate[] = [];
  for (let and = text.indexOf('和'); and >= 0; and = text.indexOf('和', and + 1)) {
    const conj = tokenAt(ctx, and);
    if (!conj || conj.start !== and || conj.end !== and + 1) continue;
    // The second field and the suffix, right of 和.
    let end = -1;
    for (let at = and + 1; at - and - 1 <= MAX_FIELD + 3;) {
      const t = tokenAt(ctx, at);
      if (!t || t.start !== at || !FIELD_TAG.test(t.tag) || ![...t.word].every(isHan)) break;
      if (at === and + 1 && (BUREAU_LEVELS.has(t.word) || places.some((p) => p.start === at))) break;
      at = t.end;
      const whole = text.slice(and + 1, at);
      if (BUREAU_END.test(whole) && whole.length >= 3) {
        end = at;
        break;
      }
    }
    if (end < 0) continue;
    // The first field, left of 和, back to a level or a place.
    let at = and;
    let opening = -1;
    while (and - at <= MAX_FIELD) {
      const t = tokenAt(ctx, at - 1);
      if (!t || t.end !== at) break;
      const place = places.find((p) => p.end === at && p.start < at);
      if (at < and && (BUREAU_LEVELS.has(t.word) || place)) {
        opening = BUREAU_LEVELS.has(t.word) ? t.start : place!.start;
        break;
      }
      if (!FIRST_FIELD_TAG.test(t.tag) || ![...t.word].every(isHan)) break;
      at = t.start;
    }
    if (opening < 0 || and - at < 2 || and - at > MAX_FIELD) continue;
    const field = text.slice(at, and);
    if (BUREAU_END.test(field) || lex.orgSuffixList.longestEndingAt(field, field.length) > 0 || lex.nonEntities.has(field)) continue;
    out.push({ start: opening, end, kind: 'ORGANIZATION', priority: 5, rule: 'org:suffix' });
  }
  return out;
}

/** Titles of a company's officers: the name right before one, with a person after it, is the company's. */
const EXECUTIVES = ['联合创始人', '创始人', '董事长', '副董事长', '总经理', '副总经理', '总裁', '副总裁', '首席执行官', 'CEO'];
/**
 * Where a body's name starts when its stem holds a government followed by a name (the stem from `s` to the suffix
 * at `i`): after 政府, where jieba's word there is a name of two characters or more (中国 + 华能, 蒙能/x); otherwise
 * `s`. A department after the government (人民政府 + 办公室, 新闻办公室) is no name and leaves the body whole. People's
 * Daily and MSRA gold (dev, train, test) have 28 bodies that hold 政府 and go on, all departments or delegations
 * (代表团, 办事处, 财政部): none starts a name there; 30 fresh genre pages 3 agreements' parties glued (3 Dec 2026).
 */
function afterGovernment(ctx: RuleContext, s: number, i: number): number {
  const g = ctx.text.lastIndexOf('政府', i - 1);
  if (g < s || g + 2 >= i) return s;
  const next = tokenAt(ctx, g + 2);
  return next && next.start === g + 2 && next.end - next.start >= 2 && /^(ns|nz|nr|nrt|x)$/.test(next.tag) ? g + 2 : s;
}

/** Longest short name of a company (大宋 + 智能, 祥邦 + 新能源: its own name, then its trade). */
const MAX_SHORT_NAME = 8;

/**
 * The words before `end` that make a company's short name (no legal suffix: 海康威视, 大宋智能, 网易公司): one
 * to three words, the first a word jieba does not know or tags as a name, the others nouns or such words;
 * or one noun of four characters or more ending in 公司 or 集团. Returns the start, or -1.
 */
function shortCompanyName(ctx: RuleContext, end: number): number {
  const words = [];
  for (let at = end; words.length < 3;) {
    const t = tokenAt(ctx, at - 1);
    if (!t || t.end !== at || !(isNameLikeTag(t.tag) || t.tag === 'n' || t.tag === 'nt')) break;
    words.unshift(t);
    at = t.start;
  }
  while (words.length > 0) {
    const first = words[0]!;
    const span = end - first.start;
    const text = ctx.text.slice(first.start, end);
    // One noun: a company's own name and 公司 (网易公司), not 有限公司 or 股份公司 alone.
    const alone = words.length === 1 && !isNameLikeTag(first.tag) ? /^.{2,}(公司|集团)$/.test(text) && !/^(有限|股份|责任|分|总|子|母)/.test(text) : true;
    if (
      span <= MAX_SHORT_NAME &&
      alone &&
      first.end - first.start >= 2 &&
      (isNameLikeTag(first.tag) || words.length === 1) &&
      ![...text].some((c) => !isHan(c))
    )
      return first.start;
    words.shift();
  }
  return brandOfSingles(ctx, end);
}

/**
 * A brand of two or three characters that jieba cut into single characters (大|宋 + 智能), then one or two
 * nouns up to `end`: the start of the brand, or -1.
 */
function brandOfSingles(ctx: RuleContext, end: number): number {
  let at = end;
  let nouns = 0;
  for (; nouns < 2; nouns++) {
    const t = tokenAt(ctx, at - 1);
    if (!t || t.end !== at || t.end - t.start < 2 || !/^(n|nz|vn)$/.test(t.tag)) break;
    at = t.start;
  }
  if (nouns === 0) return -1;
  let start = at;
  while (at - start < 3) {
    const t = tokenAt(ctx, start - 1);
    if (!t || t.end !== start || t.end - t.start !== 1 || !isHanAt(ctx.text, t.start) || isFunctionTag(t.tag)) break;
    start = t.start;
  }
  return at - start >= 2 && end - start <= MAX_SHORT_NAME ? start : -1;
}

/** <short name><officer title><person> (大宋智能董事长宋某, 网易公司CEO丁某): a company (org:executive). */
export function executiveOrganizations(ctx: RuleContext): Candidate[] {
  const { text, lex } = ctx;
  const out: Candidate[] = [];
  for (const title of EXECUTIVES) {
    for (let i = text.indexOf(title); i >= 0; i = text.indexOf(title, i + 1)) {
      if (!isHanAt(text, i + title.length)) continue;
      const s = shortCompanyName(ctx, i);
      if (s < 0) continue;
      const name = text.slice(s, i);
      if (lex.nonEntities.has(name) || lex.titles.has(name) || lex.places.has(name)) continue;
      out.push({ start: s, end: i, kind: 'ORGANIZATION', priority: 2, rule: 'org:executive' });
    }
  }
  return out;
}

/** Verbs of founding a business. */
const FOUND = /(创立|创办|创建|注册)(了)?/y;

/**
 * <founder>创办“X” / <founder>创立X， (能人某某创办“某某薯业”, 某某创立祥邦新能源): the business founded, in
 * quotation marks, or a short name (as above) that ends its clause (org:founded). For a short name the founder
 * must be a word jieba does not know or tags as a name, or a personal pronoun.
 */
export function foundedOrganizations(ctx: RuleContext): Candidate[] {
  const { text, lex } = ctx;
  const out: Candidate[] = [];
  for (let i = 1; i < text.length; i++) {
    FOUND.lastIndex = i;
    const m = FOUND.exec(text);
    if (!m) continue;
    const before = tokenAt(ctx, i - 1);
    const founder = before !== undefined && before.end === i && (isNameLikeTag(before.tag) || /^(他|她)$/.test(text.slice(before.start, i)));
    const at = i + m[0].length;
    let span: [number, number] | undefined;
    const quoted = /^[“"]([\u4e00-\u9fff]{2,12})[”"]/.exec(text.slice(at, at + 16));
    // In quotation marks the business is plain whoever precedes the verb (郭某|中 创办“…”, jieba's cut).
    if (quoted && isHanAt(text, i - 1)) span = [at + 1, at + 1 + quoted[1]!.length];
    else if (founder) {
      let e = at;
      while (e < text.length && isHanAt(text, e) && e - at <= MAX_SHORT_NAME) e++;
      if (/^[，,。；;、]/.test(text[e] ?? '') && e > at && shortCompanyName(ctx, e) === at) span = [at, e];
    }
    if (!span) continue;
    const name = text.slice(span[0], span[1]);
    if (lex.nonEntities.has(name) || lex.places.has(name)) continue;
    out.push({ start: span[0], end: span[1], kind: 'ORGANIZATION', priority: 2, rule: 'org:founded' });
  }
  return out;
}
