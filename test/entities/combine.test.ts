import { describe, expect, it } from 'vitest';
import { MODEL_PRIORITY, SURE_SPAN, combine, modelCandidates } from '../../src/entities/combine.js';
import { VETO_BELOW, allCandidates } from '../../src/entities/index.js';
import type { Mention } from '../../src/types.js';
import { segment } from '../../src/segment/jieba.js';
import type { Candidate } from '../../src/entities/rules/context.js';

const c = (start: number, end: number, kind: Candidate['kind'], priority: number, rule = 'test', canonical?: string): Candidate => ({
  start,
  end,
  kind,
  priority,
  rule,
  ...(canonical ? { canonical } : {}),
});

describe('combination of model spans and rule candidates', () => {
  it('drops generic nouns whoever proposes them', () => {
    const text = '党员和群众';
    expect(combine(text, [c(0, 2, 'PERSON', 5), c(3, 5, 'ORGANIZATION', MODEL_PRIORITY)], new Set(['党员', '群众']))).toEqual([]);
  });

  it("reads no company in a name the text reads as a person before an officer's title", () => {
    const text = '总经理王海燕致辞。王海燕副董事长向客人介绍情况。';
    const at = text.lastIndexOf('王海燕');
    const cands = [c(3, 6, 'PERSON', 5, 'person:title'), c(at, at + 3, 'ORGANIZATION', 4, 'org:executive')];
    expect(combine(text, cands, new Set()).map((m) => `${m.text}:${m.kind}`)).toEqual(['王海燕:PERSON', '王海燕:PERSON']);
  });

  it('ends a person before 率 (leads) that a reading glued to the name', () => {
    const text = '省政协主席林青山率团访问福建。';
    expect(combine(text, [c(5, 9, 'PERSON', 5, 'person:title')], new Set()).map((m) => m.text)).toEqual(['林青山']);
  });

  it('reads no organization in a meeting or event, though it ends in 会 as an association does', () => {
    const text = '红山区文旅招商推介会和红山区文化促进会';
    const cands = [c(0, 10, 'ORGANIZATION', 5, 'org:suffix'), c(11, 19, 'ORGANIZATION', 5, 'org:suffix')];
    expect(combine(text, cands, new Set()).map((m) => m.text)).toEqual(['红山区文化促进会']);
  });

  it("reads a place the text has established whole where the suffix rule's reading cut it short", () => {
    const text = '走访了希日塔拉嘎查。据了解，希日塔拉嘎查有牧民。';
    const second = text.lastIndexOf('希日塔拉嘎查');
    const cands = [c(3, 9, 'PLACE', 4, 'place:chain'), c(second + 1, second + 6, 'PLACE', 3, 'place:suffix')];
    expect(combine(text, cands, new Set()).map((m) => `${m.start}:${m.text}`)).toEqual(['3:希日塔拉嘎查', `${second}:希日塔拉嘎查`]);
  });

  it("keeps a bare lexicon name inside a model span that another rule's reading defeated", () => {
    const text = '福建古田:党支部领办合作社跑出加速度';
    const cands = [
      c(2, 4, 'PLACE', 2, 'place:short'),
      c(5, 13, 'PROGRAM', 4, 'program:known'),
      ...modelCandidates([{ start: 2, end: 8, text: '古田:党支部', kind: 'ORGANIZATION' }]),
    ];
    expect(combine(text, cands, new Set(), { nested: false }).map((m) => `${m.text}/${m.kind}`)).toEqual(['古田/PLACE', '党支部领办合作社/PROGRAM']);
  });

  it('reads the stem of a township the text names in full as that township, but not before another level', () => {
    // (Third occurrence: the stem before 嘎查, a village named after the township, which no rule found here.)
    const text = '乌兰图雅镇地处草原。来到乌兰图雅的游客很多，乌兰图雅嘎查也在这里。';
    const full = c(0, 5, 'PLACE', 4, 'place:division');
    const second = text.indexOf('乌兰图雅', 6);
    const third = text.indexOf('乌兰图雅嘎查');
    const cands = [full, ...modelCandidates([{ start: second, end: second + 4, text: '乌兰图雅', kind: 'PERSON' }])];
    const out = combine(text, cands, new Set(), { nested: false });
    expect(out.map((m) => `${m.text}/${m.kind}/${m.canonical ?? ''}`)).toEqual(['乌兰图雅镇/PLACE/', '乌兰图雅/PLACE/乌兰图雅镇']);
    // Two full names sharing the stem (a township and a village after it): the stem names neither.
    const both = combine(text, [...cands, c(third, third + 6, 'PLACE', 4, 'place:division')], new Set(), { nested: false });
    expect(both.map((m) => `${m.text}/${m.kind}`)).toEqual(['乌兰图雅镇/PLACE', '乌兰图雅/PERSON', '乌兰图雅嘎查/PLACE']);
    // A stem that is also a personal name leaves the model's person there when the caller says so.
    const named = combine(text, cands, new Set(), { nested: false, personName: (n) => n === '乌兰图雅' });
    expect(named.map((m) => `${m.text}/${m.kind}`)).toEqual(['乌兰图雅镇/PLACE', '乌兰图雅/PERSON']);
    // A two-character stem does not recur alone (东风 of 东风镇 is a word).
    const text2 = '东风镇的东风吹来。';
    expect(combine(text2, [c(0, 3, 'PLACE', 4, 'place:division')], new Set(), { nested: false }).map((m) => m.text)).toEqual(['东风镇']);
  });

  it('lets a rule that knows better override an overlapping model span', () => {
    const text = '合作社负责人路国庆已联系';
    const out = combine(text, [...modelCandidates([{ start: 7, end: 9, text: '国庆', kind: 'PLACE' }]), c(6, 9, 'PERSON', 5, 'person:title')], new Set());
    expect(out).toEqual([{ start: 6, end: 9, text: '路国庆', kind: 'PERSON' }]);
  });

  it('keeps the model span when a non-decisive rule sees only a piece of it', () => {
    const text = '湖北省博物馆展出';
    const cands = [c(0, 3, 'PLACE', 4, 'place:division'), ...modelCandidates([{ start: 0, end: 6, text: '湖北省博物馆', kind: 'ORGANIZATION' }])];
    expect(combine(text, cands, new Set(), { nested: false }).map((m) => m.text)).toEqual(['湖北省博物馆']);
    // Nested output still names the place inside the organization (for located_in).
    expect(combine(text, cands, new Set()).map((m) => m.text)).toEqual(['湖北省', '湖北省博物馆']);
  });

  it('keeps the organization of a suffix rule when the model runs it on into common words', () => {
    const text = '自治区党委决策部署在通辽';
    const cands = [c(0, 5, 'ORGANIZATION', 5, 'org:suffix'), ...modelCandidates([{ start: 0, end: 9, text: '自治区党委决策部署', kind: 'ORGANIZATION' }])];
    expect(combine(text, cands, new Set(), { nested: false }).map((m) => m.text)).toEqual(['自治区党委']);
    // …but yields when the longer span ends like an organization (国务院 + 新闻办公室).
    const text2 = '国务院新闻办公室发布';
    const cands2 = [c(0, 3, 'ORGANIZATION', 5, 'org:suffix'), ...modelCandidates([{ start: 0, end: 8, text: '国务院新闻办公室', kind: 'ORGANIZATION' }])];
    expect(combine(text2, cands2, new Set(), { nested: false }).map((m) => m.text)).toEqual(['国务院新闻办公室']);
  });

  it('lets a natural place give way to a model organization named after it', () => {
    const text = '青海湖鸟类保护协会成立';
    const cands = [c(0, 3, 'PLACE', 4, 'place:natural'), ...modelCandidates([{ start: 0, end: 9, text: '青海湖鸟类保护协会', kind: 'ORGANIZATION' }])];
    expect(combine(text, cands, new Set(), { nested: false }).map((m) => m.text)).toEqual(['青海湖鸟类保护协会']);
    // Alone it stays.
    expect(combine(text, [c(0, 3, 'PLACE', 4, 'place:natural')], new Set()).map((m) => m.text)).toEqual(['青海湖']);
  });

  it('drops a breed or variety with the animal or crop it is a kind of (a generic term), whatever its kind', () => {
    // Sentences written for the test: the cooperative bought beef cattle of a breed; the winery grows a variety.
    const terms = new Set(['安格斯', '赤霞珠']);
    const kept = (text: string, cands: Candidate[]) => combine(text, cands, terms, { nested: false }).map((m) => m.text);
    const cattle = '合作社购进安格斯肉牛三十头';
    expect(kept(cattle, modelCandidates([{ start: 5, end: 10, text: '安格斯肉牛', kind: 'ORGANIZATION' }]))).toEqual([]);
    const grapes = '酒庄种了赤霞珠葡萄';
    expect(kept(grapes, modelCandidates([{ start: 4, end: 9, text: '赤霞珠葡萄', kind: 'PLACE' }]))).toEqual([]);
    // A name that ends in an animal's character with no term before it stays.
    const person = '村里的王金牛来了';
    expect(kept(person, modelCandidates([{ start: 3, end: 6, text: '王金牛', kind: 'PERSON' }]))).toEqual(['王金牛']);
  });

  it('lets a model body that is a body and its department win over the suffix reading of the body', () => {
    // Sentences written for the test: a student of a college's language department; a court's civil chamber.
    const whole = (text: string, m: [number, number], rules: Candidate[]) =>
      combine(text, [...rules, ...modelCandidates([{ start: m[0], end: m[1], text: text.slice(m[0], m[1]), kind: 'ORGANIZATION' }])], new Set(), {
        nested: false,
      }).map((x) => x.text);
    expect(whole('南岭师范学院中文系的学生', [0, 9], [c(0, 6, 'ORGANIZATION', 5, 'org:suffix')])).toEqual(['南岭师范学院中文系']);
    expect(whole('东湖区法院民事审判庭开庭', [0, 10], [c(0, 5, 'ORGANIZATION', 5, 'org:suffix')])).toEqual(['东湖区法院民事审判庭']);
    // Where the suffix rule reads the department as a body of its own too, the two are still one name.
    expect(whole('南岭师范学院中文系的学生', [0, 9], [c(0, 6, 'ORGANIZATION', 5, 'org:suffix'), c(6, 9, 'ORGANIZATION', 5, 'org:suffix')])).toEqual([
      '南岭师范学院中文系',
    ]);
    // Two bodies written together (an agreement's parties) stay two.
    expect(
      whole('西湖市人民政府东方集团有限公司合作协议', [0, 15], [c(0, 7, 'ORGANIZATION', 5, 'org:suffix'), c(7, 15, 'ORGANIZATION', 5, 'org:suffix')]),
    ).toEqual(['西湖市人民政府', '东方集团有限公司']);
  });

  it('does not let a model span that runs places together override the chain', () => {
    const text = '巴彦花镇宝山村第一书记';
    const out = combine(
      text,
      [
        c(0, 4, 'PLACE', 4, 'place:division'),
        c(4, 7, 'PLACE', 4, 'place:chain'),
        ...modelCandidates([{ start: 0, end: 7, text: '巴彦花镇宝山村', kind: 'PLACE' }]),
      ],
      new Set(),
    );
    expect(out.map((m) => m.text)).toEqual(['巴彦花镇', '宝山村']);
  });

  it('lets a longer model place with the same suffix win (堆龙德庆县, not 德庆县)', () => {
    const text = '西藏堆龙德庆县农牧区';
    const out = combine(
      text,
      [c(4, 7, 'PLACE', 4, 'place:division'), ...modelCandidates([{ start: 2, end: 7, text: '堆龙德庆县', kind: 'PLACE' }])],
      new Set(),
    );
    expect(out.map((m) => m.text)).toEqual(['堆龙德庆县']);
  });

  it('keeps 中国 in 中国特色 (People’s Daily marks it as a place)', () => {
    const text = '新时代中国特色社会主义思想';
    expect(combine(text, modelCandidates([{ start: 3, end: 5, text: '中国', kind: 'PLACE' }]), new Set()).map((m) => m.text)).toEqual(['中国']);
  });

  it('repeats names that rules established, and never overlaps otherwise', () => {
    const text = '贫困户萨仁苏和家养羊。萨仁苏和说';
    const out = combine(text, [c(11, 15, 'PERSON', 4, 'person:speaker')], new Set(), { nested: false });
    expect(out.map((m) => [m.start, m.text])).toEqual([
      [3, '萨仁苏和'],
      [11, '萨仁苏和'],
    ]);
  });

  it('reports the place opening an organization unless asked for flat output', () => {
    const text = '十里铺村党支部书记';
    const cands = [c(0, 7, 'ORGANIZATION', 5, 'org:suffix'), c(0, 4, 'PLACE', 4, 'place:division')];
    expect(combine(text, cands, new Set()).map((m) => m.text)).toEqual(['十里铺村', '十里铺村党支部']);
    expect(combine(text, cands, new Set(), { nested: false }).map((m) => m.text)).toEqual(['十里铺村党支部']);
  });

  it('carries canonical names and ignores spans outside the text', () => {
    const text = '新左旗嵯岗镇';
    const out = combine(text, [c(0, 3, 'PLACE', 4, 'place:abbreviation', '新巴尔虎左旗'), c(5, 99, 'PLACE', 4)], new Set());
    expect(out).toEqual([{ start: 0, end: 3, text: '新左旗', kind: 'PLACE', canonical: '新巴尔虎左旗' }]);
  });

  it('keeps the pieces a model span holds when that span cuts across another rule candidate', () => {
    // The model read 塔拉图苏木哈日 as one organization, which ends inside 哈日嘎查: it loses to that place,
    // so 塔拉图苏木 does not give way to it.
    const text = '塔拉图苏木哈日嘎查的牧民';
    const cands = [c(0, 7, 'ORGANIZATION', MODEL_PRIORITY, 'model'), c(0, 5, 'PLACE', 4, 'place:division'), c(5, 9, 'PLACE', 4, 'place:division')];
    expect(combine(text, cands, new Set()).map((m) => m.text)).toEqual(['塔拉图苏木', '哈日嘎查']);
    // Without the crossing place the model's organization still wins over the piece.
    expect(combine(text, cands.slice(0, 2), new Set(), { nested: false }).map((m) => m.text)).toEqual(['塔拉图苏木哈日']);
  });
  it("lets a rule's name replace the model's reading of a piece of it where the name recurs", () => {
    const text = '护边员乌兰其木格说，乌兰其木格家';
    const cands = [c(3, 8, 'PERSON', 5, 'person:title'), c(10, 12, 'PLACE', MODEL_PRIORITY, 'model')];
    const out = combine(text, cands, new Set(), { withRules: true });
    expect(out.map((m) => [m.text, m.kind, m.rule])).toEqual([
      ['乌兰其木格', 'PERSON', 'person:title'],
      ['乌兰其木格', 'PERSON', 'repeat'],
    ]);
  });

  it('takes a body named after a county, and not the province before it, out of a model span that runs them together', () => {
    const text = '来自山西省平遥县人民法院的干部';
    const cands = [
      c(2, 12, 'ORGANIZATION', MODEL_PRIORITY, 'model'),
      c(2, 5, 'PLACE', 4, 'place:division'),
      c(5, 8, 'PLACE', 4, 'place:division'),
      c(5, 12, 'ORGANIZATION', 5, 'org:suffix'),
    ];
    expect(combine(text, cands, new Set()).map((m) => [m.text, m.kind])).toEqual([
      ['山西省', 'PLACE'],
      ['平遥县', 'PLACE'],
      ['平遥县人民法院', 'ORGANIZATION'],
    ]);
    // Led by anything but places, the body stays a piece of the model's name (省委 + 宣传部).
    const other = '自治区党委宣传部';
    expect(combine(other, [c(0, 8, 'ORGANIZATION', MODEL_PRIORITY, 'model'), c(0, 5, 'ORGANIZATION', 5, 'org:suffix')], new Set()).map((m) => m.text)).toEqual([
      '自治区党委宣传部',
    ]);
  });

  it('reads no person whose name holds 不 (a question of the form A不A), whoever proposes it', () => {
    const text = '村民富不富，关键看支部。';
    expect(combine(text, [c(2, 5, 'PERSON', 5, 'person:title'), c(2, 5, 'PERSON', MODEL_PRIORITY, 'model')], new Set())).toEqual([]);
    expect(combine('村民富贵说', [c(2, 4, 'PERSON', 5, 'person:title')], new Set()).map((m) => m.text)).toEqual(['富贵']);
  });

  it('drops a model organization that ends in a post (a member of the standing committee)', () => {
    const text = '县委书记张明，县委常委、副县长王刚出席。';
    const at = text.indexOf('县委常委');
    expect(modelCandidates([{ start: at, end: at + 4, text: '县委常委', kind: 'ORGANIZATION' }])).toEqual([]);
    expect(modelCandidates([{ start: 0, end: 2, text: '县委', kind: 'ORGANIZATION' }]).length).toBe(1);
  });

  it('drops a model span that holds a verb of being chosen (a clause, not a name)', () => {
    const text = '退伍回乡的高二虎被选为嘎查党支部书记';
    const span = (start: number, end: number) => ({ start, end, text: text.slice(start, end), kind: 'ORGANIZATION' as const });
    expect(modelCandidates([span(5, 16), span(11, 16)]).map((c) => text.slice(c.start, c.end))).toEqual(['嘎查党支部']);
  });

  it('drops a model name inside a short quoted figure of speech that the text never uses unquoted', () => {
    const model = (text: string, name: string, from = 0) =>
      c(text.indexOf(name, from), text.indexOf(name, from) + name.length, 'PLACE', MODEL_PRIORITY, 'model');
    const text = '人们把这座城叫作“江南水乡明珠”，游客很多。';
    // 江南 inside the quoted figure: dropped.
    expect(combine(text, [model(text, '江南')], new Set())).toEqual([]);
    // The same name also used outside quotation marks: kept.
    const text2 = '江南的春天来了，人们把这里叫作“江南水乡”。';
    expect(combine(text2, [model(text2, '江南'), model(text2, '江南', 1)], new Set()).map((m) => m.start)).toEqual([0, 16]);
    // The whole quoted phrase, a rule's name, a one-character abbreviation, a cup or award: kept.
    const text3 = '他来自“苏州”。';
    expect(combine(text3, [model(text3, '苏州')], new Set()).map((m) => m.text)).toEqual(['苏州']);
    expect(combine(text, [{ ...model(text, '江南'), priority: 3, rule: 'place:known' }], new Set()).map((m) => m.text)).toEqual(['江南']);
    const text4 = '实现“港人治港”的目标，举办“华山杯”比赛。';
    expect(combine(text4, [model(text4, '港'), model(text4, '港', 4), model(text4, '华山')], new Set()).map((m) => m.text)).toEqual(['港', '港', '华山']);
  });

  it('names a known body that opens a longer organization inside it (nested output only)', () => {
    const text = '国家卫健委专家组组长介绍';
    const cands = [c(0, 5, 'ORGANIZATION', 4, 'org:known'), c(0, 8, 'ORGANIZATION', 5, 'org:suffix')];
    expect(combine(text, cands, new Set()).map((m) => m.text)).toEqual(['国家卫健委', '国家卫健委专家组']);
    expect(combine(text, cands, new Set(), { nested: false }).map((m) => m.text)).toEqual(['国家卫健委专家组']);
  });

  it('repeats a place a rule found over the model’s reading of it as another kind', () => {
    const text = '红柳湾和沙枣台两个自然村通了路。红柳湾的春天来了。';
    const at = text.lastIndexOf('红柳湾');
    const cands = [c(0, 3, 'PLACE', 3, 'place:counted'), c(4, 7, 'PLACE', 3, 'place:counted'), c(at, at + 3, 'PERSON', MODEL_PRIORITY, 'model')];
    expect(combine(text, cands, new Set()).map((m) => `${m.text}:${m.kind}`)).toEqual(['红柳湾:PLACE', '沙枣台:PLACE', '红柳湾:PLACE']);
    // A name no rule read keeps the model's kind.
    expect(combine(text, cands.slice(1), new Set()).map((m) => `${m.text}:${m.kind}`)).toEqual(['沙枣台:PLACE', '红柳湾:PERSON']);
  });

  it('lets a title’s name cut one character short give way to the model’s three-character name', () => {
    const text = '协会秘书长李世和说，明年再办。';
    const at = text.indexOf('李世');
    const rule = c(at, at + 2, 'PERSON', 5, 'person:title');
    expect(combine(text, [rule, c(at, at + 3, 'PERSON', MODEL_PRIORITY, 'model')], new Set()).map((m) => m.text)).toEqual(['李世和']);
    // A model span running further on (李世和说) does not take the name over.
    expect(combine(text, [rule, c(at, at + 4, 'PERSON', MODEL_PRIORITY, 'model')], new Set()).map((m) => m.text)).toEqual(['李世']);
  });
});

