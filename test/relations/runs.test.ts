import { describe, expect, it } from 'vitest';
import { makeArticle, run, triples } from './helpers.js';

describe('runs and participates_in', () => {
  it('a place acting as its government runs what it puts in place, each program after the verb', () => {
    const a = makeArticle('库伦旗全面推行网格服务机制。科左中旗启动嘎查村广播大喇叭和党员宣传小喇叭，每日播放防疫知识。');
    const r = run([
      {
        article: a,
        specs: [
          ['库伦旗', 'PLACE'],
          ['网格服务机制', 'PROGRAM'],
          ['科左中旗', 'PLACE'],
          ['大喇叭', 'PROGRAM'],
          ['小喇叭', 'PROGRAM'],
        ],
      },
    ]);
    expect(triples(r, 'runs')).toEqual(['库伦旗 -runs-> 网格服务机制 (组织)', '科尔沁左翼中旗 -runs-> 大喇叭 (组织)', '科尔沁左翼中旗 -runs-> 小喇叭 (组织)']);
  });

  it('carries the subject to later clauses of its sentence, not to the next sentence', () => {
    const a = makeArticle('针对各村种植户，土城子镇党委一方面充分发挥宣传优势，通过村村响系统宣传防疫知识。村民通过村村响收听。');
    const r = run([
      {
        article: a,
        specs: [
          ['土城子镇党委', 'ORGANIZATION'],
          ['村村响', 'PROGRAM'],
        ],
      },
    ]);
    expect(triples(r, 'runs')).toEqual(['土城子镇党委 -runs-> 村村响 (组织)']);
    expect(r.facts.filter((f) => f.relation === 'runs')).toHaveLength(1);
  });

  it('a person working through a program participates in it', () => {
    const a = makeArticle('十里铺村党支部书记王晓光正通过村村响系统进行现场直播。');
    const r = run([
      {
        article: a,
        specs: [
          ['十里铺村党支部', 'ORGANIZATION'],
          ['王晓光', 'PERSON'],
          ['村村响', 'PROGRAM'],
        ],
      },
    ]);
    expect(triples(r, 'participates_in')).toEqual(['王晓光 -participates_in-> 村村响 (参与)']);
    expect(triples(r, 'runs')).toEqual([]);
  });

  it('no place or body runs a national strategy (乡村振兴), though it runs its own programs in the same clause', () => {
    const a = makeArticle('红柳村开展乡村振兴示范创建，推行“支部+合作社”模式。');
    const r = run([
      {
        article: a,
        specs: [
          ['红柳村', 'PLACE'],
          ['乡村振兴', 'PROGRAM'],
          ['支部+合作社', 'PROGRAM'],
        ],
      },
    ]);
    expect(triples(r, 'runs')).toEqual(['红柳村 -runs-> 支部+合作社 (组织)']);
  });

  it('needs a verb before the program and a subject opening the clause', () => {
    const a = makeArticle('驻村工作队成员已全部返岗。各苏木乡镇党组织迅速组建起尖刀班。');
    const r = run([
      {
        article: a,
        specs: [
          ['驻村工作队', 'PROGRAM'],
          ['尖刀班', 'PROGRAM'],
        ],
      },
    ]);
    expect(triples(r, 'runs')).toEqual([]);
  });
});

describe('runs from a quoted plan, participates_in from 我们<head>', () => {
  it('credits the speaker’s body with the programs of the quote before the speech sentence', () => {
    const a = makeArticle('我们要完成脱贫产业园一期种植，将小养殖全面提档升级。日前，林西镇党委书记任忠磊在项目推进会议上作了部署。');
    const r = run([
      {
        article: a,
        specs: [
          ['脱贫产业园', 'PROGRAM'],
          ['小养殖', 'PROGRAM'],
          ['林西镇党委', 'ORGANIZATION'],
          ['任忠磊', 'PERSON'],
        ],
      },
    ]);
    expect(triples(r, 'runs')).toEqual(['林西镇党委 -runs-> 小养殖 (组织)', '林西镇党委 -runs-> 脱贫产业园 (组织)']);
    expect(triples(r, 'participates_in')).toEqual([]);
  });

  it('a body or person that wins a status a campaign confers takes part in the campaign (荣获, 获评, 被评为)', () => {
    const a = makeArticle('近年来，红柳村党支部先后荣获市级示范村、“五星党支部”等称号。');
    const r = run([
      {
        article: a,
        specs: [
          ['红柳村党支部', 'ORGANIZATION'],
          ['五星党支部', 'PROGRAM'],
        ],
      },
    ]);
    expect(triples(r, 'participates_in')).toEqual(['红柳村党支部 -participates_in-> 五星党支部 (参与)']);
    expect(triples(r, 'runs')).toEqual([]);
  });

  it('reads the quote with its quotation marks kept (“我们…。”)', () => {
    const a = makeArticle('“我们推行‘支部+合作社+农户’新办法，带动村民增收。”青山镇党委书记孟和介绍。');
    const r = run([
      {
        article: a,
        specs: [
          ['支部+合作社+农户', 'PROGRAM'],
          ['青山镇党委', 'ORGANIZATION'],
          ['孟和', 'PERSON'],
        ],
      },
    ]);
    expect(triples(r, 'runs')).toEqual(['青山镇党委 -runs-> 支部+合作社+农户 (组织)']);
  });

  it('needs a quote (我们…) and a speaking office holder', () => {
    const a = makeArticle('要将小养殖全面提档升级。日前，林西镇党委书记任忠磊在会议上作了部署。我们要打造林西小笨鸡品牌。任忠磊说。');
    const r = run([
      {
        article: a,
        specs: [
          ['小养殖', 'PROGRAM'],
          ['林西小笨鸡', 'PROGRAM'],
          ['林西镇党委', 'ORGANIZATION'],
          ['任忠磊', 'PERSON'],
        ],
      },
    ]);
    expect(triples(r, 'runs')).toEqual([]);
  });

  it('我们合作社 is the cooperative named last before it', () => {
    const a = makeArticle('冬不冷村吉庆合养殖专业合作社社员们正在忙碌。为了不影响小养殖项目的推进，我们合作社抓紧准备。');
    const r = run([
      {
        article: a,
        specs: [
          ['冬不冷村', 'PLACE'],
          ['吉庆合养殖专业合作社', 'ORGANIZATION'],
          ['小养殖', 'PROGRAM'],
        ],
      },
    ]);
    expect(triples(r, 'participates_in')).toEqual(['吉庆合养殖专业合作社 -participates_in-> 小养殖 (参与)']);
  });
});

