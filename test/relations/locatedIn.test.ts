import { describe, expect, it } from 'vitest';
import { makeArticle, run, triples } from './helpers.js';

describe('located_in', () => {
  it('walks a place chain level by level and expands abbreviations (新左旗)', () => {
    const a = makeArticle('呼伦贝尔市新左旗嵯岗镇伊和乌拉嘎查第一书记王文胜为牧民送来了物资。');
    const r = run([
      {
        article: a,
        specs: [
          ['呼伦贝尔市', 'PLACE'],
          ['新左旗', 'PLACE'],
          ['嵯岗镇', 'PLACE'],
          ['伊和乌拉嘎查', 'PLACE'],
          ['王文胜', 'PERSON'],
        ],
      },
    ]);
    expect(triples(r, 'located_in')).toEqual([
      '伊和乌拉嘎查 -located_in-> 嵯岗镇 (位于)',
      '嵯岗镇 -located_in-> 新巴尔虎左旗 (位于)',
      '新巴尔虎左旗 -located_in-> 呼伦贝尔市 (位于)',
    ]);
    const qi = r.entities.find((e) => e.label === '新巴尔虎左旗')!;
    expect(qi.aliases).toContain('新左旗');
    expect(qi.attributes?.['code']).toBe('150726');
  });

  it('reads 是…的 and orders by division level, not by suffix (二连浩特市 is a county-level city)', () => {
    const a = makeArticle('苏吉嘎查是锡林郭勒盟二连浩特市格日勒敖都苏木的牧业嘎查。');
    const r = run([
      {
        article: a,
        specs: [
          ['苏吉嘎查', 'PLACE'],
          ['锡林郭勒盟', 'PLACE'],
          ['二连浩特市', 'PLACE'],
          ['格日勒敖都苏木', 'PLACE'],
        ],
      },
    ]);
    expect(triples(r, 'located_in')).toEqual([
      '二连浩特市 -located_in-> 锡林郭勒盟 (位于)',
      '格日勒敖都苏木 -located_in-> 二连浩特市 (位于)',
      '苏吉嘎查 -located_in-> 格日勒敖都苏木 (位于)',
    ]);
  });

  it('places organizations named after a place, and the place nested in a branch name', () => {
    const a = makeArticle('在通辽市委的坚强领导下，通辽市委组织部积极行动。克什克腾旗土城子镇十里铺村党支部书记王晓光正在直播。');
    const r = run([
      {
        article: a,
        specs: [
          ['通辽市委组织部', 'ORGANIZATION'],
          ['通辽市委', 'ORGANIZATION'],
          ['克什克腾旗', 'PLACE'],
          ['土城子镇', 'PLACE'],
          ['十里铺村党支部', 'ORGANIZATION'],
          ['王晓光', 'PERSON'],
        ],
      },
    ]);
    const got = triples(r, 'located_in');
    expect(got).toContain('十里铺村 -located_in-> 土城子镇 (位于)');
    expect(got).toContain('十里铺村党支部 -located_in-> 十里铺村 (位于)');
    expect(got).toContain('土城子镇 -located_in-> 克什克腾旗 (位于)');
    // The branch lies in its village, not in the township before it.
    expect(got).not.toContain('十里铺村党支部 -located_in-> 土城子镇 (位于)');
    // An organization that starts with a division name implies that place (通辽市委 → 通辽市).
    expect(got).toContain('通辽市委 -located_in-> 通辽市 (位于)');
    expect(got).toContain('通辽市委组织部 -located_in-> 通辽市 (位于)');
  });

  it('places a company in the place of registration its name brackets (X(贵州)新材料有限公司)', () => {
    const a = makeArticle('贵州省加快建设现代化产业体系。明远(贵州)新材料有限公司的新厂房今天投产。');
    const r = run([
      {
        article: a,
        specs: [
          ['贵州省', 'PLACE'],
          ['明远(贵州)新材料有限公司', 'ORGANIZATION'],
        ],
      },
    ]);
    expect(triples(r, 'located_in')).toContain('明远(贵州)新材料有限公司 -located_in-> 贵州省 (位于)');
  });

  it('adds the division parent named elsewhere in the article, and nothing across a sentence for chains', () => {
    const a = makeArticle('阿鲁科尔沁旗各领域基层党组织充分发挥战斗堡垒作用。天山口镇水泉沟村第一书记王瑞新谋划产业。');
    const r = run([
      {
        article: a,
        specs: [
          ['阿鲁科尔沁旗', 'PLACE'],
          ['天山口镇', 'PLACE'],
          ['水泉沟村', 'PLACE'],
          ['王瑞新', 'PERSON'],
        ],
      },
    ]);
    expect(triples(r, 'located_in')).toEqual(['天山口镇 -located_in-> 阿鲁科尔沁旗 (位于)', '水泉沟村 -located_in-> 天山口镇 (位于)']);
    const v = r.entities.find((e) => e.label === '水泉沟村')!;
    // 水泉沟村 exists in many counties: the article's 天山口镇 decides.
    expect(v.attributes?.['code']).toBe('150421101223');
  });

  it('places a list of two or more places after a place of a higher level and 的 in that place', () => {
    const a = makeArticle('巴音查干苏木境内的前营子、后营子和野狐坡三个自然村都通了路。巴音查干苏木的前营子也有新路。');
    const specs: Array<[string, 'PLACE']> = [
      ['巴音查干苏木', 'PLACE'],
      ['前营子', 'PLACE'],
      ['后营子', 'PLACE'],
      ['野狐坡', 'PLACE'],
    ];
    expect(triples(run([{ article: a, specs }]), 'located_in')).toEqual([
      '前营子 -located_in-> 巴音查干苏木 (位于)',
      '后营子 -located_in-> 巴音查干苏木 (位于)',
      '野狐坡 -located_in-> 巴音查干苏木 (位于)',
    ]);
    // One place after 的 is no list; a list of places of the same level is no containment.
    const b = makeArticle('巴音查干苏木的前营子通了路。');
    expect(triples(run([{ article: b, specs }]), 'located_in')).toEqual([]);
    const c = makeArticle('巴音查干苏木的宝日勒苏木和哈达苏木的干部来了。');
    expect(
      triples(
        run([
          {
            article: c,
            specs: [
              ['巴音查干苏木', 'PLACE'],
              ['宝日勒苏木', 'PLACE'],
              ['哈达苏木', 'PLACE'],
            ],
          },
        ]),
        'located_in',
      ),
    ).toEqual([]);
  });

  it('keeps the most specific container when the article states the level between', () => {
    const a = makeArticle('清河县柳湾社区来了志愿者。\n清河县石桥镇柳湾社区的党员上了一线。');
    const specs: Array<[string, 'PLACE']> = [
      ['清河县', 'PLACE'],
      ['石桥镇', 'PLACE'],
      ['柳湾社区', 'PLACE'],
    ];
    const got = triples(run([{ article: a, specs }]), 'located_in');
    expect(got).toContain('柳湾社区 -located_in-> 石桥镇 (位于)');
    expect(got).not.toContain('柳湾社区 -located_in-> 清河县 (位于)');
    // Without the level between, the skipping link stays.
    const b = makeArticle('清河县柳湾社区来了志愿者。');
    expect(triples(run([{ article: b, specs }]), 'located_in')).toContain('柳湾社区 -located_in-> 清河县 (位于)');
  });

  it('does not chain places separated by a sentence boundary or listed with 、', () => {
    const a = makeArticle('我们来自通辽市。科尔沁区、赤峰市都有行动。');
    const r = run([
      {
        article: a,
        specs: [
          ['通辽市', 'PLACE'],
          ['科尔沁区', 'PLACE'],
          ['赤峰市', 'PLACE'],
        ],
      },
    ]);
    // 科尔沁区 is under 通辽市 in the division index and the article names both: that edge is inferred;
    // the list 科尔沁区、赤峰市 gives nothing.
    expect(triples(r, 'located_in')).toEqual(['科尔沁区 -located_in-> 通辽市 (位于)']);
  });

  it('puts places outside the index in the city the article is about', () => {
    const a = makeArticle('通辽市各级党组织迅速行动。通辽市委组织部青年党员奔赴碧桂园小区。湖北省需要支援，通辽市派出医生。美国也有疫情。');
    const r = run([
      {
        article: a,
        specs: [
          ['通辽市委组织部', 'ORGANIZATION'],
          ['通辽市', 'PLACE'],
          ['碧桂园小区', 'PLACE'],
          ['湖北省', 'PLACE'],
          ['美国', 'PLACE'],
        ],
      },
    ]);
    const got = triples(r, 'located_in');
    // A country (no division, no sub-village word) is not put in the city.
    expect(got.some((t) => t.startsWith('美国'))).toBe(false);
    expect(got).toContain('碧桂园小区 -located_in-> 通辽市 (位于)');
    expect(got).toContain('通辽市委组织部 -located_in-> 通辽市 (位于)');
    expect(got.some((t) => t.startsWith('湖北省'))).toBe(false);
  });
});
