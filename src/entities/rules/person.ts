/**
 * Person rules: the contexts in which news text names people, whatever their origin (Han names with a
 * surname, Mongolian names without one):
 *   - a title right before the name (第一书记金宝, 合作社负责人路国庆, 贫困户萨仁苏和, 记者李晓英);
 *   - a speech verb right after a clause-initial name (萨仁苏和说, 路国庆介绍道);
 *   - bylines and photo credits (□本报记者 帅政, 韩海鹏 摄, a line holding only a name);
 *   - jieba's full-name tag (nrfg) for names in its dictionary (习近平).
 */
import { BYLINE_TITLES, endBeforeCredit } from '../../text/bylines.js';
import type { Candidate, RuleContext } from './context.js';
import { firstUnits } from '../../text/units.js';
import { STOP_CHARS, dedupe, isBreak, isHan, isHanAt, isFunctionTag, isKnownTerm, tokenAt } from './context.js';

/** Tags of words that can make up a person's name: unknown words and jieba's name tags. */
function isNameLikeTag(tag: string): boolean {
  return /^(x|nr|nrt|nrfg|nz|zg|ng)$/.test(tag);
}

/** Longest name read from context (Mongolian names reach six characters: 额尔敦巴特尔). */
const MAX_NAME = 6;
/** Longest name made of Mongolian name elements (额尔敦毕力格, 敖敦格日勒图雅). */
const MAX_MONGOLIAN = 8;
/** Speech verbs that follow a speaker's name. */
const SPEECH = ['介绍', '表示', '告诉', '指出', '坦言', '感慨', '笑着说', '说道', '说'];
/** First units of the speech verbs: most positions are ruled out by one table read. */
const SPEECH_FIRST = firstUnits(SPEECH);
/** Function characters that are also syllables of Mongolian names. */
const MONGOLIAN_SYLLABLES = new Set([...'和其那']);
/** Last characters of words before 说 that are no names (家里人说, 深有体会地说, 小穷村来说). */
const NOT_NAME_END = new Set([...'人地们来得着了过小']);

/** How strongly position `end` closes a name: 3 = break, speech verb, title or multi-character cue; 2 = function-word cue. */
function closeStrength(ctx: RuleContext, end: number): number {
  if (isBreak(ctx, end)) return 3;
  const cue = ctx.lex.personCues.longestAt(ctx.text, end);
  if (cue >= 2 || ctx.text[end] === '说') return 3;
  if (ctx.lex.titles.longestAt(ctx.text, end) >= 2) return 3;
  if (cue === 1) return 2;
  // A verb or function word that jieba reads as a word of its own starting right here (苏日娜|组织).
  const next = tokenAt(ctx, end);
  return next && next.start === end && next.end - next.start >= 2 && isFunctionTag(next.tag) ? 2 : 0;
}

/**
 * Whether text[p, p+len) is made entirely of Mongolian name elements (那仁 + 满都拉, 额尔敦 + 毕力格): two or
 * more of them, or one of three characters or more. Such a span can be a name even where jieba cuts it into
 * function words (那仁满|都|拉).
 */
export function mongolianCover(ctx: Pick<RuleContext, 'text' | 'lex'>, p: number, len: number): boolean {
  const parts = ctx.lex.mongolianParts;
  const end = p + len;
  if (len < 2 || end > ctx.text.length) return false;
  // best[i]: most elements covering text[p, p + i) (-1: not coverable), by dynamic programming.
  const best = new Int32Array(len + 1).fill(-1);
  best[0] = 0;
  for (let i = 0; i < len; i++) {
    if (best[i]! < 0) continue;
    for (const n of parts.lengths) {
      if (i + n > len || !parts.has(ctx.text.slice(p + i, p + i + n))) continue;
      const k = best[i]! + 1;
      if (best[i + n]! < 0 || k > best[i + n]!) best[i + n] = k;
    }
  }
  const k = best[len]!;
  return k >= 2 || (k === 1 && len >= 3);
}

/**
 * Where a person's name that the model cut short before a Mongolian name element really ends (乌尼日 + 其木格,
 * 格日勒 + 其木格): `end` moved over the elements that follow, each the longest that ends where a jieba word
 * ends (呼和 in 呼和浩特 is no element), while the name stays within MAX_MONGOLIAN characters. `end` itself when
 * no element follows.
 */
