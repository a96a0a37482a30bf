import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recognize, ruleCandidates } from '../../src/entities/index.js';
import { segment } from '../../src/segment/jieba.js';
import { entitiesFromMentions, loadSeedGold, normalizePage, scoreEntities } from '../../src/eval/seed.js';

const page = normalizePage(readFileSync(new URL('../../data/000_6a6b28fc1a4d90e2.txt', import.meta.url), 'utf8'));
const gold = loadSeedGold(new URL('../fixtures/eval/seed-gold.json', import.meta.url).pathname).entities;

describe('recognize', () => {
  it('rejects a non-string and returns nothing for an empty text', () => {
    expect(() => recognize(undefined as unknown as string)).toThrow(TypeError);
    expect(recognize('')).toEqual([]);
  });

  it('returns sorted mentions whose text is the slice they point at', () => {
    const text = '呼伦贝尔市新左旗嵯岗镇伊和乌拉嘎查第一书记王文胜为嘎查的帮扶对象们送来了所需物资';
    const out = recognize(text);
    for (const m of out) expect(text.slice(m.start, m.end)).toBe(m.text);
    for (let i = 1; i < out.length; i++) expect(out[i]!.start >= out[i - 1]!.start).toBe(true);
    expect(out.find((m) => m.kind === 'PERSON')?.text).toBe('王文胜');
    expect(out.find((m) => m.text === '新左旗')?.canonical).toBe('新巴尔虎左旗');
  });

  it('accepts the caller’s tokens and gives the same result', () => {
    const text = '苏吉嘎查建档立卡贫困户萨仁苏和家养了100多只羊';
    expect(recognize(text, { tokens: segment(text) })).toEqual(recognize(text));
  });

  it('takes the rule candidates made elsewhere (ruleCandidates) instead of running the families again', () => {
    const text = '新左旗嵯岗镇党委书记巴特尔到伊和乌拉嘎查看望牧民，合作社理事长乌云介绍了小养殖项目。';
    const tokens = segment(text);
    const rules = ruleCandidates(text, tokens);
    expect(rules.length).toBeGreaterThan(3);
    for (const confidence of [false, true]) {
      expect(recognize(text, { tokens, confidence, ruleCandidates: rules })).toEqual(recognize(text, { tokens, confidence }));
    }
    // They are used as given: a mention that only a rule reads (not the model alone) goes when its candidates are left out.
    const model = recognize(text, { tokens, rules: false });
    const ruleOnly = recognize(text, { tokens }).find((m) => !model.some((x) => x.start === m.start && x.end === m.end && x.kind === m.kind));
    expect(ruleOnly).toBeDefined();
    const without = rules.filter((c) => c.end <= ruleOnly!.start || c.start >= ruleOnly!.end);
    expect(without.length).toBeLessThan(rules.length);
    expect(recognize(text, { tokens, ruleCandidates: without }).some((m) => m.start === ruleOnly!.start && m.end === ruleOnly!.end)).toBe(false);
  });

  it('uses gaps for programs in lost quotation marks', () => {
    const text = '提档升级打造林西小笨鸡绿色农畜产品品牌';
    const withGaps = recognize(text, { gaps: [4, 6, 11] });
    expect(withGaps.some((m) => m.kind === 'PROGRAM' && m.text === '林西小笨鸡')).toBe(true);
  });

  it('is deterministic', () => {
    expect(recognize(page.text, { gaps: page.gaps })).toEqual(recognize(page.text, { gaps: page.gaps }));
  });
});

describe('regression on the bundled page', () => {
  const mentions = recognize(page.text, { gaps: page.gaps });
  const scores = scoreEntities(gold, entitiesFromMentions(mentions));

  it('finds every gold PERSON', () => {
    const missed = scores.missed.filter((e) => e.type === 'PERSON').map((e) => e.name);
    expect(missed).toEqual([]);
  });

  it('reaches entity F1 0.95 over the four kinds', () => {
    expect(scores.overall.f1).toBeGreaterThanOrEqual(0.95);
  });

  it('reports no generic noun as an entity', () => {
    for (const generic of ['党员', '群众', '企业', '嘎查村', '村两委']) expect(mentions.some((m) => m.text === generic)).toBe(false);
  });
});

describe("flat readings follow People's Daily, which has no programs", () => {
  // Sentences written for the test.
  const read = (text: string, nested: boolean): string[] => recognize(text, { nested }).map((m) => `${m.text}/${m.kind}`);

  it("reads the place inside a program's name as well as the program; nested readings read the program whole", () => {
    const text = '去年他参加了“新疆棉田滴灌项目”的调研。';
    expect(read(text, false)).toEqual(['新疆/PLACE', '新疆棉田滴灌项目/PROGRAM']);
    expect(read(text, true)).toEqual(['新疆棉田滴灌项目/PROGRAM']);
    expect(read('这种做法被称为“苏南模式”。', false)).toEqual(['苏/PLACE', '苏南模式/PROGRAM']);
  });

  it("keeps the model's place inside a quoted honour; nested readings keep nothing there", () => {
    const text = '他曾荣获『浙江省十佳青年教师』称号。';
    expect(read(text, false)).toEqual(['浙江省/PLACE']);
    expect(read(text, true)).toEqual([]);
  });
});