describe('a sure model span against a title or suffix reading', () => {
  // Sentences written for the test; the rule candidates stand for what the rules read.
  const model = (start: number, end: number, text: string, kind: Candidate['kind'], score?: number): Candidate[] =>
    modelCandidates([{ start, end, text, kind, ...(score === undefined ? {} : { score }) }]);
  const names = (text: string, cands: Candidate[]) => combine(text, cands, new Set(), { nested: false }).map((m) => `${m.text}/${m.kind}`);

  it('lets the place the model is sure of replace the body the suffix rule read (a provincial department)', () => {
    const text = '应河东省文化厅的邀请';
    const suffix = c(1, 7, 'ORGANIZATION', 5, 'org:suffix');
    expect(names(text, [...model(1, 4, '河东省', 'PLACE', 0.99), suffix])).toEqual(['河东省/PLACE']);
    // Less sure, or no posterior at all: the rule keeps its reading.
    expect(names(text, [...model(1, 4, '河东省', 'PLACE', SURE_SPAN - 0.01), suffix])).toEqual(['河东省文化厅/ORGANIZATION']);
    expect(names(text, [...model(1, 4, '河东省', 'PLACE'), suffix])).toEqual(['河东省文化厅/ORGANIZATION']);
  });

  it('keeps the place of a place’s government in flat readings however sure the model is (People’s Daily’s convention)', () => {
    const text = '应河东省人民政府的邀请';
    const suffix = c(1, 8, 'ORGANIZATION', 5, 'org:suffix');
    expect(names(text, [...model(1, 4, '河东省', 'PLACE', SURE_SPAN - 0.01), suffix])).toEqual(['河东省/PLACE']);
    expect(names(text, [c(1, 4, 'PLACE', 3, 'place:division'), suffix])).toEqual(['河东省/PLACE']);
    // without a place reading of its stem, the body stays
    expect(names(text, [suffix])).toEqual(['河东省人民政府/ORGANIZATION']);
  });

  it('keeps a government the suffix rule read, however sure the model is of the place that opens it (the graph)', () => {
    const text = '河东省人民政府印发了方案';
    const suffix = c(0, 7, 'ORGANIZATION', 5, 'org:suffix');
    const nested = (cands: Candidate[]) => combine(text, cands, new Set(), { nested: true }).map((m) => `${m.text}/${m.kind}`);
    expect(nested([...model(0, 3, '河东省', 'PLACE', 0.99), suffix])).toEqual(['河东省人民政府/ORGANIZATION']);
    // Another body the place opens is still overruled by a sure place.
    const text2 = '河东省文化厅印发了方案';
    const suffix2 = c(0, 6, 'ORGANIZATION', 5, 'org:suffix');
    expect(combine(text2, [...model(0, 3, '河东省', 'PLACE', 0.99), suffix2], new Set(), { nested: true }).map((m) => `${m.text}/${m.kind}`)).toEqual([
      '河东省/PLACE',
    ]);
  });

  it('leaves a government named by its level alone out of flat readings, and keeps it in nested ones', () => {
    // Sentences written for the test: the county government approved; a grant from the central government.
    for (const [text, start, end] of [
      ['县政府批准了这个方案', 0, 3],
      ['这笔钱来自中央人民政府', 5, 11],
    ] as const) {
      const body = c(start, end, 'ORGANIZATION', 5, 'org:suffix');
      expect(combine(text, [body], new Set(), { nested: false }).map((m) => m.text)).toEqual([]);
      expect(combine(text, [body], new Set(), { nested: true }).map((m) => m.text)).toEqual([text.slice(start, end)]);
    }
    // A named government stays in both.
    const named = '清河县政府批准了这个方案';
    expect(combine(named, [c(0, 5, 'ORGANIZATION', 5, 'org:suffix')], new Set(), { nested: false }).map((m) => m.text)).toEqual(['清河县政府']);
  });

  it('splits two bodies the suffix rule glued together over a preposition', () => {
    const text = '西县人大常委会对县人民法院提出意见';
    const cands = [
      ...model(0, 7, '西县人大常委会', 'ORGANIZATION', 0.99),
      ...model(8, 13, '县人民法院', 'ORGANIZATION', 0.98),
      c(0, 13, 'ORGANIZATION', 5, 'org:suffix'),
    ];
    expect(names(text, cands)).toEqual(['西县人大常委会/ORGANIZATION', '县人民法院/ORGANIZATION']);
  });

  it('lets a sure longer body (a bank and its branch) win, a bare lexicon name inside it aside', () => {
    const text = '东海发展银行南州分行开业';
    const cands = [...model(0, 10, '东海发展银行南州分行', 'ORGANIZATION', 0.98), c(0, 6, 'ORGANIZATION', 5, 'org:suffix'), c(0, 2, 'PLACE', 3, 'place:known')];
    expect(names(text, cands)).toEqual(['东海发展银行南州分行/ORGANIZATION']);
  });

  it('overrules a title reading too, but no other rule, and not where another rule disagrees as well', () => {
    const text = '局长王大明说';
    expect(names(text, [...model(2, 5, '王大明', 'PERSON', 0.99), c(2, 4, 'PERSON', 5, 'person:title')])).toEqual(['王大明/PERSON']);
    // A division the model runs into a body: the division rule is not overruled, so neither is the suffix rule.
    const text2 = '北州市南县人民法院派出干部';
    const cands = [...model(0, 9, '北州市南县人民法院', 'ORGANIZATION', 0.99), c(0, 3, 'PLACE', 4, 'place:division'), c(3, 9, 'ORGANIZATION', 5, 'org:suffix')];
    expect(names(text2, cands)).toEqual(['北州市/PLACE', '南县人民法院/ORGANIZATION']);
    // A natural place's reading stands against a sure model span.
    const text3 = '青山湖畔';
    expect(names(text3, [...model(0, 2, '青山', 'PLACE', 0.99), c(0, 3, 'PLACE', 3, 'place:natural')])).toEqual(['青山湖/PLACE']);
  });

  it("asks the model's reading for posteriors of the disputed spans only", () => {
    const text = '应云南省人民政府的邀请，张明来访。';
    const tokens = segment(text);
    const spans: Mention[] = [
      { start: 1, end: 4, text: '云南省', kind: 'PLACE' },
      { start: 12, end: 14, text: '张明', kind: 'PERSON' },
    ];
    const asked: string[] = [];
    const score = (these: Mention[]) => {
      for (const m of these) {
        asked.push(m.text);
        m.score = 0.99;
      }
    };
    const cands = allCandidates(text, tokens, spans, { score });
    // The suffix rule reads 云南省人民政府, which the model's 云南省 disputes; nothing disputes 张明.
    expect(cands.some((x) => x.rule === 'org:suffix' && x.start === 1 && x.end === 8)).toBe(true);
    // (The division reading 云南省 lies inside the body's name, so the model is not asked to veto it.)
    expect(asked).toEqual(['云南省']);
    expect(cands.find((x) => x.rule === 'model' && x.start === 1)?.score).toBe(0.99);
    expect(cands.find((x) => x.rule === 'model' && x.start === 12)?.score).toBeUndefined();
    expect(allCandidates(text, tokens, spans, { score, rules: false }).every((x) => x.rule === 'model')).toBe(true);
  });
});

