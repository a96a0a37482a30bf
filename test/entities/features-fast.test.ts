/**
 * The feature extractor's typed tables (word lists, lexicon, character flags and classes) give the same
 * feature hashes as the Map/Set/string-slice version it replaced (test/helpers/features-reference.ts), on
 * generated text rich in what the tables look up: surnames, double surnames, place and organization
 * suffixes, numerals, full-width and Latin characters, spaces, astral characters and lone surrogates. The
 * generated texts differ in length from one run to the next, so the work arrays the extractor keeps between
 * calls are checked for leftovers too.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildLexicon,
  extractFeatures,
  LEX_DIV_HIGH,
  LEX_DIV_TOWN_STEM,
  LEX_GOLD_ORG,
  LEX_LOC,
  LEX_PER,
  LEX_WORLD,
} from '../../src/entities/model/features.js';
import { extractFeatures as referenceFeatures } from '../helpers/features-reference.js';
import { segment } from '../../src/segment/jieba.js';
import type { Token } from '../../src/types.js';

const PIECES = [
  '王',
  '李',
  '欧阳',
  '司马',
  '诸葛',
  '明',
  '华',
  '省',
  '市',
  '县',
  '旗',
  '嘎查',
  '苏木',
  '自治区',
  '开发区',
  '委员会',
  '合作社',
  '党支部',
  '公司',
  '有限公司',
  '报',
  '人民代表大会',
  '一',
  '十',
  '两',
  '3',
  '７',
  'A',
  'ｂ',
  'x',
  ' ',
  '　',
  '，',
  '。',
  '的',
  '在',
  '说',
  '𠀀',
  '\ud800',
  '\udc00',
  '内蒙古',
  '通辽',
  '科尔沁',
  '草原',
  '大道',
  '中心',
];
const piece = fc.constantFrom(...PIECES);
const text = fc.array(piece, { minLength: 1, maxLength: 40 }).map((p) => p.join(''));
const LEX_KINDS = [LEX_PER, LEX_LOC, LEX_GOLD_ORG, LEX_DIV_HIGH, LEX_DIV_TOWN_STEM, LEX_WORLD, LEX_PER | LEX_DIV_HIGH];
const lexEntries = fc.array(
  fc.tuple(
    fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join('')),
    fc.constantFrom(...LEX_KINDS),
  ),
  { maxLength: 40 },
);

/** Tokens that cover the text in random cuts, some out of range or empty (extraction skips those). */
function randomTokens(t: string, cuts: number[]): Token[] {
  const out: Token[] = [];
  let at = 0;
  for (const c of cuts) {
    const end = Math.min(t.length, at + c);
    out.push({ word: t.slice(at, end), tag: c % 2 ? 'ns' : 'n', start: at, end });
    at = end;
  }
  out.push({ word: 'x', tag: 'x', start: t.length, end: t.length + 3 });
  return out;
}

/** Index of the first differing feature slot, -1 when equal (cheaper to assert than element-wise toEqual). */
function firstDifference(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('feature extraction with typed tables', () => {
  it('equals the reference on generated text, with jieba tokens and with random tokens, with and without a lexicon', () => {
    fc.assert(
      fc.property(text, lexEntries, fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 30 }), (t, entries, cuts) => {
        const lex = buildLexicon(entries);
        for (const tokens of [segment(t), randomTokens(t, cuts)]) {
          expect(firstDifference(extractFeatures(t, tokens, lex), referenceFeatures(t, tokens, lex))).toBe(-1);
          expect(firstDifference(extractFeatures(t, tokens), referenceFeatures(t, tokens))).toBe(-1);
          // The kept output array (decoding's): what an earlier, longer or shorter, text left in it never shows.
          expect(firstDifference(extractFeatures(t, tokens, lex, { reuse: true }), referenceFeatures(t, tokens, lex))).toBe(-1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('equals the reference on written news sentences', () => {
    const sentences = [
      '内蒙古自治区通辽市科尔沁区的王瑞新说，合作社负责人路国庆介绍了情况。',
      '欧阳明华在北京大学召开的人民代表大会上发言，司马光华也到场。',
      '苏木党委和嘎查党支部组织了１２名党员，在开发区委员会门前集合。',
      'ＡＢＣ有限公司于2024年3月在呼和浩特市成立，注册资本两千万元。',
    ];
    const lex = buildLexicon([
      ['王瑞新', LEX_PER],
      ['科尔沁区', LEX_DIV_HIGH],
      ['通辽', LEX_DIV_TOWN_STEM],
      ['北京大学', LEX_GOLD_ORG],
    ]);
    for (const s of sentences) {
      const a = extractFeatures(s, segment(s), lex);
      expect(a.some((h) => h !== 0)).toBe(true);
      expect(firstDifference(a, referenceFeatures(s, segment(s), lex))).toBe(-1);
    }
  });
});
