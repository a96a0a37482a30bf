/**
 * The model tables the extraction pool shares with its workers (shareModel → structured clone →
 * adoptSharedModel) give exactly the spans and scores of the model loaded from the file.
 */
import { describe, expect, it } from 'vitest';
import { adoptSharedModel, loadModel, shareModel, tagSpans } from '../../src/entities/model/index.js';
import { segment } from '../../src/segment/jieba.js';

const SENTENCES = [
  '内蒙古自治区通辽市科尔沁区的王瑞新说，合作社负责人路国庆介绍了情况。',
  '欧阳明华在北京大学召开的人民代表大会上发言，呼和浩特市人民政府派人参加。',
  '苏木党委和嘎查党支部组织党员学习，锡林郭勒盟的牧民也来了。',
  '新华社记者张建国报道：中国农业银行通辽分行向蒙草集团发放贷款。',
  '',
  '𠀀𠀀 abc １２３',
];

describe('shared model tables', () => {
  it('give the same spans and scores as the model file', () => {
    const s = structuredClone(shareModel());
    expect(s.packed.keys.buffer).toBeInstanceOf(SharedArrayBuffer);
    const adopted = adoptSharedModel({ ...s, path: '/nonexistent/shared-model.bin' });
    expect(loadModel('/nonexistent/shared-model.bin')).toBe(adopted);
    const file = loadModel();
    let spans = 0;
    for (const t of SENTENCES) {
      const tokens = segment(t);
      const a = tagSpans(t, tokens, adopted);
      expect(a).toEqual(tagSpans(t, tokens, file));
      spans += a.length;
    }
    expect(spans).toBeGreaterThan(8);
  });
});
