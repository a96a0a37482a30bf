/**
 * Program rules (PROGRAM has no training data; it comes from rules alone):
 *   - named national programs and campaigns of the lexicon (脱贫攻坚, 主题党日, 村村响);
 *   - team types, posts and platforms by their head word, with the modifiers that belong to the name
 *     (青年党员 + 突击队, 疫情防控 + 尖刀班, 党建 + 联合体);
 *   - phrases that stood in quotation marks, which the PDF turned into white space (the `gaps`): a gap-
 *     delimited phrase right after a verb of launching (打造 林西小笨鸡, 依托 有事村里(社区)说), or right
 *     before a head noun (小养殖 项目, 合作社+贫困户+公司 的…模式).
 */
import type { Candidate, RuleContext } from './context.js';
import { STOP_CHARS, isFunctionTag, isHan, isHanAt, listedAfter, quotedPhrases, spacesAreWritten, tokenAt } from './context.js';

const MAX_QUOTED = 24;
/** 以 X 为抓手: what follows a program set up as the means of the work. */
const ROLE_AFTER = /^为(抓手|引领|载体|契机|平台|核心|重点|切入点|突破口|主线|统领)/;
/** Characters that cannot stand inside a quoted program name (sentence punctuation). */
const SENTENCE_PUNCT = /[，,。；;：:！!？?…\n"“”《》]/;

export function lexiconPrograms(ctx: RuleContext): Candidate[] {
  const out: Candidate[] = [];
  const { text, lex } = ctx;
  for (let i = 0; i < text.length; i++) {
    const l = lex.programList.longestAt(text, i);
    if (l === 0) continue;
    const canonical = lex.programs.get(text.slice(i, i + l));
    out.push({ start: i, end: i + l, kind: 'PROGRAM', priority: 4, rule: 'program:known', ...(canonical ? { canonical } : {}) });
    i += l - 1;
  }
  return out;
}

export function cuePrograms(ctx: RuleContext): Candidate[] {
  const out: Candidate[] = [];
  const { text, lex } = ctx;
  for (let i = 0; i < text.length; i++) {
    const cl = lex.programCueList.longestAt(text, i);
    if (cl === 0) continue;
    const mode = lex.programCues.get(text.slice(i, i + cl))!;
    const end = i + cl;
    if (mode === 'quoted') continue;
    // 工作队长, 突击队员: the head is part of a title.
    if (text[end] === '长' || text[end] === '员') continue;
    let s = i;
    for (;;) {
      const ml = lex.programModifiers.longestEndingAt(text, s);
      if (ml === 0) break;
      s -= ml;
    }
    if (mode === 'stem' && s === i) continue;
    out.push({ start: s, end, kind: 'PROGRAM', priority: 4, rule: 'program:cue' });
    i = end - 1;
  }
  return out;
}

/** A head noun after a quoted phrase: optional 的, up to six characters of description, then the head. */
function headAfter(ctx: RuleContext, at: number): { len: number; direct: boolean } | undefined {
  const { text, lex } = ctx;
  // 以 X 为抓手 / 为引领 / 为载体: the phrase is what the work is organized around.
  if (ROLE_AFTER.test(text.slice(at, at + 4))) return { len: 0, direct: true };
  const direct = lex.programCueList.longestAt(text, at);
  if (direct > 0 && lex.programCues.get(text.slice(at, at + direct)) === 'quoted') return { len: direct, direct: true };
  let k = at;
  if (text[k] === '的') k++;
  for (let n = 0; n <= 6 && k + n < text.length && isHanAt(text, k + n); n++) {
    const l = lex.programCueList.longestAt(text, k + n);
    if (l > 0 && lex.programCues.get(text.slice(k + n, k + n + l)) === 'quoted') return { len: 0, direct: false };
  }
  return undefined;
}

/** Whether every word of [start, end) is a common noun or adjective (绿色农畜产品): a description, not a name. */
function allCommonWords(ctx: RuleContext, start: number, end: number): boolean {
  for (let i = start; i < end;) {
    const t = tokenAt(ctx, i);
    if (!t) return false;
    if (!/^(n|a|an|vn|b)$/.test(t.tag)) return false;
    i = Math.max(i + 1, t.end);
  }
  return true;
}

export function quotedPrograms(ctx: RuleContext): Candidate[] {
  const out: Candidate[] = [];
  const { text, lex } = ctx;
  const gaps = [...ctx.gaps].sort((a, b) => a - b);
  for (let a = 0; a < gaps.length; a++) {
    const g1 = gaps[a]!;
    // A gap inside a function word (通 过) is line wrapping, not a quotation mark.
    const across = tokenAt(ctx, g1 - 1);
    if (across && across.end > g1 && isFunctionTag(across.tag)) continue;
    const tl = lex.programTriggers.longestEndingAt(text, g1);
    const triggered = tl > 0;
    // 以 is too common to announce a name by itself: only with 为抓手 and the like after the phrase.
    const needsRole = tl === 1 && text[g1 - 1] === '以';
    let best: { end: number; rank: number } | undefined;
    for (let b = a + 1; b < gaps.length && b <= a + 3; b++) {
      const g2 = gaps[b]!;
      if (g2 - g1 > MAX_QUOTED) break;
      // A gap inside a known word (全 民) is line wrapping: the quotation goes on.
      const inside = tokenAt(ctx, g2);
      if (inside && inside.start < g2 && inside.tag !== 'x') continue;
      const phrase = text.slice(g1, g2);
      if (SENTENCE_PUNCT.test(phrase) || phrase.length < 2) break;
      if (phrase.endsWith('的') || !isHan(phrase[0]) || lex.nonEntities.has(phrase)) continue;
      const head = headAfter(ctx, g2);
      if (needsRole && !ROLE_AFTER.test(text.slice(g2, g2 + 4))) continue;
      // A phrase opening with a function word (我为群众办实事) is a name only after a launch verb and before a head.
      if (STOP_CHARS.has(phrase[0]!) && !(triggered && head)) continue;
      const listed = /[+＋、]/.test(phrase);
      let rank = 0;
      if (head?.direct && (triggered || phrase.length <= 8 || listed)) rank = 3;
      else if (head && !head.direct && phrase.length <= 12 && (triggered || listed)) rank = 2;
      else if (triggered && phrase.length <= 6) rank = 1;
      if (rank === 0) continue;
      if (!triggered && !listed && allCommonWords(ctx, g1, g2)) continue;
      // An enumeration names the mechanism as a whole (党建统领、基层治理、全民网格服务机制).
      const end = head && head.direct && phrase.includes('、') ? g2 + head.len : g2;
      // The first close with a head noun wins; a bare short phrase after a verb only if there is none.
      if (!best || (best.rank < 2 && rank > best.rank)) best = { end, rank };
      if (rank >= 2) break;
    }
    if (best) out.push({ start: g1, end: best.end, kind: 'PROGRAM', priority: 3, rule: 'program:quoted' });
  }
  return out;
}

/**
 * Heads that make a program of a phrase only right after real quotation marks (“最强党支部”工作): after a
 * PDF's gap they follow any description of work (…等疫情防控工作).
 */
const MARKED_HEADS = ['工作'];
/** A marked head that ends its phrase (“A”工作，…), not one opening a body's name (“A”工作小组). */
function markedHead(text: string, at: number): boolean {
  const h = MARKED_HEADS.find((w) => text.startsWith(w, at));
  return h !== undefined && (!isHanAt(text, at + h.length) || '的和与中上'.includes(text[at + h.length]!));
}
/** A numeral, a measure word and one noun (一盘棋, 一张网, 三部曲): a metaphor, not a counted slogan. */
const METAPHOR = /^[一二三四五六七八九十两]+[盘张部把场根片份面道本支台座幅首种批套股]\p{Script=Han}$/u;
/** Han numerals that open counted slogans (一村一品, 五星党支部, 两学一做). */
const NUMERAL_START = /^[一二三四五六七八九十两百千万双]/;
/** Longest quoted phrase read as a program from its shape alone. */
const MAX_SHAPED = 20;

/** Whether a quoted phrase ([s, e) of `text`) is short and holds no sentence punctuation. */
function shaped(text: string, [s, e]: readonly [number, number]): boolean {
  return e - s <= MAX_SHAPED && !SENTENCE_PUNCT.test(text.slice(s, e));
}

/**
 * Phrases between real quotation marks (“党建+治理”, “支部牵头、党员示范”, “一村一品”), where the PDF path
 * sees gaps. The quotation marks are certain, so the phrase's shape can decide: an enumeration or a
 * combination (、 + or a space between parts: the mechanism names its parts), a counted slogan opening with a
 * numeral, or a phrase that ends in a program head (行动, 工程, 计划 …) or is followed by one (模式, 项目 …). A
 * quoted sentence (with a comma or full stop), a metaphor or an honour (领头雁, 宜居乡村) has none of these.
 */
export function markedQuotePrograms(ctx: RuleContext): Candidate[] {
  const out: Candidate[] = [];
  const { text, lex } = ctx;
  const written = spacesAreWritten(text.length, ctx.gaps.size);
  const phrases = quotedPhrases(text, MAX_QUOTED);
  for (let q = 0; q < phrases.length; q++) {
    const [start, j] = phrases[q]!;
    const phrase = text.slice(start, j);
    if (phrase.length < 2 || SENTENCE_PUNCT.test(phrase) || !isHan(phrase[0]) || lex.nonEntities.has(phrase)) continue;
    if (STOP_CHARS.has(phrase[0]!) && !NUMERAL_START.test(phrase)) continue;
    // A writer's space between two parts of three characters or more may have been taken out by
    // normalization: it left one gap.
    const inside = written ? [...ctx.gaps].filter((g) => g > start && g < j) : [];
    const gapInside = inside.length === 1 && inside[0]! - start >= 3 && j - inside[0]! >= 3;
    const listed = gapInside || /[+＋、]|[\u4e00-\u9fff][ \u3000][\u4e00-\u9fff]/.test(phrase);
    const counted =
      NUMERAL_START.test(phrase) &&
      phrase.length >= 3 &&
      phrase.length <= 8 &&
      !/^[一二三四五六七八九十两百千万]+[个名位条年天次]/.test(phrase) &&
      !METAPHOR.test(phrase);
    const cueEnd = lex.programCueList.longestEndingAt(text, j, start) > 0;
    // Quoted items in a row share the head after the last (“A”“B”计划, “A”、“B”等活动).
    let last = q;
    while (last + 1 < phrases.length && listedAfter(text, phrases[last]!, phrases[last + 1]!) && shaped(text, phrases[last + 1]!)) last++;
    let after = phrases[last]![1] + 1;
    if (text.startsWith('等', after)) after++;
    const head = headAfter(ctx, after);
    // A head after the quote names a program of a noun phrase, not of a word of speech (“很好”工作).
    const first = tokenAt(ctx, start);
    const lastWord = tokenAt(ctx, j - 1);
    const nominal =
      (!first || first.start !== start || !/^(d|r|rr|rz|c|p|u|uj|ul|uz|uv|ud|ug|y|e|o|zg)$/.test(first.tag)) &&
      (!lastWord || lastWord.end !== j || !/^(a|ad|d|zg|ul|uj|y|e)$/.test(lastWord.tag));
    const ok =
      (phrase.length <= MAX_SHAPED && (listed || counted)) ||
      (cueEnd && phrase.length >= 4) ||
      ((head?.direct === true || markedHead(text, after)) && phrase.length <= 8 && nominal);
    if (!ok) continue;
    out.push({ start, end: j, kind: 'PROGRAM', priority: 3, rule: 'program:marked' });
  }
  return out;
}

/**
 * A short quoted noun phrase in apposition after a category noun and before a conjunction or punctuation:
 * 广播 大喇叭 和党员宣传 小喇叭 , (the campaign's names for its broadcasts).
 */
export function appositionPrograms(ctx: RuleContext): Candidate[] {
  const out: Candidate[] = [];
  const { text, lex } = ctx;
  const gaps = [...ctx.gaps].sort((a, b) => a - b);
  for (let a = 0; a + 1 < gaps.length; a++) {
    const g1 = gaps[a]!;
    const g2 = gaps[a + 1]!;
    const phrase = text.slice(g1, g2);
    if (phrase.length < 2 || phrase.length > 5 || lex.nonEntities.has(phrase)) continue;
    const before = tokenAt(ctx, g1 - 1);
    if (!before || before.end !== g1 || !/^(n|vn|nz)$/.test(before.tag) || before.end - before.start < 2) continue;
    if (!/^[和与及、,，。;；]/.test(text.slice(g2, g2 + 1))) continue;
    let ok = true;
    for (let i = g1; i < g2 && ok;) {
      const t = tokenAt(ctx, i);
      if (!t || t.start < g1 || t.end > g2 || !/^(n|a|an|b)$/.test(t.tag)) ok = false;
      else i = t.end;
    }
    const last = tokenAt(ctx, g2 - 1);
    if (ok && last && last.tag === 'n') out.push({ start: g1, end: g2, kind: 'PROGRAM', priority: 2, rule: 'program:apposition' });
  }
  return out;
}

/** Verbs that launch the campaigns listed after them (开展…行动、…行动). */
const LAUNCH = /开展|实施|启动|推进/;
/** An item of such a list: five to sixteen Han characters ending like a campaign or plan. */
const CAMPAIGN = /^[\u4e00-\u9fff]{3,14}(行动|计划|工程)$/;

/**
 * Campaigns listed after a verb of launching (开展青少年科学素质提升行动、农民科学素质提升行动): the rest of the
 * clause after the verb, split at 、, when every item is five to sixteen Han characters ending in 行动, 计划 or
 * 工程, gives one program per item; so do the first items when two or more of them are such and the list then
 * goes on with something else.
 */
export function launchedPrograms(ctx: RuleContext): Candidate[] {
  const out: Candidate[] = [];
  const { text } = ctx;
  // No verb of launching anywhere: no clause holds one.
  if (!LAUNCH.test(text)) return out;
  for (const clause of text.matchAll(/[^，,。；;：:！!？?\n]+/gu)) {
    const verb = LAUNCH.exec(clause[0]);
    if (!verb) continue;
    // An aspect particle after the verb (启动了…行动) is no part of the first item.
    const from = verb.index + verb[0].length + (/^[了着过]/.test(clause[0].slice(verb.index + verb[0].length)) ? 1 : 0);
    const all = clause[0].slice(from).split('、');
    // Every item, or a run of two or more from the first that the list then leaves for something else
    // (…培育计划、…兴川行动、在公务员录用中…).
    const run = all.findIndex((it) => !CAMPAIGN.test(it));
    const items = run < 0 ? all : run >= 2 ? all.slice(0, run) : [];
    if (items.length === 0) continue;
    let s = clause.index + from;
    for (const it of items) {
      out.push({ start: s, end: s + it.length, kind: 'PROGRAM', priority: 3, rule: 'program:launched' });
      s += it.length + 1;
    }
  }
  return out;
}

/** A part of an enumerated slogan: two to five Han characters. */
const SLOGAN_PART = /^[\u4e00-\u9fff]{2,5}$/;

/**
 * A slogan of three parts or more is written short by the first character of each (访民情、惠民生、聚民心 →
 * 访惠聚): where the text writes that short form, it is the same program (canonical: the full name), and its
 * characters are not names of their own (the model read 惠 as a place). `programs`: the other program
 * candidates of the text. Genre set: g16 −1 wrong place; PD dev none; 85 fresh genre pages −2 wrong places.
 */
export function abbreviatedPrograms(ctx: RuleContext, programs: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  const { text } = ctx;
  const seen = new Set<string>();
  for (const p of programs) {
    const full = p.canonical ?? text.slice(p.start, p.end);
    const parts = full.split('、');
    if (parts.length < 3 || !parts.every((x) => SLOGAN_PART.test(x))) continue;
    const short = parts.map((x) => x[0]).join('');
    if (seen.has(short)) continue;
    seen.add(short);
    for (let i = text.indexOf(short); i >= 0; i = text.indexOf(short, i + short.length))
      out.push({ start: i, end: i + short.length, kind: 'PROGRAM', priority: 4, rule: 'program:abbreviation', canonical: full });
  }
  return out;
}

export function programCandidates(ctx: RuleContext): Candidate[] {
  const found = [
    ...lexiconPrograms(ctx),
    ...cuePrograms(ctx),
    ...quotedPrograms(ctx),
    ...markedQuotePrograms(ctx),
    ...appositionPrograms(ctx),
    ...launchedPrograms(ctx),
  ];
  return found.concat(abbreviatedPrograms(ctx, found));
}
