import { describe, expect, it } from 'vitest';
import { bylineNames, creditNames, dictionaryNames, nameLengthAt, personCandidates, speakerNames, titleNames } from '../../src/entities/rules/person.js';
import { ctxOf, texts } from './helpers.js';

describe('person rules: a title before the name', () => {
  it('takes Han names closed by a function word or a verb', () => {
    const ctx = ctxOf('合作社负责人路国庆已联系好广东一家企业');
    expect(texts(ctx, titleNames(ctx))).toEqual(['路国庆']);
    const ctx2 = ctxOf('林西镇冬不冷村党总支书记张连铎露出了久违的笑容');
    expect(texts(ctx2, titleNames(ctx2))).toEqual(['张连铎']);
  });

  it('ends a transliterated name at a word of the clause after its middle dot', () => {
    const ctx = ctxOf('来访的总理彼得·卡尔森有幸成为第一位参观这座工厂的外宾。');
    expect(texts(ctx, titleNames(ctx))).toEqual(['彼得·卡尔森']);
    const ctx2 = ctxOf('公司董事长约翰·史密斯一行参观了展览。');
    expect(texts(ctx2, titleNames(ctx2))).toEqual(['约翰·史密斯']);
  });

  it('takes Mongolian names without a surname', () => {
    const ctx = ctxOf('苏吉嘎查第一书记金宝介绍说');
    expect(texts(ctx, titleNames(ctx))).toEqual(['金宝']);
  });

  it('reads long Mongolian names with function-word syllables (乌云其其格)', () => {
    const ctx = ctxOf('苏木党委副书记、苏木长乌云其其格告诉记者');
    expect(texts(ctx, titleNames(ctx))).toEqual(['乌云其其格']);
  });

  it('ends a byline name at the PDF gap', () => {
    const ctx = ctxOf('本报记者|巴依斯古楞|二连浩特报记者|李晓英');
    expect(texts(ctx, titleNames(ctx))).toEqual(['巴依斯古楞', '李晓英']);
  });

  it('finds no name after a title followed by punctuation or a common word', () => {
    const ctx = ctxOf('1569名驻村第一书记、工作队长深入所驻嘎查村');
    expect(titleNames(ctx)).toEqual([]);
    const ctx2 = ctxOf('此外阿鲁科尔沁旗各嘎查村第一书记组织党员和青年入党积极分子');
    expect(titleNames(ctx2)).toEqual([]);
  });

  it('does not read a title inside a longer word (常委会副委员长)', () => {
    const ctx = ctxOf('全国人大常委会副委员长');
    expect(titleNames(ctx)).toEqual([]);
  });

  it('prefers a name the text already fixed elsewhere', () => {
    const ctx = ctxOf('建档立卡贫困户萨仁苏和家养了100多只羊');
    expect(nameLengthAt(ctx, 7, new Set(['萨仁苏和']))).toBe(4);
  });
});

describe('person rules: speakers, credits, dictionary', () => {
  it('takes a clause-initial name before a speech verb, not generic words', () => {
    const ctx = ctxOf('听着羊羔声,萨仁苏和说:有了好干部');
    expect(texts(ctx, speakerNames(ctx))).toEqual(['萨仁苏和']);
    const ctx2 = ctxOf('他深有体会地说,家里人说');
    expect(speakerNames(ctx2)).toEqual([]);
  });

  it('reads photo credits and name-only byline lines', () => {
    const ctx = ctxOf('图为边检站党员民警在党旗前庄严宣誓。|韩海鹏|摄\n□郝佳丽\n党员带头');
    expect(texts(ctx, creditNames(ctx)).sort()).toEqual(['郝佳丽', '韩海鹏']);
  });

  it('reads 作者, 编辑 and 撰稿 as a byline only with a colon or a space after them', () => {
    // Running text uses them as common nouns: the works came from local authors; teachers have to learn; the editor says.
    for (const t of ['这些画大多出自当地业余作者之手。', '不但教育工作者要学，家长也要学。', '小编辑者说，这期刊物很好看。']) {
      const ctx = ctxOf(t);
      expect(bylineNames(ctx)).toEqual([]);
    }
    const ctx = ctxOf('作者：韩立群|编辑 苏雅琴\n记者宋德海报道');
    expect(texts(ctx, bylineNames(ctx))).toEqual(['韩立群', '苏雅琴', '宋德海']);
  });

  it('uses jieba full-name entries', () => {
    const ctx = ctxOf('学习贯彻习近平新时代中国特色社会主义思想');
    expect(texts(ctx, dictionaryNames(ctx))).toEqual(['习近平']);
  });

  it('gives PERSON candidates only', () => {
    const ctx = ctxOf('苏吉嘎查第一书记金宝介绍说');
    expect(personCandidates(ctx).every((c) => c.kind === 'PERSON')).toBe(true);
  });
});
