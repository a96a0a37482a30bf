import { describe, expect, it } from 'vitest';
import { appositionPrograms, cuePrograms, lexiconPrograms, quotedPrograms } from '../../src/entities/rules/program.js';
import { ctxOf, texts } from './helpers.js';

describe('program rules: head words and the lexicon', () => {
  it('takes modifiers that belong to the name', () => {
    const ctx = ctxOf('284个|青年党员突击队|,主动做好车辆登记');
    expect(texts(ctx, cuePrograms(ctx))).toEqual(['青年党员突击队']);
    const ctx2 = ctxOf('迅速组建起疫情防控|尖刀班|2606个');
    expect(texts(ctx2, cuePrograms(ctx2))).toEqual(['疫情防控尖刀班']);
  });

  it('needs a modifier for stem heads and rejects titles', () => {
    const ctx = ctxOf('还要快速推进产业园二期基础设施建设,在党建联合体带动下');
    expect(texts(ctx, cuePrograms(ctx))).toEqual(['党建联合体']);
    const ctx2 = ctxOf('驻村第一书记、工作队长深入所驻嘎查村');
    expect(cuePrograms(ctx2)).toEqual([]);
  });

  it('knows national programs, with canonical names', () => {
    const ctx = ctxOf('为打赢脱贫攻坚战提供坚强的人才支撑');
    const c = lexiconPrograms(ctx);
    expect(texts(ctx, c)).toEqual(['脱贫攻坚战']);
    expect(c[0]!.canonical).toBe('脱贫攻坚');
    // A party branch running a cooperative, the practice, in any of its written forms: one program.
    const ctx2 = ctxOf('全县推行村党支部领办集体合作社，党支部领办合作社带动农户增收。');
    const c2 = lexiconPrograms(ctx2);
    expect(texts(ctx2, c2)).toEqual(['村党支部领办集体合作社', '党支部领办合作社']);
    expect(c2.map((x) => x.canonical ?? texts(ctx2, [x])[0])).toEqual(['党支部领办合作社', '党支部领办合作社']);
  });
});

describe('program rules: lost quotation marks (gaps)', () => {
  it('reads a quoted phrase after a launch verb or before a head noun', () => {
    const ctx = ctxOf('升级|打造|林西小笨鸡|绿色农畜产品|品牌,拓宽群众收入渠道');
    expect(texts(ctx, quotedPrograms(ctx))).toEqual(['林西小笨鸡']);
    const ctx2 = ctxOf('开鲁县|依托|有事村里(社区)说|工作机制,组织');
    expect(texts(ctx2, quotedPrograms(ctx2))).toEqual(['有事村里(社区)说']);
    const ctx3 = ctxOf('推进产业园二期基础设施建设|将|小养殖|全|面提档升级');
    expect(texts(ctx3, quotedPrograms(ctx3))).toEqual(['小养殖']);
    const ctx4 = ctxOf('通过|合作社+贫困户+公司|的精准产业扶贫模|式');
    expect(texts(ctx4, quotedPrograms(ctx4))).toEqual(['合作社+贫困户+公司']);
  });

  it('reads 以 X 为抓手 and launch verbs before phrases that open with a function word', () => {
    const ctx = ctxOf('杭锦旗锡尼镇党委以|三联三带|为抓手,组建|红色驿站|12个');
    expect(texts(ctx, quotedPrograms(ctx))).toEqual(['三联三带', '红色驿站']);
    const ctx2 = ctxOf('光明社区党支部开展|我为群众办实事|实践活动');
    expect(texts(ctx2, quotedPrograms(ctx2))).toEqual(['我为群众办实事']);
  });

  it('names an enumerated mechanism as a whole, across a line-wrap gap', () => {
    const ctx = ctxOf('库伦旗全面推行|党建统领、基层治理、全|民网格服务|机制|,以嘎查村为单位');
    expect(texts(ctx, quotedPrograms(ctx))).toEqual(['党建统领、基层治理、全民网格服务机制']);
  });

  it('ignores quoted slogans and descriptions', () => {
    for (const s of [
      '用实际行动树起|抗疫有我|增收我管|的标杆',
      '解决了他家羊群|吃饭难|的问题',
      '实现嘎查牛羊吃饭|点|单|模式',
      '林西小笨鸡|绿色农畜产品|品牌',
    ]) {
      const ctx = ctxOf(s);
      expect(texts(ctx, quotedPrograms(ctx)), s).toEqual([]);
    }
  });
});

describe('program rules: quoted names in apposition', () => {
  it('reads short quoted noun phrases after a category noun', () => {
    const ctx = ctxOf('科左中旗启动嘎查村广播|大喇叭|和党员宣传|小喇叭|,每日播放');
    expect(texts(ctx, appositionPrograms(ctx))).toEqual(['大喇叭', '小喇叭']);
  });

  it('ignores wrapped words and verbs between gaps', () => {
    for (const s of ['立即行动起来|全面进入|战时|状态|全员进入', '完善村|两委|班子|建设各项制度', '解决了他家羊群|吃饭难|的问题']) {
      const ctx = ctxOf(s);
      expect(appositionPrograms(ctx), s).toEqual([]);
    }
  });
});