export function mongolianTail(ctx: RuleContext, start: number, end: number): number {
  const { text } = ctx;
  const parts = ctx.lex.mongolianParts;
  let at = end;
  for (;;) {
    let step = 0;
    for (const n of parts.lengths) {
      if (n < 2 || at + n - start > MAX_MONGOLIAN || !parts.has(text.slice(at, at + n))) continue;
      const t = tokenAt(ctx, at + n - 1);
      if (t && t.end === at + n) {
        step = n;
        break;
      }
    }
    if (step === 0) return at;
    at += step;
  }
}

/**
 * A surname name that jieba reads whole as a place (钟南山/ns) is still a name where a title follows it
 * right away (…组长钟南山院士): a place is not addressed by a title.
 */
function placeWordBeforeTitle(ctx: RuleContext, word: { start: number; end: number; tag: string }, end: number): boolean {
  return word.tag === 'ns' && word.end === end && ctx.lex.titles.longestAt(ctx.text, end) >= 2;
}

/**
 * Whether text[p, p+len) can be a person's name (not a generic word, title or function-word phrase).
 * `asSurname`: read the first one or two characters as a Han surname (then the name has at most two more).
 */
export function plausibleName(ctx: RuleContext, p: number, len: number, asSurname?: boolean): boolean {
  const { text, lex } = ctx;
  if (len < 2 || len > MAX_NAME || p + len > text.length) return false;
  const name = text.slice(p, p + len);
  for (const ch of name) if (!isHan(ch)) return false;
  if (lex.nonEntities.has(name) || lex.titles.has(name)) return false;
  const surnameLen = lex.surnames.longestAt(text, p, 2);
  const surname = asSurname ?? surnameLen > 0;
  // Made of Mongolian name elements: a name whatever jieba made of it (那仁满|都|拉, 额尔敦|毕力|格).
  if (!asSurname && mongolianCover(ctx, p, len)) return true;
  if (surname && surnameLen === 0) return false;
  // 及 and 向 are surnames as well as function words: only as surnames may they start a name; other
  // names may start with one only inside a word jieba does not know (那日苏, 那顺).
  if (STOP_CHARS.has(name[0]!) && !surname) {
    const t = tokenAt(ctx, p);
    if (!t || t.start !== p || t.tag !== 'x' || t.end - t.start < 2) return false;
  }
  // Stop characters inside: Han names never have them; Mongolian names may have 和 其 那 (萨仁苏和,
  // 乌云其其格, 那顺).
  for (let i = 1; i < len; i++) {
    const ch = name[i]!;
    if (STOP_CHARS.has(ch) && !(MONGOLIAN_SYLLABLES.has(ch) && !surname)) return false;
  }
  // A title inside (王书记) is a form of address, not a name.
  for (let i = 1; i < len; i++) if (lex.titles.longestAt(text, p + i, len - i) >= 2) return false;
  const first = tokenAt(ctx, p);
  if (surname) {
    if (len > surnameLen + 2) return false;
    // The first word must not be a common word (书记高度重视 → 高度), unless it is the surname itself
    // (欧阳, a compound surname jieba reads as a place).
    if (
      first &&
      first.start === p &&
      first.end - first.start >= 2 &&
      first.end <= p + len &&
      !isNameLikeTag(first.tag) &&
      first.end - first.start !== surnameLen &&
      !placeWordBeforeTitle(ctx, first, p + len)
    )
      return false;
    return true;
  }
  // No surname: only words jieba does not know (or tags as names) can make up the name; a proper noun of
  // three or more characters that jieba knows (共同富裕/nz) is a term, not a name.
  if (first && first.start === p && !isNameLikeTag(first.tag) && first.end - first.start >= 2) return false;
  if (first && first.start === p && isKnownTerm(first, 3)) return false;
  // Nor does it end inside a word jieba knows (白永福围坐|在: 围坐在 is one word).
  const last = tokenAt(ctx, p + len - 1);
  if (last && last.start < p + len - 1 && last.end > p + len && !isNameLikeTag(last.tag) && last.tag !== 'x') return false;
  for (let i = p; i < p + len;) {
    const t = tokenAt(ctx, i);
    if (!t) {
      i++;
      continue;
    }
    if (t.start >= p && t.end <= p + len && t.end - t.start >= 2 && !isNameLikeTag(t.tag)) return false;
    if (t.start === p && t.end - t.start === 1 && isFunctionTag(t.tag)) return false;
    i = Math.max(i + 1, t.end);
  }
  return true;
}

