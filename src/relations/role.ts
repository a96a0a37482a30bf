/**
 * `role`: PERSON → ORGANIZATION/PLACE, label = the title.
 * - <org|place><title><person>: 水泉沟村第一书记王瑞新, 林西镇党委书记任忠磊, 苏吉嘎查建档立卡贫困户萨仁苏和.
 * - <generic head><title><person>: 合作社负责人路国庆 → the cooperative named last before it.
 * - <person><title> with the implied body named in the sentence: 习近平总书记 … 党中央.
 * - <person>(现)任<org|place><title>: 金宝现任苏吉嘎查第一书记.
 * - Titles joined by 、 give one role each: 嘎查党支部书记、嘎查达宝音.
 * The title must fill the gap exactly, inside one sentence: a title with no name after it, or a name
 * after another name (张三和李四), gets nothing.
 */
import { BYLINE_TITLE_GROUP, SOURCE_CUES, STAFF_TITLES } from '../text/bylines.js';
import type { EntityMention, RelationFact } from '../types.js';
import { type ArticleView, between, fact, isKind, labelOf, CLAUSE_BREAK } from './context.js';
import { mainPlace } from './places.js';
import { lookupPlace } from '../lexicon/divisions.js';
import { GENERIC_HEADS, MEMBER_TITLES, POSTFIX_TITLE_BODY, RESIDENT_TITLES, TITLES, matchTitles, titleAtStart } from './titles.js';

function lastBefore(view: ArticleView, at: number, head: string): EntityMention | undefined {
  let found: EntityMention | undefined;
  for (const m of view.mentions) {
    if (m.start >= at) break;
    if (isKind(view, m, 'ORGANIZATION', 'PLACE') && labelOf(view, m).endsWith(head) && labelOf(view, m) !== head) found = m;
  }
  return found;
}

/** Whether `h` is one generic head or several run together (嘎查, 社区 + 党委, 嘎查 + 党支部). */
function isHeadSequence(h: string): boolean {
  const ends = new Set<number>([0]);
  for (let i = 0; i < h.length; i++) {
    if (!ends.has(i)) continue;
    for (const g of GENERIC_HEADS) if (h.startsWith(g, i)) ends.add(i + g.length);
  }
  return h.length > 0 && ends.has(h.length);
}

/** What may stand before a generic head in its clause: the sentence before, then a preposition. */
const HEAD_LEAD = /^(?:.*。)?(?:在|据|由|经|让|请|对|向|和|与|同|跟|而)?/;

/**
 * <generic head(s)><title><person> (`clause`: the text before the person in its clause): the head (合作社, 嘎查 …,
 * or several run together: 社区党委, 嘎查党支部) stands for the body named last before the clause whose name ends
 * so; the longest head that names such a body wins (在社区党委书记某某看来 → 红星社区党委, not 红星社区).
 */
function genericHeadRole(view: ArticleView, person: EntityMention, clause: string): RelationFact | undefined {
  const rest = clause.replace(HEAD_LEAD, '');
  let best: { head: string; title: string; target: EntityMention } | undefined;
  for (const title of TITLES) {
    if (!rest.endsWith(title) || MEMBER_TITLES.has(title)) continue;
    const head = rest.slice(0, rest.length - title.length);
    if ((best && best.head.length >= head.length) || !isHeadSequence(head)) continue;
    const target = lastBefore(view, person.start - clause.length, head);
    if (target) best = { head, title, target };
  }
  if (!best) return undefined;
  const hs = person.start - best.title.length - best.head.length;
  return fact(view, person.entity, best.target.entity, 'role', best.title, [
    [hs, hs + best.head.length],
    [person.start, person.end],
  ]);
}

/** Titles of a byline: the people after them report for an outlet. */
/** Text that ends right before an outlet named on a source line (来源：). */
const SOURCE_LINE_END = new RegExp(`(${SOURCE_CUES.join('|')})[：:]\\s*$`);
const BYLINE_TITLE = new RegExp(`${BYLINE_TITLE_GROUP}$`);
/** How a newspaper's or agency's name ends (大河报, 新华社), as against its site or app (豫视频). */
const PAPER_END = /(报|社)$/;
/** A byline's title opening its clause (after no Han character, or the separator 丨), as the text before a name ends (（记者, 作者：, 本报记者). */
const BYLINE_LEAD = new RegExp(`(?:^|[^\\u4e00-\\u9fff]|丨)(?:本报|本刊|全媒体|首席)?${BYLINE_TITLE_GROUP}[：:]?\\s*$`);
/** A dateline after an outlet's name: 新华社杭州9月11日电, 中新网兴安盟6月12日电, 遂宁讯. */
const DATELINE_AFTER = /^(?:[（(][^（()）\n]{1,12}[）)])?[\u4e00-\u9fff]{0,8}(\d{1,2}月\d{1,2}日电|讯(?![\u4e00-\u9fff]))/;