describe('listed subjects', () => {
  it('every place of a listed subject runs the program; a list after the verb is not a subject', () => {
    const a = makeArticle('阿尔山市、乌兰浩特市、突泉县等地也开展了双语宣讲活动。科右前旗组织阿尔山市、突泉县的干部学习。');
    const r = run([
      {
        article: a,
        specs: [
          ['阿尔山市', 'PLACE'],
          ['乌兰浩特市', 'PLACE'],
          ['突泉县', 'PLACE'],
          ['科右前旗', 'PLACE'],
          ['双语宣讲', 'PROGRAM'],
        ],
      },
    ]);
    expect(triples(r, 'runs')).toEqual(['乌兰浩特市 -runs-> 双语宣讲 (组织)', '突泉县 -runs-> 双语宣讲 (组织)', '阿尔山市 -runs-> 双语宣讲 (组织)']);
  });
  it('a body holding a meeting of a program runs it (召开)', () => {
    const a = makeArticle('宝山村党支部正在召开一场主题党日活动。');
    const r = run([
      {
        article: a,
        specs: [
          ['宝山村党支部', 'ORGANIZATION'],
          ['主题党日', 'PROGRAM'],
        ],
      },
    ]);
    expect(triples(r, 'runs')).toEqual(['宝山村党支部 -runs-> 主题党日 (组织)']);
  });
});

describe('a quoted program nobody is credited with is the own of the place the article is about', () => {
  const place: Array<[string, 'PLACE']> = [
    ['红柳旗', 'PLACE'],
    ['沙泉镇', 'PLACE'],
  ];

  it('the place named most, at least twice, runs it; evidence is the program’s sentence', () => {
    const a = makeArticle('红柳旗地处北部。近年来，“支部+合作社+牧户”让牧民增收，红柳旗的经验在沙泉镇推广。');
    const r = run([{ article: a, specs: [...place, ['支部+合作社+牧户', 'PROGRAM']] }]);
    expect(triples(r, 'runs')).toEqual(['红柳旗 -runs-> 支部+合作社+牧户 (组织)']);
    const f = r.facts.find((x) => x.relation === 'runs')!;
    expect(f.evidence.sentence).toContain('“支部+合作社+牧户”让牧民增收');
  });

  it('not a program the text does not quote, nor a national campaign of the lexicon', () => {
    const a = makeArticle('红柳旗地处北部。红柳旗的党员突击队日夜值守，“乡村振兴”成效明显。');
    const r = run([
      {
        article: a,
        specs: [
          ['红柳旗', 'PLACE'],
          ['党员突击队', 'PROGRAM'],
          ['乡村振兴', 'PROGRAM'],
        ],
      },
    ]);
    expect(triples(r, 'runs')).toEqual([]);
  });

  it('no place when none is named twice or two are named as often', () => {
    const once = makeArticle('红柳旗地处北部。近年来，“支部+合作社+牧户”让牧民增收。');
    expect(triples(run([{ article: once, specs: [...place, ['支部+合作社+牧户', 'PROGRAM']] }]), 'runs')).toEqual([]);
    const tie = makeArticle('红柳旗和沙泉镇地处北部。“支部+合作社+牧户”让红柳旗、沙泉镇的牧民增收。');
    expect(triples(run([{ article: tie, specs: [...place, ['支部+合作社+牧户', 'PROGRAM']] }]), 'runs')).toEqual([]);
  });

  it('not a program a sentence already credits to someone', () => {
    const a = makeArticle('红柳旗地处北部。红柳旗牧民王巴特通过“支部+合作社+牧户”增收，红柳旗为他点赞。');
    const r = run([
      {
        article: a,
        specs: [...place, ['王巴特', 'PERSON'], ['支部+合作社+牧户', 'PROGRAM']],
      },
    ]);
    expect(triples(r, 'participates_in')).toEqual(['王巴特 -participates_in-> 支部+合作社+牧户 (参与)']);
    expect(triples(r, 'runs')).toEqual([]);
  });
});