/** The name at `p` (read with a surname or without) that what follows closes best: its length and that strength. */
function pick(ctx: RuleContext, p: number, asSurname: boolean): { len: number; strength: number } {
  let best = 0;
  let bestStrength = 1;
  for (let len = 2; len <= MAX_NAME && p + len <= ctx.text.length; len++) {
    if (!plausibleName(ctx, p, len, asSurname)) continue;
    const s = closeStrength(ctx, p + len);
    if (s > bestStrength) {
      best = len;
      bestStrength = s;
    }
  }
  return { len: best, strength: best ? bestStrength : 0 };
}

/**
 * Length of the name that starts at `p` (0 if none): among the plausible lengths, the one closed most
 * strongly by what follows, the shortest on ties; names already found elsewhere in the text (`known`:
 * 萨仁苏和说 → 贫困户萨仁苏和家) win. A name that starts like a surname but only closes as a longer name
 * (巴依斯古楞) is read as a name without surname.
 */
export function nameLengthAt(ctx: RuleContext, p: number, known?: ReadonlySet<string>): number {
  const { text } = ctx;
  if (!isHanAt(text, p)) return 0;
  if (known) {
    for (let len = MAX_NAME; len >= 2; len--) if (known.has(text.slice(p, p + len))) return len;
  }
  // A Mongolian name closed by what follows (书记那仁满都拉介绍): the longest such reading.
  let mongolian = 0;
  let mongolianStrength = 1;
  for (let len = 2; len <= MAX_MONGOLIAN && p + len <= text.length; len++) {
    if (!mongolianCover(ctx, p, len) || ctx.lex.nonEntities.has(text.slice(p, p + len)) || ctx.lex.titles.has(text.slice(p, p + len))) continue;
    const s = closeStrength(ctx, p + len);
    if (s >= 2 && s >= mongolianStrength) {
      mongolian = len;
      mongolianStrength = s;
    }
  }
  if (mongolian > 0) return mongolian;
  const han = ctx.lex.surnames.longestAt(text, p, 2) > 0 ? pick(ctx, p, true) : { len: 0, strength: 0 };
  if (han.strength >= 2) return han.len;
  // A surname's name jieba reads whole (陈慕华/nr) is that name, not the start of a longer one closed further
  // on, when a word of its own follows (陈慕华|访港, not 阿尔达|克: the name goes on).
  const word = tokenAt(ctx, p);
  const after = word ? tokenAt(ctx, word.end) : undefined;
  if (
    han.len === 0 &&
    word &&
    word.start === p &&
    word.tag === 'nr' &&
    word.end - p <= 3 &&
    (isBreak(ctx, word.end) || (after !== undefined && after.start === word.end && after.end - after.start >= 2)) &&
    plausibleName(ctx, p, word.end - p, true)
  )
    return word.end - p;
  const other = pick(ctx, p, false);
  return other.strength > han.strength ? other.len : han.len;
}

function isTokenStart(ctx: RuleContext, i: number): boolean {
  const t = tokenAt(ctx, i);
  return !t || t.start === i || ctx.gaps.has(i) || isNameLikeTag(t.tag);
}

/**
 * A word of the clause after a name starts at `k`: jieba's word of two characters or more read as an adjective,
 * verb, idiom, adverb, time or numeral (罗伯特·马尔登 + 有幸, 塞弗兰 + 举行会谈). A transliterated name ends there.
 */
function clauseWordAt(ctx: RuleContext, k: number): boolean {
  const t = tokenAt(ctx, k);
  return t !== undefined && t.start === k && t.end - t.start >= 2 && /^(a|ad|v|vd|vn|i|l|d|t|p|c|m)$/.test(t.tag);
}

/** Forms of address after a name (约翰逊先生): never part of it. */
const HONORIFIC = /^(先生|女士|夫人|小姐|博士|教授|阁下)/;