/**
 * The outlet an article names as its own: an organization on its source line (来源：人民网) or opening a
 * dateline (新华社杭州9月11日电). Bylines without an outlet before the title report for it.
 */
function articleOutlet(view: ArticleView): EntityMention | undefined {
  const text = view.article.text;
  let source: EntityMention | undefined;
  for (const m of view.mentions) {
    if (!isKind(view, m, 'ORGANIZATION')) continue;
    // The dateline names who wrote the story; a source line may name who republished it (中新网…电 under
    // 来源：金羊网), so a dateline wins.
    const opensLine = m.start === 0 || /\s/.test(text[m.start - 1]!) || view.article.gaps.includes(m.start);
    if (opensLine && DATELINE_AFTER.test(text.slice(m.end, m.end + 24))) return m;
    if (!source && SOURCE_LINE_END.test(text.slice(Math.max(0, m.start - 6), m.start))) source = m;
  }
  return source;
}

/** Heads of a level of government (省长, 副市长, 旗长): the level's character is group 1. */
const LEVEL_HEAD = /^副?(省|市|县|旗|盟|州)长$/;
/** A level head ending the text before a name, opening its clause (省委副书记、省长 | 副省长). */
const LEVEL_HEAD_BEFORE = /(?:^|[^\u4e00-\u9fff]|、)(副?(省|市|县|旗|盟|州)长)$/;

/**
 * The one place of a level (贵州省 for 省) the article names; undefined when it names none or several. A place
 * of that level opening an organization's name (吉林省 in 吉林省代表团) counts as named: resolution keeps no
 * province the article names only there.
 */
function levelPlace(view: ArticleView, level: string): EntityMention | undefined {
  let found: EntityMention | undefined;
  const named = new Set<string>();
  for (const m of view.all) {
    const label = labelOf(view, m);
    if (isKind(view, m, 'ORGANIZATION')) {
      const at = label.indexOf(level);
      const head = label.slice(0, at + 1);
      if (at >= 2 && at < label.length - 1 && lookupPlace(head).some((c) => c.match === 'exact')) named.add(head);
      continue;
    }
    if (!isKind(view, m, 'PLACE')) continue;
    if (label.length < 3 || !label.endsWith(level)) continue;
    if (found && labelOf(view, found) !== label) return undefined;
    found ??= m;
  }
  return found && [...named].every((n) => n === labelOf(view, found)) ? found : undefined;
}

/** The head of a page: an author's name alone on a line is taken among the first lines and characters only. */
const HEAD_LINES = 3;
const HEAD_LINES_CHARS = 200;

/** Whether the mention is all of its line (spaces aside). */
function aloneOnLine(text: string, m: { start: number; end: number }): boolean {
  const from = text.lastIndexOf('\n', m.start - 1) + 1;
  const to = text.indexOf('\n', m.end);
  return text.slice(from, m.start).trim() === '' && text.slice(m.end, to < 0 ? text.length : to).trim() === '';
}

