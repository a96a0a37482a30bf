import { describe, expect, it } from 'vitest';
import { datelinePlaces, placeCandidates } from '../../src/entities/rules/place.js';
import { ctxOf, texts } from './helpers.js';

describe('place rules', () => {
  it('splits a suffix chain into its links and expands abbreviations', () => {
    const ctx = ctxOf('呼伦贝尔市新左旗嵯岗镇伊和乌拉嘎查第一书记王文胜');
    const c = placeCandidates(ctx);
    expect(texts(ctx, c)).toEqual(['呼伦贝尔市', '新左旗', '嵯岗镇', '伊和乌拉嘎查']);
    expect(c.find((x) => ctx.text.slice(x.start, x.end) === '新左旗')?.canonical).toBe('新巴尔虎左旗');
  });

  it('reads no place over the aspect particle 着 (拉着 + 村…): no name of the training corpora holds it', () => {
    const ctx = ctxOf('他拉着村党支部书记的手说个不停。');
    expect(texts(ctx, placeCandidates(ctx))).not.toContain('拉着村');
  });

  it('expands banner abbreviations the index derives', () => {
    const ctx = ctxOf('科左后旗创作好来宝');
    const c = placeCandidates(ctx);
    expect(c.map((x) => x.canonical)).toEqual(['科尔沁左翼后旗']);
  });

  it('finds villages of the index after a township, and new estates by their suffix', () => {
    const ctx = ctxOf('天山口镇水泉沟村第一书记王瑞新');
    expect(texts(ctx, placeCandidates(ctx))).toEqual(['天山口镇', '水泉沟村']);
    const ctx2 = ctxOf('主动报名奔赴碧桂园小区,协助社区工作人员');
    expect(texts(ctx2, placeCandidates(ctx2))).toEqual(['碧桂园小区']);
  });

  it('reads a village right before 村民', () => {
    const ctx = ctxOf('达拉特旗树林召镇林原村村民王二虎说');
    expect(texts(ctx, placeCandidates(ctx))).toEqual(['达拉特旗', '树林召镇', '林原村']);
  });

  it('rejects kinds of places and generic words', () => {
    for (const s of ['在农村牧区,各苏木乡镇和嘎查村党组织', '建设示范村和自然村', '跨盟市旅行史', '全市8341个党组织', '各街道社区党组织']) {
      const ctx = ctxOf(s);
      expect(texts(ctx, placeCandidates(ctx)), s).toEqual([]);
    }
  });

  it('reads one-character province names after a verb of travel only', () => {
    const ctx = ctxOf('先后分三批赴鄂支援一线工作');
    const c = placeCandidates(ctx);
    expect(texts(ctx, c)).toEqual(['鄂']);
    expect(c[0]!.canonical).toBe('湖北省');
    const ctx2 = ctxOf('鄂尔多斯市杭锦旗');
    expect(texts(ctx2, placeCandidates(ctx2))).toEqual(['鄂尔多斯市', '杭锦旗']);
  });

  it('works without the division index, from the lexicon and suffix heuristics', () => {
    const ctx = ctxOf('联系好广东一家企业,新左旗嵯岗镇', false);
    const c = placeCandidates(ctx);
    expect(texts(ctx, c)).toContain('广东');
    expect(c.find((x) => ctx.text.slice(x.start, x.end) === '广东')?.canonical).toBe('广东省');
    expect(texts(ctx, c)).toContain('新左旗');
  });
});

describe('the place of a dateline without an outlet', () => {
  it('reads a division before the date at the start of a line, after 本报 too', () => {
    const ctx = ctxOf('通辽8月4日电 题：牧区的秋天\n本报呼和浩特6月1日电 记者报道');
    const c = datelinePlaces(ctx);
    expect(texts(ctx, c)).toEqual(['通辽', '呼和浩特']);
    expect(c[0]!.canonical).toBe('通辽市');
    expect(c.every((x) => x.rule === 'place:dateline' && x.kind === 'PLACE')).toBe(true);
  });

  it('reads nothing inside a sentence, nor a name the division index does not hold', () => {
    const ctx = ctxOf('他说通辽8月4日电视台播了节目。\n老张8月4日电话告知');
    expect(datelinePlaces(ctx)).toEqual([]);
    expect(datelinePlaces(ctxOf('通辽8月4日电', false))).toEqual([]);
  });
});