/** 第一书记金宝, 负责人路国庆, 本报记者及庆玲: a title, then a name. */
export function titleNames(ctx: RuleContext, known?: ReadonlySet<string>): Candidate[] {
  const out: Candidate[] = [];
  const { text, lex } = ctx;
  for (let i = 0; i < text.length; i++) {
    const tl = lex.titles.longestAt(text, i);
    if (tl === 0) continue;
    const p = i + tl;
    if (p >= text.length || !isTokenStart(ctx, p)) continue;
    // 兼 joins two posts (主席兼村第一书记), 同 is "with" (村民同吃住): no name starts there after a title. PD dev and
    // MSRA train no such name either way; 30 fresh genre pages 0 right / 2 wrong (3 Dec 2026).
    if (text[p] === '兼' || text[p] === '同') continue;
    // The title must be a word of its own (常委|会副委员长 is not 常委 + a name).
    // A word jieba reads as a name or did not know, gluing the title's last character to the name (苏木 + 达某某/x:
    // 苏木达, the head of a sumu, then a name), still leaves the title whole.
    const last = tokenAt(ctx, p - 1);
    if (last && last.end > p && !ctx.gaps.has(p) && !(last.start > i && isNameLikeTag(last.tag))) continue;
    let len = nameLengthAt(ctx, p, known);
    if (len === 0) continue;
    // A Mongolian name goes on over the name elements after it (牧民乌哈 + 毕力格), as the model's spans do.
    len = mongolianTail(ctx, p, p + len) - p;
    // Transliterated names go on after a middle dot (迈克·鲍林).
    while ((text[p + len] === '·' || text[p + len] === '•') && isHanAt(text, p + len + 1)) {
      let k = p + len + 1;
      while (
        k < text.length &&
        isHanAt(text, k) &&
        k - (p + len) <= 6 &&
        !ctx.lex.personCues.longestAt(text, k) &&
        !HONORIFIC.test(text.slice(k, k + 2)) &&
        !clauseWordAt(ctx, k)
      )
        k++;
      len = k - p;
    }
    // A credit's 文 before its slash (记者某某文/图: text and pictures by) is no part of the name.
    len = endBeforeCredit(text, p, p + len) - p;
    out.push({ start: p, end: p + len, kind: 'PERSON', priority: 5, rule: 'person:title' });
  }
  return dedupe(out);
}

/** 萨仁苏和说, 路国庆介绍道: a clause-initial name before a speech verb. */
export function speakerNames(ctx: RuleContext): Candidate[] {
  const out: Candidate[] = [];
  const { text } = ctx;
  for (let c = 2; c < text.length; c++) {
    if (SPEECH_FIRST[text.charCodeAt(c)] !== 1 || !SPEECH.some((w) => text.startsWith(w, c))) continue;
    // The verb starts a word: 说 inside 听说, 演说, 难说 is no speech verb after a name.
    if (!isTokenStart(ctx, c) && !ctx.gaps.has(c)) continue;
    for (let len = 2; len <= MAX_NAME && c - len >= 0; len++) {
      const p = c - len;
      const surname = ctx.lex.surnames.longestAt(text, p, 2) > 0;
      if (!isBreak(ctx, p) && !(surname && STOP_CHARS.has(text[p - 1]!))) continue;
      if (!isTokenStart(ctx, p) || !plausibleName(ctx, p, len)) continue;
      if (NOT_NAME_END.has(text[c - 1]!)) continue;
      // Without a surname, the name must open with a word jieba does not know (萨仁苏和, 金宝).
      const first = tokenAt(ctx, p);
      if (!surname && !(first && first.start === p && first.tag === 'x' && first.end - first.start >= 2)) continue;
      if (surname && first && first.start === p && first.end - first.start >= 2 && !/^(x|nr|nrfg|nrt)$/.test(first.tag)) continue;
      out.push({ start: p, end: c, kind: 'PERSON', priority: 4, rule: 'person:speaker' });
      break;
    }
  }
  return out;
}

/** What ends a caption's sentence before its photo credit. */
const CAPTION_END = new Set([...'。！？!?']);

