/**
 * What every rule family reads: the text, its jieba tokens indexed by character, the PDF gaps, the
 * lexicons and (when available) the national division index. Built once per `recognize` call.
 */
import type { EntityKind, Token } from '../../types.js';
import type { Lexicons } from './lexicon.js';
import { firstUnits } from '../../text/units.js';

/** A rule's proposal. Higher `priority` wins overlaps; `rule` names the family (for tests and debugging). */
export interface Candidate {
  start: number;
  end: number;
  kind: EntityKind;
  canonical?: string;
  priority: number;
  rule: string;
  /** The model's posterior of this span, where it was computed (model spans only). */
  score?: number;
}

/** Exact-name lookups in the administrative division index (optional: rules work without it). */
export interface PlaceIndex {
  /** True when `name` is the full name of a division (伊和乌拉嘎查). */
  isDivision(name: string): boolean;
  /** Full name for a known abbreviation of a province, prefecture or county (新左旗 → 新巴尔虎左旗). */
  expandAbbreviation(name: string): string | undefined;
  /** Full name for a short name without suffix (二连浩特 → 二连浩特市, 广东 → 广东省). */
  expandShortName(name: string): string | undefined;
  /** True when `name` is the full name of a province-level division (浙江省, 上海市, 内蒙古自治区). */
  isProvince(name: string): boolean;
  /** True when `name` is the full name of a prefecture-level division (和田地区, 兴安盟, 张掖市). */
  isPrefecture(name: string): boolean;
}

export interface RuleContext {
  text: string;
  tokens: readonly Token[];
  /** tokenOf[i] = index in `tokens` of the token covering character i, or -1. */
  tokenOf: Int32Array;
  gaps: ReadonlySet<number>;
  lex: Lexicons;
  places?: PlaceIndex;
}

export function buildContext(text: string, tokens: readonly Token[], gaps: readonly number[], lex: Lexicons, places?: PlaceIndex): RuleContext {
  const tokenOf = new Int32Array(text.length).fill(-1);
  tokens.forEach((t, k) => {
    for (let i = Math.max(0, t.start); i < Math.min(text.length, t.end); i++) tokenOf[i] = k;
  });
  return { text, tokens, tokenOf, gaps: new Set(gaps), lex, ...(places ? { places } : {}) };
}

/**
 * Whether the spaces normalization took out of `text` were the writer's (a web page: a few, each meaning
 * something) rather than a PDF's layout (dozens per thousand characters, between any two characters). The
 * bound lies between the densest web article of the genre set (30 per 1000 characters) and the PDF pages (≥ 70).
 */
export function spacesAreWritten(textLength: number, gapCount: number): boolean {
  return gapCount * 1000 < WRITTEN_GAPS_PER_1000 * Math.max(textLength, 1);
}
const WRITTEN_GAPS_PER_1000 = 40;

/** Opening and closing quotation marks of Chinese text (curly, corner and straight). */
const QUOTE_PAIRS: Readonly<Record<string, string>> = { '“': '”', '「': '」', '『': '』', '"': '"', '‘': '’' };

/** One flag per UTF-16 unit: whether it opens a pair of QUOTE_PAIRS (all are single units). */
const OPENING_QUOTE = firstUnits(Object.keys(QUOTE_PAIRS));

/**
 * The phrases between quotation marks, as [start, end) of their inside, in order: each opening mark with its
 * nearest closing mark no more than `max` characters on (longer or unclosed: no phrase).
 */
export function quotedPhrases(text: string, max: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < text.length; i++) {
    // A code test first: looking every character up in QUOTE_PAIRS made a one-character string of it.
    if (OPENING_QUOTE[text.charCodeAt(i)] !== 1) continue;
    const close = QUOTE_PAIRS[text[i]!];
    if (!close) continue;
    const j = text.indexOf(close, i + 1);
    if (j < 0 || j - i - 1 > max) continue;
    out.push([i + 1, j]);
    i = j;
  }
  return out;
}

