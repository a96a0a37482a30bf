/**
 * `runs` (ORGANIZATION/PLACE/PERSON → PROGRAM, label 组织) and `participates_in` (PERSON/ORGANIZATION →
 * PROGRAM, label 参与), from the subject of a clause, a verb, and the programs after the verb:
 * 库伦旗全面推行<机制>, 科左中旗启动<大喇叭>和<小喇叭>, 土城子镇党委…,通过<村村响>系统 (the subject carries
 * over to the following clauses of its sentence), 十里铺村党支部书记王晓光正通过<村村响>系统 (a person
 * subject: participates_in).
 */
import type { EntityKind, EntityMention, RelationFact } from '../types.js';
import { type ArticleView, between, fact, isKind, kindOf, labelOf } from './context.js';
import { loadLexicons } from '../entities/rules/lexicon.js';
import { betweenQuotes } from '../entities/rules/context.js';
import { GENERIC_HEADS, matchTitle } from './titles.js';
import { mainPlace } from './places.js';

/** A place or body "runs" what it sets up, carries out or relies on. */
const RUN_VERBS = [
  '推行',
  '组建',
  '开展',
  '依托',
  '打造',
  '启动',
  '成立',
  '组成',
  '设立',
  '建立',
  '实施',
  '推出',
  '下发',
  '创建',
  '发起',
  '举办',
  '响应',
  '通过',
  '利用',
  '召开',
];
/** A body "participates in" what it joins, or in the campaign whose status it wins (荣获“五星党支部”). */
const BODY_JOIN_VERBS = ['参与', '参加', '加入', '荣获', '获评', '被评为'];
/** A person also in what he works through. */
const JOIN_VERBS = [...BODY_JOIN_VERBS, '通过', '利用', '依托', '响应'];
/** Words that may open a clause before its subject. */
const OPENERS = /^(日前|近日|此外|另外|今年|去年|目前|同时|随后|其中|近年来|截至目前|为此|对此)?$/;

interface Clause {
  start: number;
  end: number;
  mentions: EntityMention[];
}

function clauses(view: ArticleView, sIndex: number, ms: EntityMention[]): Clause[] {
  const s = view.article.sentences[sIndex];
  if (!s) return [];
  const out: Clause[] = [];
  let start = s.start;
  for (let i = s.start; i <= s.end; i++) {
    const ch = i < s.end ? view.article.text[i]! : '';
    if (i === s.end || /[，,；;：:]/.test(ch)) {
      out.push({ start, end: i, mentions: ms.filter((m) => m.start >= start && m.end <= i) });
      start = i + 1;
    }
  }
  return out;
}

/** The clause's subject: the last mention of the chain that opens it (places, bodies, title, person). */
function subjectOf(view: ArticleView, c: Clause): EntityMention | undefined {
  const first = c.mentions[0];
  if (!first || !OPENERS.test(view.article.text.slice(c.start, first.start))) return undefined;
  if (!isKind(view, first, 'ORGANIZATION', 'PLACE', 'PERSON')) return undefined;
  let subject = first;
  for (let k = 1; k < c.mentions.length; k++) {
    const next = c.mentions[k]!;
    const gap = view.article.text.slice(subject.end, next.start);
    const linked = gap === '' || (isKind(view, next, 'PERSON') && matchTitle(gap) !== undefined);
    if (!linked || !isKind(view, next, 'ORGANIZATION', 'PLACE', 'PERSON')) break;
    subject = next;
  }
  return subject;
}

function firstVerb(text: string, verbs: readonly string[]): number {
  let best = -1;
  for (const v of verbs) {
    const i = text.indexOf(v);
    if (i >= 0 && (best < 0 || i < best)) best = i;
  }
  return best;
}

