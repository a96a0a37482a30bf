/**
 * The early segmenter (src/parallel/segmenter.ts): tokens from its worker thread are those `segment` gives
 * on this thread, in the order asked; when the worker cannot start or cannot segment, texts are segmented on
 * this thread instead, so a failure to load the dictionary is the same error as without the worker.
 */
import { describe, expect, it } from 'vitest';
import { WorkerSegmenter } from '../../src/parallel/segmenter.js';
import { segment } from '../../src/segment/jieba.js';
import type { Token } from '../../src/types.js';

const TEXTS = [
  '内蒙古自治区通辽市科尔沁区的王瑞新说，合作社负责人路国庆介绍了情况。',
  '',
  '苏木党委和嘎查党支部组织党员学习。\n\n锡林郭勒盟的牧民也来了。',
  // A lone surrogate in the middle: offsets and words must still match the text given.
  '北京\ud800市朝阳区 abc １２３ 𠀀𠀀',
];

describe('WorkerSegmenter', () => {
  it('gives the tokens segment() gives, in the order asked', async () => {
    const s = new WorkerSegmenter();
    try {
      const got = await Promise.all(TEXTS.map((t) => s.segment(t)));
      expect(got).toEqual(TEXTS.map((t) => segment(t)));
      expect(got[0]!.length).toBeGreaterThan(10);
      expect(got[1]).toEqual([]);
    } finally {
      s.close();
      await s.ended;
    }
  });

  it('segments on this thread when its worker fails to start', async () => {
    const here: string[] = [];
    const s = new WorkerSegmenter({
      source: { script: 'throw new Error("no dictionary in this worker")', eval: true },
      fallback: (t) => (here.push(t), segment(t)),
    });
    const got = await Promise.all(TEXTS.map((t) => s.segment(t)));
    expect(got).toEqual(TEXTS.map((t) => segment(t)));
    expect(here).toEqual(TEXTS); // every text, in the order asked
    s.close();
    await s.ended;
  });

  it('a worker that answers with an error hands the text back: the error is the one this thread meets', async () => {
    // A worker that answers every text with an error, as one whose dictionary does not load.
    const script = `const { parentPort } = require('node:worker_threads');
      parentPort.on('message', (m) => { if ('id' in m) parentPort.postMessage({ id: m.id, error: 'cannot load the dictionary' }); });`;
    const failure = new Error('nodejieba: dictionary missing');
    const s = new WorkerSegmenter({
      source: { script, eval: true },
      fallback: () => {
        throw failure;
      },
    });
    await expect(s.segment('王瑞新说')).rejects.toBe(failure);
    await expect(s.segment('路国庆介绍')).rejects.toBe(failure);
    s.close();
    await s.ended;
  });

  it('after close, texts are segmented on this thread', async () => {
    const here: string[] = [];
    const s = new WorkerSegmenter({ fallback: (t): Token[] => (here.push(t), segment(t)) });
    s.close();
    await s.ended;
    expect(await s.segment(TEXTS[0]!)).toEqual(segment(TEXTS[0]!));
    expect(here).toEqual([TEXTS[0]]);
  });
});