/** Whether [start, end) of `text` stands between a pair of quotation marks (“…”, 「…」, ‘…’ …). */
export function betweenQuotes(text: string, start: number, end: number): boolean {
  const close = QUOTE_PAIRS[text[start - 1] ?? ''];
  return close !== undefined && text[end] === close;
}

/** Opening brackets and quotes with their closers (QUOTE_PAIRS' symmetric ASCII `"` is counted apart). */
const BRACKET_PAIRS: Readonly<Record<string, string>> = { '(': ')', '（': '）', '[': ']', '【': '】', '《': '》', '〈': '〉', ...QUOTE_PAIRS };
const CLOSERS = new Set(Object.values(BRACKET_PAIRS));
/** One flag per UTF-16 unit: whether bracketsBalanced counts it (an opener, a closer or `"`; all are single units). */
const BRACKET_UNITS = firstUnits([...Object.keys(BRACKET_PAIRS), ...CLOSERS]);

/**
 * Whether every bracket and quote that opens in `s` closes in it, in order, and none closes that did not open:
 * a name may hold a bracketed part (柯达（中国）股份有限公司), never half of one (法国《队报, 县（市）委 cut after the
 * opening bracket, 国土资源厅)党组 run on over a closing one).
 */
export function bracketsBalanced(s: string): boolean {
  // Most names hold no bracket or quote at all: one flag read per unit says so, without the code-point iterator
  // and the lookups below (combine asks this of every candidate).
  let marks = false;
  for (let i = 0; i < s.length && !marks; i++) marks = BRACKET_UNITS[s.charCodeAt(i)] === 1;
  if (!marks) return true;
  const open: string[] = [];
  let straight = 0;
  for (const ch of s) {
    if (ch === '"') straight++;
    else if (BRACKET_PAIRS[ch]) open.push(BRACKET_PAIRS[ch]);
    else if (CLOSERS.has(ch) && open.pop() !== ch) return false;
  }
  return open.length === 0 && straight % 2 === 0;
}

/** Whether quoted phrase `b` follows `a` as the next item of one list (“A”“B”, “A”、“B”, “A”和“B”). */
export function listedAfter(text: string, a: readonly [number, number], b: readonly [number, number]): boolean {
  return /^[、和]?$/.test(text.slice(a[1] + 1, b[0] - 1));
}

/** A Han ideograph (BMP blocks; extension planes are rare in news text and treated as non-Han). */
export function isHan(ch: string | undefined): boolean {
  if (ch === undefined || ch.length === 0) return false;
  return isHanCode(ch.charCodeAt(0));
}

/** isHan(text[i]) without making a string of text[i] (false outside the text). */
export function isHanAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && isHanCode(text.charCodeAt(i));
}

function isHanCode(c: number): boolean {
  // 丨 (U+4E28) is an ideograph that web pages use as a separator (来源：人民网丨作者：…): never part of a name.
  return ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) && c !== 0x4e28;
}

/**
 * True when position i (between text[i-1] and text[i]) is a hard break for names: text edge, a removed
 * space (PDF gap), or a non-Han character on either side.
 */
export function isBreak(ctx: RuleContext, i: number): boolean {
  if (i <= 0 || i >= ctx.text.length) return true;
  return ctx.gaps.has(i) || !isHanAt(ctx.text, i - 1) || !isHanAt(ctx.text, i);
}

/** The token covering character i, if any. */
export function tokenAt(ctx: RuleContext, i: number): Token | undefined {
  const k = i >= 0 && i < ctx.tokenOf.length ? ctx.tokenOf[i]! : -1;
  return k >= 0 ? ctx.tokens[k] : undefined;
}

/** Tags of tokens that are never part of a name: verbs, function words, numbers, time words. */
const FUNCTION_TAGS = /^(v|vd|vg|p|c|d|dg|u|uj|ul|uz|uv|ud|ug|r|rr|rz|m|mq|q|f|s|t|tg|ad|y|e|o|zg)$/;