/** A quoted plan's sentence opens with 我们, after the opening quotation mark when the page keeps it. */
const QUOTE_OPENS_WE = /^[“「"]?我们/;

/** Speech after a speaker: 日前，林西镇党委书记任忠磊在…会议上 (the quote stands in the sentence before). */
const SPEECH = /(会议上|会上|说|表示|介绍|指出|强调)/;

/**
 * A quoted plan (a sentence opening with 我们) followed by a sentence whose subject is an office holder
 * speaking (<body><title><person>…会议上/说): the body runs the programs of the plan. The speaker speaks
 * for the body; a personal part in each program is not stated, so no participates_in.
 */
function quotedPlanFacts(view: ArticleView): RelationFact[] {
  const out: RelationFact[] = [];
  const text = view.article.text;
  for (const [sIndex, ms] of view.bySentence) {
    const quote = view.article.sentences[sIndex - 1];
    if (!quote || !QUOTE_OPENS_WE.test(text.slice(quote.start, quote.start + 3))) continue;
    const programs = (view.bySentence.get(sIndex - 1) ?? []).filter((m) => isKind(view, m, 'PROGRAM'));
    if (programs.length === 0) continue;
    // The first clause after an opener of its own (日前，…).
    const first = clauses(view, sIndex, ms).find((c) => !OPENERS.test(text.slice(c.start, c.end)));
    if (!first) continue;
    const person = subjectOf(view, first);
    if (!person || !isKind(view, person, 'PERSON') || !SPEECH.test(text.slice(person.end, first.end))) continue;
    const k = first.mentions.indexOf(person);
    const body = k > 0 ? first.mentions[k - 1] : undefined;
    if (!body || !isKind(view, body, 'ORGANIZATION', 'PLACE') || matchTitle(text.slice(body.end, person.start)) === undefined) continue;
    for (const p of programs) out.push(fact(view, body.entity, p.entity, 'runs', '组织', [[p.start, p.end]]));
  }
  return out;
}

/** A body issuing a document: <body>印发《…》 (also 发布, 出台, 制定, 下发). */
const ISSUES = /^(正式)?(印发|发布|出台|制定|下发)了?《([^《》]{2,60})》/;
/** A clause that says what a document lays down: 《方案》明确, 《意见》提出. */
const DOCUMENT_SAYS = /^《([^《》]{1,60})》(明确|提出|要求|部署|指出|强调)/;

/**
 * Programs a body's document lays down: 四川省人民政府印发《…实施方案》。《方案》明确，开展<A>、<B>… The body runs
 * the programs launched (RUN_VERBS) in the clause of the following sentences (up to three) that opens with the
 * document's name or its last word (《方案》 for 《…实施方案》), in the clauses after it, and in the sentences after
 * it until one has a subject of its own.
 * The evidence is the sentence of the program, which names the document.
 */
function documentPlanFacts(view: ArticleView): RelationFact[] {
  const out: RelationFact[] = [];
  const text = view.article.text;
  for (const [sIndex, ms] of view.bySentence) {
    for (const m of ms) {
      if (!isKind(view, m, 'ORGANIZATION', 'PLACE')) continue;
      const issued = ISSUES.exec(text.slice(m.end, m.end + 80));
      if (!issued) continue;
      const title = issued[3]!;
      let open = false;
      for (let k = sIndex; k <= sIndex + 3; k++) {
        const cs = clauses(view, k, view.bySentence.get(k) ?? []);
        // A sentence with a subject of its own ends what the document lays down.
        if (open && cs.some((c) => subjectOf(view, c) !== undefined)) break;
        for (const c of cs) {
          const clauseText = text.slice(c.start, c.end).trim();
          const says = DOCUMENT_SAYS.exec(clauseText);
          if (says && (title === says[1] || title.endsWith(says[1]!))) open = true;
          if (!open) continue;
          const from = c.start + (says ? says[0].length : 0);
          const runAt = firstVerb(text.slice(from, c.end), RUN_VERBS);
          if (runAt < 0) continue;
          for (const p of c.mentions) {
            if (isKind(view, p, 'PROGRAM') && p.start >= from + runAt) out.push(fact(view, m.entity, p.entity, 'runs', '组织', [[p.start, p.end]]));
          }
        }
      }
    }
  }
  return out;
}

/**
 * 我们合作社抓紧准备 / 本合作社: a first-person generic head names the body mentioned last with that head;
 * it participates in the programs of its sentence.
 */
function firstPersonBodyFacts(view: ArticleView): RelationFact[] {
  const out: RelationFact[] = [];
  const text = view.article.text;
  for (const [sIndex, ms] of view.bySentence) {
    const s = view.article.sentences[sIndex];
    if (!s) continue;
    for (const head of GENERIC_HEADS) {
      const at = s.text.search(new RegExp(`(我们|本)${head}`));
      if (at < 0) continue;
      const from = s.start + at;
      let body: EntityMention | undefined;
      for (const m of view.mentions) {
        if (m.start >= from) break;
        if (isKind(view, m, 'ORGANIZATION') && (view.entities.get(m.entity)?.label ?? m.text).endsWith(head)) body = m;
      }
      if (!body) continue;
      const headSpan: [number, number] = [from, from + text.slice(from).indexOf(head) + head.length];
      for (const p of ms) {
        if (isKind(view, p, 'PROGRAM')) out.push(fact(view, body.entity, p.entity, 'participates_in', '参与', [headSpan, [p.start, p.end]]));
      }
      break;
    }
  }
  return out;
}

/**
 * The subject and the entities listed with it (阿尔山市、乌兰浩特市、突泉县等地也开展了…): same kind, joined
 * by 、/和/与/及.
 */
function subjectsOf(view: ArticleView, c: Clause): EntityMention[] | undefined {
  const subject = subjectOf(view, c);
  if (!subject) return undefined;
  const out = [subject];
  for (let k = c.mentions.indexOf(subject) + 1; k < c.mentions.length; k++) {
    const next = c.mentions[k]!;
    const gap = view.article.text.slice(out[out.length - 1]!.end, next.start);
    if (!/^(、|和|与|及|以及)$/.test(gap) || kindOf(view, next) !== kindOf(view, subject)) break;
    out.push(next);
  }
  return out;
}

/**
 * Facts from neighbouring mentions of one sentence: one of `subjects` kinds, then a program, with exactly a
 * gap `gap` matches between them.
 */
function neighbourFacts(view: ArticleView, subjects: readonly EntityKind[], gap: RegExp, relation: 'runs' | 'participates_in'): RelationFact[] {
  const out: RelationFact[] = [];
  for (const ms of view.bySentence.values()) {
    for (let k = 0; k + 1 < ms.length; k++) {
      const a = ms[k]!;
      const p = ms[k + 1]!;
      if (!isKind(view, a, ...subjects) || !isKind(view, p, 'PROGRAM') || !gap.test(between(view, a, p))) continue;
      out.push(
        fact(view, a.entity, p.entity, relation, relation === 'runs' ? '组织' : '参与', [
          [a.start, a.end],
          [p.start, p.end],
        ]),
      );
    }
  }
  return out;
}

/**
 * A headline's subject and its campaign: <place or body>：“<program>”… (内蒙古某市：“党建+帮扶”助推…). The colon
 * of a news headline introduces what the subject does.
 */
const HEADLINE_COLON = /^\s*[:：]\s*[“"「]?$/;

/** A heading: a short line without sentence punctuation. */
const HEADING_MAX = 30;

/** A campaign of the program lexicon (乡村振兴, 美丽乡村): a national one, not the own of an article's place. */
function lexiconProgram(view: ArticleView, m: EntityMention): boolean {
  return loadLexicons().programs.has(labelOf(view, m));
}

/**
 * Programs that head the article or one of its sections (“党建+治理” alone on a line, “X”赋能乡村振兴): the
 * article's place runs them — the county or city it names most, at least twice and more than any other. Not
 * the national campaigns of the program lexicon.
 */
function headingFacts(view: ArticleView): RelationFact[] {
  const text = view.article.text;
  const place = mainPlace(view, (rank) => rank === 1 || rank === 2, 2);
  if (!place) return [];
  const out: RelationFact[] = [];
  for (const m of view.mentions) {
    if (!isKind(view, m, 'PROGRAM') || lexiconProgram(view, m)) continue;
    const from = text.lastIndexOf('\n', m.start - 1) + 1;
    const nl = text.indexOf('\n', m.end);
    const to = nl < 0 ? text.length : nl;
    const line = text.slice(from, to);
    if (line.trim().length > HEADING_MAX || /[。！？!?；;]/.test(line)) continue;
    out.push(fact(view, place.entity, m.entity, 'runs', '组织', [[m.start, m.end]]));
  }
  return out;
}

/**
 * A local program the text puts in quotation marks that no sentence credits to anyone (no `runs` or
 * `participates_in` found for it) is the own of the place the article is about: of its divisions at any level,
 * province to village, the one named most, at least twice and more than any other. The genre's articles report
 * what their place sets up (“党建+合作社”, “三链同建”) in clauses whose subject is the work, a quote or no one. Not the
 * national campaigns of the program lexicon (乡村振兴), which the place takes part in rather than runs. Evidence:
 * the sentence of the program's first quoted mention.
 */
function orphanProgramFacts(view: ArticleView, found: readonly RelationFact[]): RelationFact[] {
  const place = mainPlace(view, (rank) => rank <= 4, 2);
  if (!place) return [];
  const credited = new Set(found.map((f) => f.target));
  const out: RelationFact[] = [];
  for (const m of view.mentions) {
    if (!isKind(view, m, 'PROGRAM') || credited.has(m.entity) || !betweenQuotes(view.article.text, m.start, m.end) || lexiconProgram(view, m)) continue;
    credited.add(m.entity);
    out.push(fact(view, place.entity, m.entity, 'runs', '组织', [[m.start, m.end]]));
  }
  return out;
}

/** <person>(家)，也是(一个)<program>, <person>成为<program>: the person takes part in a status a campaign confers (党员中心户). */
const BECOMES = /^家?[，,]?(?:也|还|已)?(?:是|成为|当上|当选为?|被评为)了?(?:一名|一个|一户|个)?$/;

/**
 * The country's strategies (乡村振兴, 脱贫攻坚 …): the places and bodies of the news carry them out, none runs them. The
 * genre gold names them as programs 8 times in its 20 articles and links none of them with `runs`; the bundled page none.
 */
const NATIONAL_STRATEGIES = new Set(['乡村振兴', '脱贫攻坚', '精准扶贫', '精准脱贫']);

export function runsFacts(view: ArticleView): RelationFact[] {
  return allRunsFacts(view).filter((f) => f.relation !== 'runs' || !NATIONAL_STRATEGIES.has(view.entities.get(f.target)?.label ?? ''));
}

function allRunsFacts(view: ArticleView): RelationFact[] {
  const out: RelationFact[] = [
    ...quotedPlanFacts(view),
    ...firstPersonBodyFacts(view),
    ...documentPlanFacts(view),
    ...neighbourFacts(view, ['ORGANIZATION', 'PLACE'], HEADLINE_COLON, 'runs'),
    ...headingFacts(view),
    ...neighbourFacts(view, ['PERSON'], BECOMES, 'participates_in'),
  ];
  for (const [sIndex, ms] of view.bySentence) {
    let subjects: EntityMention[] | undefined;
    for (const c of clauses(view, sIndex, ms)) {
      subjects = subjectsOf(view, c) ?? subjects;
      if (!subjects) continue;
      const subject = subjects[0]!;
      const person = isKind(view, subject, 'PERSON');
      const from = Math.max(c.start, subjects[subjects.length - 1]!.end);
      const text = view.article.text.slice(from, c.end);
      const runAt = person ? -1 : firstVerb(text, RUN_VERBS);
      const joinAt = person || isKind(view, subject, 'ORGANIZATION') ? firstVerb(text, person ? JOIN_VERBS : BODY_JOIN_VERBS) : -1;
      for (const m of c.mentions) {
        if (!isKind(view, m, 'PROGRAM') || m.start < from) continue;
        const at = m.start - from;
        const relation = joinAt >= 0 && joinAt < at && (runAt < 0 || joinAt <= runAt) ? 'participates_in' : runAt >= 0 && runAt < at ? 'runs' : undefined;
        if (!relation) continue;
        for (const sub of subjects) {
          const spans: Array<[number, number]> = [
            [sub.start, sub.end],
            [m.start, m.end],
          ];
          out.push(fact(view, sub.entity, m.entity, relation, relation === 'runs' ? '组织' : '参与', spans));
        }
      }
    }
  }
  return [...out, ...orphanProgramFacts(view, out)];
}
