import { describe, expect, it } from 'vitest';
import { resolveEntities } from '../../src/resolve/index.js';
import type { Mention } from '../../src/types.js';
import { makeArticle, mentionsOf, run, type Spec } from '../relations/helpers.js';

describe('resolveEntities', () => {
  it("leaves out a place whose name is still one character (港 of 空港), and keeps a province's short name as its alias", () => {
    const a = makeArticle('上海市的客商来到空港经济区考察，沪上企业纷纷签约。', 'k#1');
    const r = run([
      {
        article: a,
        specs: [
          ['上海市', 'PLACE'],
          ['港', 'PLACE'],
          ['沪', 'PLACE'],
        ],
      },
    ]);
    expect(r.entities.map((e) => `${e.label}:${e.aliases.join('|')}`)).toEqual(['上海市:沪']);
  });
  it('joins a person written by the opening of a name the article gives in full to that person (额尔敦, 额书记)', () => {
    const a = makeArticle('嘎查党支部书记额尔敦巴雅尔带领牧民种草。额尔敦说，草长好了。牧民说：“跟着额书记干，我们有信心。”', 'e#1');
    const r = run([
      {
        article: a,
        specs: [
          ['额尔敦巴雅尔', 'PERSON'],
          ['额尔敦', 'PERSON'],
          ['额', 'PERSON'],
        ],
      },
    ]);
    const people = r.entities.filter((e) => e.kind === 'PERSON');
    expect(people.map((e) => e.label)).toEqual(['额尔敦巴雅尔']);
    expect([...people[0]!.aliases].sort()).toEqual(['额', '额尔敦']);
  });
  it('leaves out a person still named by one character (a surname alone) where no full name opens with it', () => {
    const a = makeArticle('村支书韩军入户走访。杜书记说，今年收成好。', 'd#1');
    const r = run([
      {
        article: a,
        specs: [
          ['韩军', 'PERSON'],
          ['杜', 'PERSON'],
        ],
      },
    ]);
    expect(r.entities.filter((e) => e.kind === 'PERSON').map((e) => e.label)).toEqual(['韩军']);
  });
  it('joins no short form where two full names open with it (韩 of 韩军 and 韩伟): a surname alone is then no node', () => {
    const a = makeArticle('村支书韩军和会计韩伟一起入户。韩书记说，今年收成好。', 'h#1');
    const r = run([
      {
        article: a,
        specs: [
          ['韩军', 'PERSON'],
          ['韩伟', 'PERSON'],
          ['韩', 'PERSON'],
        ],
      },
    ]);
    // Neither full name takes the surname as an alias (a join would), and the surname alone is no node.
    expect(
      r.entities
        .filter((e) => e.kind === 'PERSON')
        .map((e) => `${e.label}:${e.aliases.join('|')}`)
        .sort(),
    ).toEqual(['韩伟:', '韩军:']);
  });
  it('merges aliases across articles into one node (新左旗 → 新巴尔虎左旗, 伊和乌拉 → 伊和乌拉嘎查)', () => {
    const a1 = makeArticle('呼伦贝尔市新左旗嵯岗镇伊和乌拉嘎查第一书记王文胜送来物资。', 'p#1');
    const a2 = makeArticle('新巴尔虎左旗的伊和乌拉牧民增收。', 'q#1');
    const r = run([
      {
        article: a1,
        specs: [
          ['呼伦贝尔市', 'PLACE'],
          ['新左旗', 'PLACE'],
          ['嵯岗镇', 'PLACE'],
          ['伊和乌拉嘎查', 'PLACE'],
          ['王文胜', 'PERSON'],
        ],
      },
      {
        article: a2,
        specs: [
          ['新巴尔虎左旗', 'PLACE'],
          ['伊和乌拉', 'PLACE'],
        ],
      },
    ]);
    const qi = r.entities.filter((e) => e.label === '新巴尔虎左旗');
    expect(qi).toHaveLength(1);
    expect(qi[0]!.aliases).toEqual(['新左旗']);
    expect(qi[0]!.articles).toEqual(['p#1', 'q#1']);
    const g = r.entities.filter((e) => e.label === '伊和乌拉嘎查');
    expect(g).toHaveLength(1);
    expect(g[0]!.aliases).toContain('伊和乌拉');
    expect(g[0]!.attributes?.['code']).toBe('150726101201');
  });

  it('completes 嘎查党支部 with the village the article is about', () => {
    const a = makeArticle('苏吉嘎查是锡林郭勒盟二连浩特市格日勒敖都苏木的牧业嘎查。嘎查党支部主动联系他。苏吉嘎查党支部启动建设加工厂。');
    const r = run([
      {
        article: a,
        specs: [
          ['苏吉嘎查党支部', 'ORGANIZATION'],
          ['嘎查党支部', 'ORGANIZATION'],
          ['苏吉嘎查', 'PLACE'],
          ['锡林郭勒盟', 'PLACE'],
          ['二连浩特市', 'PLACE'],
          ['格日勒敖都苏木', 'PLACE'],
        ],
      },
    ]);
    const orgs = r.entities.filter((e) => e.kind === 'ORGANIZATION');
    expect(orgs.map((e) => e.label)).toEqual(['苏吉嘎查党支部']);
    expect(orgs[0]!.aliases).toEqual(['嘎查党支部']);
    expect(orgs[0]!.mentions).toBe(2);
  });

  it('keeps homonym villages apart when the articles decide differently, and leaves undecided ones uncoded', () => {
    const a1 = makeArticle('锡林郭勒盟二连浩特市格日勒敖都苏木苏吉嘎查的牧民。', 'p#1');
    const a2 = makeArticle('通辽市科尔沁左翼中旗保康镇苏吉嘎查的农民。', 'q#1');
    const a3 = makeArticle('苏吉嘎查的草场。', 'r#1');
    const specs1: Spec[] = [
      ['锡林郭勒盟', 'PLACE'],
      ['二连浩特市', 'PLACE'],
      ['格日勒敖都苏木', 'PLACE'],
      ['苏吉嘎查', 'PLACE'],
    ];
    const specs2: Spec[] = [
      ['通辽市', 'PLACE'],
      ['科尔沁左翼中旗', 'PLACE'],
      ['保康镇', 'PLACE'],
      ['苏吉嘎查', 'PLACE'],
    ];
    const r = run([
      { article: a1, specs: specs1 },
      { article: a2, specs: specs2 },
      { article: a3, specs: [['苏吉嘎查', 'PLACE']] },
    ]);
    const su = r.entities.filter((e) => e.label === '苏吉嘎查').sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(su.map((e) => e.attributes?.['code'] ?? null)).toEqual([null, '150521100218', '152501200202']);
    expect(new Set(su.map((e) => e.key)).size).toBe(3);
  });

  it('never merges two people with one name tied to different places; merges plain mentions in their article', () => {
    const a1 = makeArticle('宝山村第一书记张伟带领村民修塘坝。张伟说今年要增收。', 'p#1');
    const a2 = makeArticle('水泉沟村第一书记张伟谋划产业。', 'q#1');
    const r = run([
      {
        article: a1,
        specs: [
          ['宝山村', 'PLACE'],
          ['张伟', 'PERSON'],
        ],
      },
      {
        article: a2,
        specs: [
          ['水泉沟村', 'PLACE'],
          ['张伟', 'PERSON'],
        ],
      },
    ]);
    const people = r.entities.filter((e) => e.kind === 'PERSON');
    expect(people.map((e) => e.key).sort()).toEqual(['PERSON:张伟@宝山村', 'PERSON:张伟@水泉沟村']);
    expect(people.find((e) => e.key.endsWith('宝山村'))!.mentions).toBe(2);
  });

  it('merges one name across articles when nothing tells the people apart (习近平)', () => {
    const a1 = makeArticle('习近平总书记重要指示精神。', 'p#1');
    const a2 = makeArticle('习近平总书记指出。', 'q#1');
    const r = run([
      { article: a1, specs: [['习近平', 'PERSON']] },
      { article: a2, specs: [['习近平', 'PERSON']] },
    ]);
    expect(r.entities.filter((e) => e.kind === 'PERSON').map((e) => e.key)).toEqual(['PERSON:习近平']);
  });

  it('resolves mentions to keys and rejects bad input', () => {
    const a = makeArticle('通辽市委组织部机关青年党员报名。');
    const { mentions, entities } = resolveEntities([{ article: a, mentions: mentionsOf(a, [['通辽市委组织部', 'ORGANIZATION']]) }]);
    // The organization implies its city (通辽市), a nested PLACE mention.
    expect(entities.map((e) => e.key)).toEqual(['ORGANIZATION:通辽市委组织部', 'PLACE:通辽市']);
    expect(mentions.every((m) => entities.some((e) => e.key === m.entity))).toBe(true);
    expect(() => resolveEntities(null as never)).toThrow(TypeError);
    expect(() => resolveEntities([{ article: a, mentions: null as never }])).toThrow(TypeError);
  });

  it("gives each resolved mention the mention's own fields in their order, then canonical, article, sentence and entity", () => {
    const a = makeArticle('我们在通辽市开会。新左旗的牧民来了。');
    const given: Mention[] = [
      { start: 3, end: 6, text: '通辽市', kind: 'PLACE', score: 0.9 },
      { start: 9, end: 12, text: '新左旗', kind: 'PLACE', canonical: '新巴尔虎左旗', score: 0.8 },
    ];
    const { mentions } = resolveEntities([{ article: a, mentions: given }]);
    // What `{ ...m, canonical, article, sentence, entity }` gives: a canonical the mention has keeps its place.
    expect(mentions.map((m) => Object.keys(m))).toEqual([
      ['start', 'end', 'text', 'kind', 'score', 'canonical', 'article', 'sentence', 'entity'],
      ['start', 'end', 'text', 'kind', 'canonical', 'score', 'article', 'sentence', 'entity'],
    ]);
    expect(mentions.map((m) => [m.canonical, m.sentence, m.entity])).toEqual([
      ['通辽市', 0, 'PLACE:通辽市'],
      ['新巴尔虎左旗', 1, 'PLACE:新巴尔虎左旗'],
    ]);
    // The given mentions are left as they were.
    expect(given.map((m) => Object.keys(m).length)).toEqual([5, 6]);
  });
});