describe('a quoted program in flat readings', () => {
  // A sentence written for the test: a quoted program whose name opens with a county and holds a person's name.
  const text = '清水县推行“清水县百名能人带富”行动。';
  const program = c(6, 15, 'PROGRAM', 3, 'program:marked');
  const read = (t: string, cands: Candidate[], nested: boolean) => combine(t, cands, new Set(), { nested }).map((m) => `${m.text}:${m.kind}`);

  it('reads the places wholly inside it too; nested readings read the program alone', () => {
    const cands = [program, c(0, 3, 'PLACE', 4, 'place:division'), c(6, 9, 'PLACE', MODEL_PRIORITY, 'model')];
    expect(read(text, cands, false)).toEqual(['清水县:PLACE', '清水县:PLACE', '清水县百名能人带富:PROGRAM']);
    expect(read(text, cands, true)).toEqual(['清水县:PLACE', '清水县百名能人带富:PROGRAM']);
  });

  it('reads no person, body or program inside it, nor a place of its whole span', () => {
    const inside = [c(9, 11, 'PERSON', MODEL_PRIORITY, 'model'), c(6, 9, 'ORGANIZATION', MODEL_PRIORITY, 'model'), c(7, 10, 'PROGRAM', 2)];
    expect(read(text, [program, ...inside], false)).toEqual(['清水县百名能人带富:PROGRAM']);
    expect(read(text, [program, c(6, 15, 'PLACE', 2)], false)).toEqual(['清水县百名能人带富:PROGRAM']);
  });

  it('gives way to a place that cuts across it (quotation marks lost), by the order of the candidates', () => {
    const lost = '清水县推行百名能人带富行动。';
    const cands = [c(2, 11, 'PROGRAM', 3, 'program:marked'), c(0, 3, 'PLACE', 4, 'place:division')];
    expect(read(lost, cands, false)).toEqual(['清水县:PLACE']);
    expect(read(lost, cands, true)).toEqual(['清水县:PLACE']);
  });

  it('keeps other programs as they were: a program that is no quoted one holds no place', () => {
    const known = c(6, 15, 'PROGRAM', 3, 'program:known');
    expect(read(text, [known, c(6, 9, 'PLACE', MODEL_PRIORITY, 'model')], false)).toEqual(['清水县百名能人带富:PROGRAM']);
  });
});