/** Bylines and photo credits: □郝佳丽, a line holding only a name, 韩海鹏 摄. */
export function creditNames(ctx: RuleContext): Candidate[] {
  const out: Candidate[] = [];
  const { text, lex } = ctx;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let s = lineStart;
    let e = lineEnd;
    while (s < e && /[\s□■]/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    const marked = /□/.test(text.slice(lineStart, s));
    const len = e - s;
    // A line that is only a name (a byline whose □ the layout analysis removed, or kept); not a name and 摄 (a
    // photo credit, below).
    const credit = len >= 3 && text[e - 1] === '摄';
    if (len >= 2 && len <= (marked ? MAX_NAME : 4) && !credit && (marked || lex.surnames.longestAt(text, s, 2) > 0) && plausibleName(ctx, s, len)) {
      out.push({ start: s, end: e, kind: 'PERSON', priority: 4, rule: 'person:byline' });
    } else if (marked && !lex.titles.longestAt(text, s)) {
      const n = nameLengthAt(ctx, s);
      if (n > 0) out.push({ start: s, end: s + n, kind: 'PERSON', priority: 4, rule: 'person:byline' });
    }
    // Photo credit at the end of a line ("… 韩海鹏 摄"), or of a caption's sentence where the page's lines were
    // joined ("…更壮。张 军摄" + a gap).
    for (let k = text.indexOf('摄', s); k >= 0 && k < e; k = text.indexOf('摄', k + 1)) {
      if (k - s < 2 || (k !== e - 1 && !ctx.gaps.has(k + 1) && isHanAt(text, k + 1))) continue;
      for (let n = 2; n <= 4 && k - n >= s; n++) {
        const p = k - n;
        const opens = k === e - 1 ? isBreak(ctx, k) || p === s : CAPTION_END.has(text[p - 1] ?? '');
        if (isBreak(ctx, p) && opens && plausibleName(ctx, p, n)) {
          out.push({ start: p, end: k, kind: 'PERSON', priority: 4, rule: 'person:credit' });
          break;
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  return out;
}

/** Separators inside a byline's list of names (the PDF repair turns spaces into gaps). */
const LIST_SEPARATORS = new Set([...'、，, ']);

/** What ends a byline's last name without a separator: 报道, 摄, a speech verb or another cue. */
function closesByline(ctx: RuleContext, at: number): boolean {
  const { text } = ctx;
  return text.startsWith('报道', at) || text[at] === '摄' || ctx.lex.personCues.longestAt(text, at) >= 2 || ctx.lex.titles.longestAt(text, at) >= 2;
}

/** Byline titles that running text also uses as common nouns (the author of a work, an editor). */
const COMMON_NOUN_TITLES: ReadonlySet<string> = new Set(['作者', '编辑', '撰稿']);

/** First UTF-16 units of BYLINE_TITLES: the scan tries the titles only where one may start. */
const BYLINE_FIRST = firstUnits(BYLINE_TITLES);
/**
 * The names a byline lists after its title: each a run of Han characters between separators (a removed
 * space, 、 or a comma). A run of two to four characters is one name; a run of four to six that splits into
 * two names both opening with a surname (李春 + 段晨曦, when the page lost the space between them) is two.
 */
export function bylineNames(ctx: RuleContext): Candidate[] {
  const out: Candidate[] = [];
  const { text, lex } = ctx;
  for (let i = 0; i < text.length; i++) {
    if (BYLINE_FIRST[text.charCodeAt(i)] !== 1) continue;
    const title = BYLINE_TITLES.find((w) => text.startsWith(w, i));
    if (!title) continue;
    let k = i + title.length;
    const after = k;
    if (text[k] === '：' || text[k] === ':') k++;
    while (text[k] === ' ' || text[k] === '\u3000') k++;
    if (!isHanAt(text, k)) continue;
    // A title that is also a common noun (作者之手, 工作者要学, 编辑者说) opens a byline only with a colon or a space
    // after it (作者：某某, 编辑 某某).
    if (COMMON_NOUN_TITLES.has(title) && k === after && !ctx.gaps.has(k)) continue;
    const names: Array<[number, number]> = [];
    for (let n = 0; n < 8 && isHanAt(text, k); n++) {
      let e = k + 1;
      while (e < text.length && isHanAt(text, e) && !ctx.gaps.has(e) && e - k < 8 && !(e - k >= 2 && closesByline(ctx, e))) e++;
      const len = e - k;
      if (isHanAt(text, e) && !ctx.gaps.has(e) && !closesByline(ctx, e)) break; // a run too long to be names
      // After a break (white space, a line's end), a run that a comma closes opens the paragraph after the byline
      // (通讯员某某 + 时间飞逝，转眼间…), not a further name.
      if (names.length > 0 && ctx.gaps.has(k) && /[，,]/.test(text[e] ?? '')) break;
      // A four-character item between separators (王安浩维 in 杨静、吴寒、王安浩维、吕馨慧) is one name.
      const listed = len === 4 && names.length > 0 && lex.surnames.longestAt(text, k, 1) > 0 && (LIST_SEPARATORS.has(text[e]!) || !isHanAt(text, e));
      if (len >= 2 && len <= 4 && (plausibleName(ctx, k, len) || mongolianCover(ctx, k, len) || (listed && !lex.nonEntities.has(text.slice(k, e)))))
        names.push([k, e]);
      else if (len >= 4 && len <= 6) {
        // Two names the page ran together (李平 + 赵晓东): both open with a surname and jieba cuts between them.
        // When both cuts qualify, the one jieba also cuts at decides; jieba alone may glue a surname to the
        // name before it (李春段|晨曦), so a single qualifying cut is taken even where jieba does not cut.
        const splits = [2, 3].filter((a) => {
          const b = len - a;
          return (
            b >= 2 &&
            b <= 3 &&
            lex.surnames.longestAt(text, k, 2) > 0 &&
            lex.surnames.longestAt(text, k + a, 2) > 0 &&
            plausibleName(ctx, k, a, true) &&
            plausibleName(ctx, k + a, b, true)
          );
        });
        const cutByJieba = splits.filter((a) => (tokenAt(ctx, k + a)?.start ?? k + a) >= k + a);
        const split = splits.length === 1 ? splits[0]! : cutByJieba.length === 1 ? cutByJieba[0]! : 0;
        if (split > 0) names.push([k, k + split], [k + split, e]);
        // Else a longer run the name rules read whole (巴依斯古楞, closed by the space after it) is one name.
        else if (len >= 5 && len <= MAX_NAME && nameLengthAt(ctx, k) === len) names.push([k, e]);
        else break;
      } else break;
      k = e;
      if (LIST_SEPARATORS.has(text[k]!)) k++;
      else if (!ctx.gaps.has(k)) break;
    }
    for (const [s0, e0] of names) {
      // A credit's 文 before its slash (某某文/图: text and pictures by) is no part of the name.
      out.push({ start: s0, end: endBeforeCredit(text, s0, e0), kind: 'PERSON', priority: 6, rule: 'person:byline' });
    }
    if (names.length > 0) i = names[names.length - 1]![1] - 1;
  }
  return out;
}

/** Names in jieba's dictionary (nrfg: 习近平), and nr words right before a title (王刚同志). */
export function dictionaryNames(ctx: RuleContext): Candidate[] {
  const out: Candidate[] = [];
  for (const t of ctx.tokens) {
    const len = t.end - t.start;
    if (len < 2 || len > 4) continue;
    const beforeTitle = ctx.lex.titles.longestAt(ctx.text, t.end) >= 2 || ctx.text.startsWith('同志', t.end);
    if (t.tag === 'nrfg' || (t.tag === 'nr' && beforeTitle && ctx.lex.surnames.longestAt(ctx.text, t.start, 2) > 0)) {
      if (!ctx.lex.nonEntities.has(t.word) && !/[家村庄部]$/.test(t.word))
        out.push({ start: t.start, end: t.end, kind: 'PERSON', priority: 2, rule: 'person:dictionary' });
    }
  }
  return out;
}

export function personCandidates(ctx: RuleContext): Candidate[] {
  const sure = [...speakerNames(ctx), ...creditNames(ctx)];
  // Names fixed by a speech verb or a credit decide how long the same name is after a title.
  const known = new Set(sure.map((c) => ctx.text.slice(c.start, c.end)));
  return [...bylineNames(ctx), ...titleNames(ctx, known), ...sure, ...dictionaryNames(ctx)];
}