/** 0-based index of the line holding `at`. */
function lineIndex(text: string, at: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Posts held in a village, written before a name with no body before them (the body is the article's village). */
const VILLAGE_POST_BEFORE = /(?:^|[^\u4e00-\u9fff]|的|、|，|,)((?:驻村)?第一书记|村医|村支书|村主任|村会计)$/;

export function roleFacts(view: ArticleView): RelationFact[] {
  const out: RelationFact[] = [];
  const text = view.article.text;
  let outlet: EntityMention | null | undefined;
  let village: EntityMention | null | undefined;
  /** Roles a byline gave a name, for the names listed after it (新华社记者杨帆、吴越). */
  const bylineRoles = new Map<EntityMention, RelationFact[]>();
  const byline = (person: EntityMention, f: RelationFact) => {
    out.push(f);
    if (BYLINE_TITLE.test(f.label)) bylineRoles.set(person, [...(bylineRoles.get(person) ?? []), f]);
  };
  for (const [sIndex, ms] of view.bySentence) {
    const sentence = view.article.sentences[sIndex];
    for (let j = 0; j < ms.length; j++) {
      const person = ms[j]!;
      if (!isKind(view, person, 'PERSON')) continue;
      const prev = j > 0 ? ms[j - 1]! : undefined;
      // A list of names after a byline's title (新华社记者杨帆、吴越): each name has the role of the first.
      if (prev && isKind(view, prev, 'PERSON') && /^\s*[、,，]?\s*$/.test(between(view, prev, person))) {
        const listed = bylineRoles.get(prev) ?? [];
        for (const f of listed) out.push(fact(view, person.entity, f.target, 'role', f.label, [[person.start, person.end]]));
        if (listed.length > 0) {
          bylineRoles.set(person, listed);
          continue;
        }
      }
      // <org|place><title>(、<title>)*<person>
      if (prev && isKind(view, prev, 'ORGANIZATION', 'PLACE')) {
        const titles = (matchTitles(between(view, prev, person)) ?? []).filter(
          (title) => !MEMBER_TITLES.has(title) && !(RESIDENT_TITLES.has(title) && isKind(view, prev, 'ORGANIZATION')),
        );
        // A joint byline names a paper and its channel (大河报·豫视频记者, 新甘肃·甘肃日报记者): the people
        // report for the paper.
        const joint = ms[j - 2];
        const employer =
          joint &&
          isKind(view, joint, 'ORGANIZATION') &&
          between(view, joint, prev) === '·' &&
          PAPER_END.test(labelOf(view, joint)) &&
          !PAPER_END.test(labelOf(view, prev))
            ? joint
            : prev;
        for (const title of titles) {
          // 省委副书记、省长 X: the head of a level (省长) heads the place, not the party committee.
          const level = LEVEL_HEAD.exec(title)?.[1];
          const target = level && isKind(view, employer, 'ORGANIZATION') ? levelPlace(view, level) : employer;
          if (target)
            byline(
              person,
              fact(view, person.entity, target.entity, 'role', title, [
                [employer.start, employer.end],
                [person.start, person.end],
              ]),
            );
        }
        // Earlier posts of a chain (浙江省委常委、杭州市委书记周江勇): each <body><title>、 before it.
        for (let k = j - 2, after = prev; titles.length > 0 && k >= 0; k--) {
          const body = ms[k]!;
          const gap = between(view, body, after);
          if (!isKind(view, body, 'ORGANIZATION', 'PLACE') || !gap.endsWith('、')) break;
          const posts = (matchTitles(gap.slice(0, -1)) ?? []).filter(
            (title) => !MEMBER_TITLES.has(title) && !(RESIDENT_TITLES.has(title) && isKind(view, body, 'ORGANIZATION')),
          );
          if (posts.length === 0) break;
          for (const title of posts)
            out.push(
              fact(view, person.entity, body.entity, 'role', title, [
                [body.start, body.end],
                [person.start, person.end],
              ]),
            );
          after = body;
        }
        if (titles.length > 0) continue;
      }
      // <byline title><person>: the outlet right before the title, else the one the article names as its own.
      const gapText = text.slice(prev ? prev.end : (sentence?.start ?? 0), person.start);
      const lead = BYLINE_LEAD.exec(gapText);
      if (lead && !STAFF_TITLES.has(lead[1]!)) {
        // An outlet right before the title (四川日报全媒体记者) is the one; else the article's own.
        const own = prev && isKind(view, prev, 'ORGANIZATION') && lead.index === 0 ? prev : undefined;
        if (!own && outlet === undefined) outlet = articleOutlet(view) ?? null;
        const target = own ?? outlet;
        if (target) {
          byline(
            person,
            fact(view, person.entity, target.entity, 'role', lead[1]!, [
              [target.start, target.end],
              [person.start, person.end],
            ]),
          );
          continue;
        }
      }
      // A name alone on one of the first lines (title, author, date and source, each a line of its own): the
      // author, for the outlet the article names as its own.
      if (person.start < HEAD_LINES_CHARS && aloneOnLine(text, person) && lineIndex(text, person.start) <= HEAD_LINES) {
        if (outlet === undefined) outlet = articleOutlet(view) ?? null;
        if (outlet) {
          byline(person, fact(view, person.entity, outlet.entity, 'role', '作者', [[person.start, person.end]]));
          continue;
        }
      }
      // <level head><person> with no body before it (副省长蔡朝林): the one place of that level the article names.
      const head = LEVEL_HEAD_BEFORE.exec(gapText);
      const place = head ? levelPlace(view, head[2]!) : undefined;
      if (head && place && !(prev && isKind(view, prev, 'ORGANIZATION', 'PLACE') && gapText === head[1])) {
        out.push(fact(view, person.entity, place.entity, 'role', head[1]!, [[person.start - head[1]!.length, person.end]]));
        continue;
      }
      // <village post><person> with no body before the post (第一书记王某, 社旗县法院派驻的第一书记王某): the
      // village the article is about, when it names one village more than any other.
      const post = VILLAGE_POST_BEFORE.exec(gapText);
      if (post && !(prev && isKind(view, prev, 'ORGANIZATION', 'PLACE') && gapText === post[1])) {
        if (village === undefined) village = mainPlace(view, (rank) => rank === 4) ?? null; // 嘎查, 村, 社区
        if (village) {
          out.push(fact(view, person.entity, village.entity, 'role', post[1]!, [[person.start - post[1]!.length, person.end]]));
          continue;
        }
      }
      // <person>(现)任<org|place><title>
      const next = ms[j + 1];
      if (next && isKind(view, next, 'ORGANIZATION', 'PLACE') && /^(现任|担任|出任|兼任|任)$/.test(between(view, person, next))) {
        const title = titleAtStart(text.slice(next.end));
        if (title && !MEMBER_TITLES.has(title) && !RESIDENT_TITLES.has(title)) {
          out.push(
            fact(view, person.entity, next.entity, 'role', title, [
              [person.start, person.end],
              [next.start, next.end + title.length],
            ]),
          );
          continue;
        }
      }
      // <person>创办<org>: the founder (能人某某创办“某某薯业”, 某某创立某某新能源).
      if (next && isKind(view, next, 'ORGANIZATION') && /^(创办|创立|创建|注册)了?[“"]?$/.test(between(view, person, next))) {
        out.push(
          fact(view, person.entity, next.entity, 'role', '创办人', [
            [person.start, person.end],
            [next.start, next.end],
          ]),
        );
        continue;
      }
      // <generic head><title><person>, the head starting its clause
      const from = prev ? prev.end : (sentence?.start ?? 0);
      const clause = text.slice(from, person.start).split(CLAUSE_BREAK).pop() ?? '';
      const generic = genericHeadRole(view, person, clause);
      if (generic) out.push(generic);
      // <person><title> … <body>
      for (const [title, bodies] of Object.entries(POSTFIX_TITLE_BODY)) {
        if (!text.startsWith(title, person.end)) continue;
        const body = ms.find((m) => m !== person && isKind(view, m, 'ORGANIZATION') && bodies.includes(labelOf(view, m)));
        if (body)
          out.push(
            fact(view, person.entity, body.entity, 'role', title, [
              [person.start, person.end + title.length],
              [body.start, body.end],
            ]),
          );
      }
    }
  }
  return [...out, ...founderFacts(view)];
}

/** A verb of founding right before a cooperative or company (注册成立了, 组织成立了“…”, 带领乡亲们成立). */
const FOUNDS = /(成立|创办|创立|领办)了?[“"]?$/;
/** Bodies a person founds and heads: cooperatives and companies, not a government's offices or groups. */
const FOUNDED_BODY = /(合作社|合作联社|公司|企业|厂|农场|牧场)$/;
/** A pronoun for the person of the sentence before (他, 她; not 他们, a group). */
const PRONOUN_SUBJECT = /(?:^|[，,])(?:他|她)(?!们)/;

/**
 * <person> … 成立了 <cooperative>: the person who founds a cooperative or company heads it (创办人). The founder
 * is the person the sentence names before the verb, in the clauses before it (娜仁其木格考虑到…，注册成立了…);
 * a sentence whose person is 他 or 她 refers to the person named last in the two sentences before (…孟三虎被选为…。
 * …他带领乡亲们成立…合作社).
 */
function founderFacts(view: ArticleView): RelationFact[] {
  const out: RelationFact[] = [];
  const text = view.article.text;
  const sIndices = [...view.bySentence.keys()].sort((a, b) => a - b);
  for (const [sIndex, ms] of view.bySentence) {
    const sentence = view.article.sentences[sIndex];
    if (!sentence) continue;
    for (const body of ms) {
      if (!isKind(view, body, 'ORGANIZATION') || !FOUNDED_BODY.test(labelOf(view, body))) continue;
      const before = text.slice(sentence.start, body.start);
      if (!FOUNDS.test(before)) continue;
      const people = ms.filter((m) => m.end <= body.start && isKind(view, m, 'PERSON'));
      let founder = people.length === 1 ? people[0] : undefined;
      if (!founder && people.length === 0 && PRONOUN_SUBJECT.test(before)) {
        const earlier = sIndices.filter((k) => k < sIndex && k >= sIndex - 2).flatMap((k) => view.bySentence.get(k) ?? []);
        founder = earlier.filter((m) => isKind(view, m, 'PERSON')).pop();
      }
      if (!founder) continue;
      out.push(
        fact(view, founder.entity, body.entity, 'role', '创办人', [
          [founder.start, founder.end],
          [body.start, body.end],
        ]),
      );
    }
  }
  return out;
}