describe("the model's veto of title and division readings", () => {
  // A sentence written for the test: a title before a name, two divisions, a body with a suffix.
  const text = '局长王大明说，他到云南省昆明市考察了昆明市人民医院。';
  const tokens = segment(text);
  const read = (posterior: (name: string) => number) => {
    const asked: string[] = [];
    const score = (these: Mention[]) => {
      for (const m of these) {
        asked.push(m.text);
        m.score = posterior(m.text);
      }
    };
    const names = allCandidates(text, tokens, [], { score }).map((c) => `${text.slice(c.start, c.end)}/${c.rule}`);
    return { names, asked };
  };

  it('drops a title reading the model puts below two in a hundred, a division below one in a thousand, and nothing else', () => {
    const all = read(() => 0.5);
    expect(all.names).toEqual(['王大明/person:title', '云南省/place:division', '昆明市/place:division', '昆明市/place:division', '昆明市人民医院/org:suffix']);
    // Only the vetoed rules' readings are put to the model, and not a division inside a body's name.
    expect(all.asked).toEqual(['王大明', '云南省', '昆明市']);
    expect(read((n) => (n === '昆明市' ? 0 : 0.5)).names).toEqual([
      '王大明/person:title',
      '云南省/place:division',
      '昆明市/place:division',
      '昆明市人民医院/org:suffix',
    ]);
    const title = VETO_BELOW.get('person:title')!;
    const division = VETO_BELOW.get('place:division')!;
    expect(read((n) => (n === '王大明' ? title / 2 : 0.5)).names).toEqual(all.names.filter((n) => n !== '王大明/person:title'));
    expect(read((n) => (n === '云南省' ? division / 2 : 0.5)).names).toEqual(all.names.filter((n) => n !== '云南省/place:division'));
    // At the cut the reading stays (each rule has its own); a suffix reading whose name holds a place (昆明市) is
    // never vetoed, however low.
    expect(read((n) => (n === '王大明' ? title : 0.5)).names).toEqual(all.names);
    expect(read((n) => (n === '云南省' ? division : 0.5)).names).toEqual(all.names);
    expect(division).toBeLessThan(title);
    expect(read((n) => (n === '云南省' ? (division + title) / 2 : 0.5)).names).toEqual(all.names);
    expect(read((n) => (n === '昆明市人民医院' ? 0 : 0.5)).names).toEqual(all.names);
  });

  /** The candidates of `s` (name/rule) when the model puts every reading it is asked about at 0, and what it was asked. */
  const atZero = (s: string, spans: Mention[] = []) => {
    const asked: string[] = [];
    const score = (these: Mention[]) => {
      for (const m of these) {
        asked.push(m.text);
        m.score = 0;
      }
    };
    const names = allCandidates(s, segment(s), spans, { score }).map((c) => `${s.slice(c.start, c.end)}/${c.rule}`);
    return { names, asked };
  };

  it('drops a suffix body below one in a thousand whose name holds no place', () => {
    // Sentences written for the test: a body named by a kind of business, and a body named by its county.
    const generic = '新开的一些中介公司收费偏高。';
    const read2 = (s: string, p: number) => {
      const score = (these: Mention[]) => {
        for (const m of these) m.score = p;
      };
      return allCandidates(s, segment(s), [], { score }).map((c) => `${s.slice(c.start, c.end)}/${c.rule}`);
    };
    const cut = VETO_BELOW.get('org:suffix')!;
    expect(read2(generic, 0.5)).toEqual(['中介公司/org:suffix']);
    expect(atZero(generic)).toEqual({ names: [], asked: ['中介公司'] });
    expect(read2(generic, cut / 2)).toEqual([]);
    expect(read2(generic, cut)).toEqual(['中介公司/org:suffix']);
    // The county in the name exempts the body: the model is not asked about it.
    const placed = atZero('他去了清水县农业局。');
    expect(placed.names).toContain('清水县农业局/org:suffix');
    expect(placed.asked).not.toContain('清水县农业局');
    // A place the model alone reads inside the name exempts it too.
    const company = '他去了鸿达装饰公司。';
    expect(atZero(company).names).toEqual([]);
    const at = company.indexOf('鸿达');
    expect(atZero(company, [{ start: at, end: at + 2, text: '鸿达', kind: 'PLACE' }]).names).toContain('鸿达装饰公司/org:suffix');
  });

  it("does not put a division inside the model's body to the veto either", () => {
    const at = text.indexOf('云南省');
    const { names, asked } = atZero(text, [{ start: at, end: at + 6, text: '云南省昆明市', kind: 'ORGANIZATION' }]);
    expect(asked).toEqual(['王大明']);
    expect(names).toContain('云南省/place:division');
    expect(names).not.toContain('王大明/person:title');
  });

  it('puts no division name longer than three characters to the veto (the model knows few of them)', () => {
    const { names, asked } = atZero('他到乌拉特前旗考察。');
    expect(names).toContain('乌拉特前旗/place:division');
    expect(asked).toEqual([]);
  });

  it('puts no name made of Mongolian name elements to the veto (where the model is weakest)', () => {
    const { names, asked } = atZero('牧民额尔敦毕力格说，草料够用了。');
    expect(names).toContain('额尔敦毕力格/person:title');
    expect(asked).toEqual([]);
  });

  it('vetoes nothing without a scorer (rule counts and tools that read no model)', () => {
    expect(allCandidates(text, tokens, []).map((c) => c.rule)).toEqual(read(() => 0.5).names.map((n) => n.split('/')[1]));
  });
});

describe('spans no name can have', () => {
  it('drops a span that runs over a line break, and keeps the names on each line', () => {
    const text = '红旗嘎查概况\n红旗嘎查地处镇北部。';
    const across = c(0, 10, 'ORGANIZATION', MODEL_PRIORITY, 'model');
    const first = c(0, 4, 'PLACE', 4, 'place:division');
    const second = c(7, 11, 'PLACE', 4, 'place:division');
    expect(combine(text, [across], new Set())).toEqual([]);
    expect(combine(text, [across, first, second], new Set()).map((m) => m.text)).toEqual(['红旗嘎查', '红旗嘎查']);
  });
  it('drops half of a bracketed phrase, whoever proposes it', () => {
    const text = '省农业农村厅（原省农业厅）党组';
    expect(combine(text, [c(7, 15, 'ORGANIZATION', MODEL_PRIORITY, 'model'), c(0, 6, 'ORGANIZATION', 5, 'org:suffix')], new Set()).map((m) => m.text)).toEqual([
      '省农业农村厅',
    ]);
  });
});
