/**
 * Tokens segmented on the main thread and sent packed to an extraction worker (src/parallel/tokens.ts): unpacked,
 * they are `segment`'s tokens field for field, and the worker recognizes with the tokens it is sent (it does not
 * segment again), so the mentions are those this thread finds with the same tokens.
 */
import { describe, expect, it } from 'vitest';
import { packTokens, unpackTokens } from '../../src/parallel/tokens.js';
import { ExtractionPool } from '../../src/parallel/pool.js';
import { extractionInput } from '../../src/parallel/protocol.js';
import { extractArticleMentions } from '../../src/pipeline.js';
import { segment } from '../../src/segment/jieba.js';
import type { Article, Token } from '../../src/types.js';

const TEXTS = [
  '内蒙古自治区通辽市科尔沁区的王瑞新说，合作社负责人路国庆介绍了情况。',
  '',
  '苏木党委和嘎查党支部组织党员学习。\n\n锡林郭勒盟的牧民也来了。',
  // A lone surrogate and astral characters: offsets and words must still match the text.
  '北京\ud800市朝阳区 abc １２３ 𠀀𠀀',
];

const article = (text: string): Article => ({
  id: 'a#1',
  source: 'a.txt',
  title: '',
  section: '',
  text,
  map: new Int32Array(0),
  gaps: [],
  authors: [],
  sentences: [],
});

describe('packed tokens', () => {
  it('unpack to the tokens segment() gives, with one tag table for a batch', () => {
    const names: string[] = [];
    const index = new Map<string, number>();
    const packed = TEXTS.map((t) => packTokens(segment(t), names, index));
    expect(TEXTS.map((t, i) => unpackTokens(t, packed[i]!, names))).toEqual(TEXTS.map((t) => segment(t)));
    expect(new Set(names).size).toBe(names.length); // each tag once
    expect(names.length).toBeGreaterThan(3);
    expect(packed[1]!.tags.length).toBe(0);
  });

  it('are what the worker recognizes with: its mentions are this thread’s for the same tokens', async () => {
    const text = TEXTS[0]!;
    // A segmentation of our own, cut where jieba would not: the word boundaries differ from segment()'s.
    const tokens: Token[] = [];
    for (let at = 0; at < text.length; at += 2) {
      const end = Math.min(text.length, at + 2);
      tokens.push({ word: text.slice(at, end), tag: at % 4 === 0 ? 'n' : 'v', start: at, end });
    }
    const mine = extractArticleMentions(article(text), { tokens });
    const usual = extractArticleMentions(article(text));
    expect(mine).not.toEqual(usual); // else this test could not tell which tokens the worker used
    const pool = new ExtractionPool(1);
    try {
      const names: string[] = [];
      const index = new Map<string, number>();
      const withTokens = extractionInput(article(text), packTokens(tokens, names, index));
      const sent = withTokens.tokens!.bounds;
      const got = await pool.batch([withTokens, extractionInput(article(text))], false, names);
      expect(got.mentions[0]).toEqual(mine);
      expect(got.mentions[1]).toEqual(usual); // sent without tokens: segmented in the worker
      expect(sent.byteLength).toBe(0); // moved to the worker, not copied
    } finally {
      await pool.close();
    }
  });
});
