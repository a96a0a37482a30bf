import { describe, expect, it } from 'vitest';
import { makeArticle, run, triples } from './helpers.js';

describe('role', () => {
  it('links a person to the village named before the title, with evidence spans on both', () => {
    const a = makeArticle('在做好疫情防控的同时，天山口镇水泉沟村第一书记王瑞新与村两委积极谋划产业发展。');
    const r = run([
      {
        article: a,
        specs: [
          ['天山口镇', 'PLACE'],
          ['水泉沟村', 'PLACE'],
          ['王瑞新', 'PERSON'],
        ],
      },
    ]);
    expect(triples(r, 'role')).toEqual(['王瑞新 -role-> 水泉沟村 (第一书记)']);
    const f = r.facts.find((x) => x.relation === 'role')!;
    const spans = f.evidence.spans.map(([s, e]) => f.evidence.sentence.slice(s, e));
    expect(spans).toEqual(['水泉沟村', '王瑞新']);
  });

  it('resolves a generic head to the body named earlier in the article', () => {
    const a = makeArticle('同样发展向好的还有冬不冷村吉庆合养殖专业合作社。合作社负责人路国庆已联系好广东一家企业。');
    const r = run([
      {
        article: a,
        specs: [
          ['冬不冷村', 'PLACE'],
          ['吉庆合养殖专业合作社', 'ORGANIZATION'],
          ['路国庆', 'PERSON'],
          ['广东', 'PLACE'],
        ],
      },
    ]);
    expect(triples(r, 'role')).toEqual(['路国庆 -role-> 吉庆合养殖专业合作社 (负责人)']);
  });

  it('takes residents (建档立卡贫困户) and branch titles', () => {
    const a = makeArticle('苏吉嘎查建档立卡贫困户萨仁苏和家养了100多只羊。林西镇党委书记任忠磊在会议上讲话。');
    const r = run([
      {
        article: a,
        specs: [
          ['苏吉嘎查', 'PLACE'],
          ['萨仁苏和', 'PERSON'],
          ['林西镇党委', 'ORGANIZATION'],
          ['任忠磊', 'PERSON'],
        ],
      },
    ]);
    expect(triples(r, 'role')).toEqual(['任忠磊 -role-> 林西镇党委 (书记)', '萨仁苏和 -role-> 苏吉嘎查 (建档立卡贫困户)']);
  });

  it('reads a title after the name only when the body it implies is named (习近平总书记 … 党中央)', () => {
    const a = makeArticle('坚决贯彻落实习近平总书记重要指示精神和党中央决策部署。习近平总书记指出要把扶贫开发同基层组织建设结合起来。');
    const r = run([
      {
        article: a,
        specs: [
          ['习近平', 'PERSON'],
          ['党中央', 'ORGANIZATION'],
        ],
      },
    ]);
    expect(triples(r, 'role')).toEqual(['习近平 -role-> 党中央 (总书记)']);
    expect(r.facts.filter((f) => f.relation === 'role')).toHaveLength(1);
  });

  it('gives nothing to a title with no name after it', () => {
    const a = makeArticle('此外阿鲁科尔沁旗各嘎查村第一书记组织党员成立了小分队。');
    const r = run([{ article: a, specs: [['阿鲁科尔沁旗', 'PLACE']] }]);
    expect(triples(r, 'role')).toEqual([]);
  });

  it('gives the title to the first of two names joined by 和 only', () => {
    const a = makeArticle('宝山村第一书记高颖东和王晓光一起谋划塘坝加固项目。');
    const r = run([
      {
        article: a,
        specs: [
          ['宝山村', 'PLACE'],
          ['高颖东', 'PERSON'],
          ['王晓光', 'PERSON'],
        ],
      },
    ]);
    expect(triples(r, 'role')).toEqual(['高颖东 -role-> 宝山村 (第一书记)']);
  });

  it('does not link across a sentence boundary', () => {
    // Two villages named as often: no village of the article for a post without a body either.
    const a = makeArticle('这里是宝山村，那里是石门村。第一书记高颖东介绍说。');
    const r = run([
      {
        article: a,
        specs: [
          ['宝山村', 'PLACE'],
          ['石门村', 'PLACE'],
          ['高颖东', 'PERSON'],
        ],
      },
    ]);
    expect(triples(r, 'role')).toEqual([]);
  });

  it('a post with no body before it goes to the village the article names most, even a sentence before', () => {
    const a = makeArticle('这里是宝山村。第一书记高颖东介绍说。');
    const r = run([
      {
        article: a,
        specs: [
          ['宝山村', 'PLACE'],
          ['高颖东', 'PERSON'],
        ],
      },
    ]);
    expect(triples(r, 'role')).toEqual(['高颖东 -role-> 宝山村 (第一书记)']);
  });

  it('takes 的 before the title, titles joined by 、, and <person>现任<place><title>', () => {
    const a = makeArticle('苏吉嘎查的第一书记金宝介绍说。草根台嘎查党支部书记、嘎查达宝音正在开会。王文胜现任伊和乌拉嘎查第一书记。');
    const r = run([
      {
        article: a,
        specs: [
          ['苏吉嘎查', 'PLACE'],
          ['金宝', 'PERSON'],
          ['草根台嘎查', 'PLACE'],
          ['宝音', 'PERSON'],
          ['伊和乌拉嘎查', 'PLACE'],
          ['王文胜', 'PERSON'],
        ],
      },
    ]);
    expect(triples(r, 'role')).toEqual([
      '宝音 -role-> 草根台嘎查 (党支部书记)',
      '宝音 -role-> 草根台嘎查 (嘎查达)',
      '王文胜 -role-> 伊和乌拉嘎查 (第一书记)',
      '金宝 -role-> 苏吉嘎查 (第一书记)',
    ]);
  });

  it('refuses a gap that is not titles only', () => {
    const a = makeArticle('苏吉嘎查第一书记和牧民金宝一起劳动。王文胜来到伊和乌拉嘎查第一书记办公室。');
    const r = run([
      {
        article: a,
        specs: [
          ['苏吉嘎查', 'PLACE'],
          ['金宝', 'PERSON'],
          ['伊和乌拉嘎查', 'PLACE'],
          ['王文胜', 'PERSON'],
        ],
      },
    ]);
    expect(triples(r, 'role')).toEqual([]);
  });
  it('titles joined by 兼, a village doctor of the article’s village, and a worker of a body', () => {
    const a = makeArticle('这里是宝山村。远航公司创始人兼首席执行官高明远说。村医李春华给村民看病。宝山村养殖合作社工人赵小满说。');
    const r = run([
      {
        article: a,
        specs: [
          ['宝山村养殖合作社', 'ORGANIZATION'],
          ['宝山村', 'PLACE'],
          ['远航公司', 'ORGANIZATION'],
          ['高明远', 'PERSON'],
          ['李春华', 'PERSON'],
          ['赵小满', 'PERSON'],
        ],
      },
    ]);
    expect(triples(r, 'role')).toEqual([
      '李春华 -role-> 宝山村 (村医)',
      '赵小满 -role-> 宝山村养殖合作社 (工人)',
      '高明远 -role-> 远航公司 (创始人)',
      '高明远 -role-> 远航公司 (首席执行官)',
    ]);
  });
  it('the person who founds a cooperative heads it, named in the sentence or as 他/她 after it', () => {
    const a = makeArticle('牧民高娃考虑到规模太小，注册成立了宝山养殖合作社。1998年，巴图被选为嘎查长。他带领乡亲们成立红旗肉牛合作社。');
    const r = run([
      {
        article: a,
        specs: [
          ['高娃', 'PERSON'],
          ['宝山养殖合作社', 'ORGANIZATION'],
          ['巴图', 'PERSON'],
          ['红旗肉牛合作社', 'ORGANIZATION'],
        ],
      },
    ]);
    expect(triples(r, 'role')).toEqual(['巴图 -role-> 红旗肉牛合作社 (创办人)', '高娃 -role-> 宝山养殖合作社 (创办人)']);
  });

  it('not a body of government set up, nor with two people before the verb, nor founded by 他们', () => {
    const a = makeArticle('县委书记王明和县长李强成立了宝山养殖合作社。王明成立了防控领导小组。他们成立了红旗肉牛合作社。');
    const r = run([
      {
        article: a,
        specs: [
          ['王明', 'PERSON'],
          ['李强', 'PERSON'],
          ['宝山养殖合作社', 'ORGANIZATION'],
          ['防控领导小组', 'ORGANIZATION'],
          ['红旗肉牛合作社', 'ORGANIZATION'],
        ],
      },
    ]);
    expect(triples(r, 'role').filter((t) => t.includes('创办人'))).toEqual([]);
  });
});