/** Whether a jieba tag marks a function or verb word (never inside a proper name). */
export function isFunctionTag(tag: string): boolean {
  return FUNCTION_TAGS.test(tag);
}

/** Tags jieba gives to names or to words it does not know (most unseen names). */
export function isNameLikeTag(tag: string): boolean {
  return /^(x|nr|nrt|nrfg|nz|ns|nt|j|eng|zg|ng)$/.test(tag);
}

/**
 * Whether jieba knows the token as a term: a proper noun (nz) of `min` characters or more (共同富裕, 大力发展),
 * which reads as a phrase, not as part of a name.
 */
export function isKnownTerm(t: Token | undefined, min: number): boolean {
  return t !== undefined && t.tag === 'nz' && t.end - t.start >= min;
}

/** True if a token of two or more characters that passes `test` lies entirely inside [start, end). */
export function hasWordInside(ctx: RuleContext, start: number, end: number, test: (tag: string) => boolean): boolean {
  for (let i = start; i < end;) {
    const t = tokenAt(ctx, i);
    if (!t) {
      i++;
      continue;
    }
    if (t.start >= start && t.end <= end && t.end - t.start >= 2 && test(t.tag)) return true;
    i = Math.max(i + 1, t.end);
  }
  return false;
}

/** True if a token of two or more characters lies entirely inside [start, end) and is a function word. */
export function hasFunctionWordInside(ctx: RuleContext, start: number, end: number, allowVerbs = false): boolean {
  return hasWordInside(ctx, start, end, (tag) => isFunctionTag(tag) && !(allowVerbs && /^v/.test(tag)));
}

/** Verbs of founding and running a body (党支部领办合作社: a cooperative the party branch runs). */
export const FOUNDING_VERBS: readonly string[] = ['领办', '创办', '兴办', '开办', '领建'];

/** Words that end a name scan to the left whatever jieba tags them (图为 is a caption's opening). */
export const STOP_WORDS = new Set([
  '当地',
  '新一届',
  '本届',
  '上届',
  '历届',
  '图为',
  '其中',
  '目前',
  '同时',
  '此外',
  '另外',
  '近日',
  '日前',
  '今年',
  '去年',
  '还有',
  '以及',
  '通过',
  '作为',
  '成为',
  '开展',
  '组建',
  '成立',
  // 代表 (on behalf of) between a speaker and the body he speaks for (X代表市委、市政府).
  '代表',
  // Verbs of founding and running, which jieba tags as nouns (党支部 + 领办 + 合作社).
  ...FOUNDING_VERBS,
]);

/**
 * Adverbs of manner that open a clause's verb phrase (紧紧抓住, 充分发挥, 切实加强): a word opening with one ends a name
 * scan to the left whatever jieba tags it (it tags 紧紧抓住 an idiom, 充分发挥 a noun). MSRA train + test, People's
 * Daily 1998-01 and dev name no body with one of them inside.
 */
export const MANNER_ADVERB = /^(紧紧|充分|切实|认真|大力|积极|不断|努力|主动|扎实|牢牢|坚决|始终|着力)/;

/** Characters that end a name scan to the left when they stand alone (function words). */
export const STOP_CHARS = new Set([...'的了着在是和与及或对从到将为把被向由以于等各全本该每这那其此我你他她它们个之所就都也又还并而给让使']);

/** One candidate per (start, end, kind): the one of highest priority (then the first proposed). */
export function dedupe(cands: readonly Candidate[]): Candidate[] {
  const best = new Map<string, Candidate>();
  for (const c of cands) {
    const key = `${c.start}:${c.end}:${c.kind}`;
    const prev = best.get(key);
    if (!prev || c.priority > prev.priority) best.set(key, c);
  }
  return [...best.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}