describe('place chains recognized as one mention', () => {
  it('splits 巴彦花镇宝山村 into its divisions and keeps names the index knows whole', () => {
    const a = makeArticle('阿鲁科尔沁旗巴彦花镇宝山村第一书记高颖东带领村两委谋划项目。锡林郭勒盟的牧民。');
    const r = run([
      {
        article: a,
        specs: [
          ['阿鲁科尔沁旗巴彦花镇宝山村', 'PLACE'],
          ['高颖东', 'PERSON'],
          ['锡林郭勒盟', 'PLACE'],
        ],
      },
    ]);
    expect(
      r.entities
        .filter((e) => e.kind === 'PLACE')
        .map((e) => e.label)
        .sort(),
    ).toEqual(['宝山村', '巴彦花镇', '锡林郭勒盟', '阿鲁科尔沁旗']);
    const label = new Map(r.entities.map((e) => [e.key, e.label]));
    const facts = r.facts.filter((f) => f.relation !== 'co_occurs').map((f) => `${label.get(f.source)} -${f.relation}-> ${label.get(f.target)}`);
    expect(facts).toContain('高颖东 -role-> 宝山村');
    expect(facts).toContain('宝山村 -located_in-> 巴彦花镇');
    expect(facts).toContain('巴彦花镇 -located_in-> 阿鲁科尔沁旗');
  });
});

describe('person anchors', () => {
  it('keeps one person per name in an article and joins anchors on one branch of the division tree', () => {
    const a1 = makeArticle('阿鲁科尔沁旗巴彦花镇宝山村第一书记张伟带领村民修塘坝。宝山村党支部书记张伟说。', 'p#1');
    const a2 = makeArticle('阿鲁科尔沁旗巴彦花镇党委书记张伟调研。', 'q#1');
    const a3 = makeArticle('阿鲁科尔沁旗天山口镇水泉沟村第一书记张伟谋划产业。', 'r#1');
    const r = run([
      {
        article: a1,
        specs: [
          ['阿鲁科尔沁旗', 'PLACE'],
          ['巴彦花镇', 'PLACE'],
          ['宝山村党支部', 'ORGANIZATION'],
          ['宝山村', 'PLACE'],
          ['张伟', 'PERSON'],
        ],
      },
      {
        article: a2,
        specs: [
          ['阿鲁科尔沁旗', 'PLACE'],
          ['巴彦花镇党委', 'ORGANIZATION'],
          ['张伟', 'PERSON'],
        ],
      },
      {
        article: a3,
        specs: [
          ['阿鲁科尔沁旗', 'PLACE'],
          ['天山口镇', 'PLACE'],
          ['水泉沟村', 'PLACE'],
          ['张伟', 'PERSON'],
        ],
      },
    ]);
    const people = r.entities
      .filter((e) => e.kind === 'PERSON')
      .map((e) => `${e.key} ${e.articles.join(',')}`)
      .sort();
    // 宝山村 lies in 巴彦花镇: one 张伟 there; 水泉沟村 is another village: another 张伟.
    expect(people).toEqual(['PERSON:张伟@巴彦花镇党委 p#1,q#1', 'PERSON:张伟@水泉沟村 r#1']);
  });
});

describe('a province named only inside organizations', () => {
  it('is no place of the article; named on its own anywhere, it stays, with its bodies located in it', () => {
    const only = makeArticle('广州市福建商会会长林大海说，福建省委的同志也来了。', 'a#1');
    const r1 = run([
      {
        article: only,
        specs: [
          ['广州市福建商会', 'ORGANIZATION'],
          ['福建省委', 'ORGANIZATION'],
          ['林大海', 'PERSON'],
        ],
      },
    ]);
    const places1 = r1.entities.filter((e) => e.kind === 'PLACE').map((e) => e.label);
    expect(places1).toContain('广州市');
    expect(places1).not.toContain('福建省');
    const alone = makeArticle('福建省委的同志来到福建省的山区。', 'b#1');
    const r2 = run([
      {
        article: alone,
        specs: [
          ['福建省委', 'ORGANIZATION'],
          ['福建省', 'PLACE'],
        ],
      },
    ]);
    expect(r2.entities.filter((e) => e.kind === 'PLACE').map((e) => e.label)).toEqual(['福建省']);
    expect(r2.facts.filter((f) => f.relation === 'located_in').length).toBeGreaterThan(0);
  });
});
