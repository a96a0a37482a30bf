/**
 * The early segmenter (src/parallel/segmenter.ts): tokens from its worker thread are those `segment` gives
 * on this thread, in the order asked; when the worker cannot start or cannot segment, texts are segmented on
 * this thread instead, so a failure to load the dictionary is the same error as without the worker.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerSegmenter, earlySegmenter } from '../../src/parallel/segmenter.js';
import { PARALLEL_MIN_BYTES, defaultWorkerCount } from '../../src/parallel/sizes.js';
import { buildGraphFromPaths } from '../../src/pipeline.js';
import { toJSON } from '../../src/export/json.js';
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

  it('closed with texts still asked, keeps the process until it has answered them', () => {
    // (a failed build closes it so) A process that ended with its worker inside nodejieba would abort (SIGABRT):
    // nodejieba cannot hand its result to a thread being stopped. The compiled module, in a process of its own.
    const module = pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'src', 'parallel', 'segmenter.js')).href;
    const script = `import { WorkerSegmenter } from ${JSON.stringify(module)};
      const s = new WorkerSegmenter();
      let answered = 0;
      for (const t of ${JSON.stringify(TEXTS)}) void s.segment(t).then(() => answered++);
      s.close();
      process.on('exit', () => process.stdout.write('answered ' + answered));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect([r.status, r.signal]).toEqual([0, null]);
    expect(r.stdout).toBe(`answered ${TEXTS.length}`);
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

describe('the early segmenter of a one-shot build', () => {
  const page = join(import.meta.dirname, '..', '..', 'data', '000_6a6b28fc1a4d90e2.txt');

  it('is started only for a small input that is all new, with a core to spare', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'zhkg-early-'));
    try {
      const big = join(tmp, 'big.txt');
      writeFileSync(big, '');
      truncateSync(big, PARALLEL_MIN_BYTES);
      expect(await earlySegmenter([page], false)).toBeUndefined();
      expect(await earlySegmenter([], true)).toBeUndefined();
      expect(await earlySegmenter([page, big], true)).toBeUndefined();
      const s = await earlySegmenter([page, join(tmp, 'gone.txt')], true);
      expect(s !== undefined).toBe(defaultWorkerCount() > 1);
      s?.close();
      await s?.ended;
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('is the one the build segments with, and is closed by it, used or not', async () => {
    const plain = await buildGraphFromPaths([page], { layout: false });
    // A worker that never starts: texts asked of the segmenter go to the fallback, which records them.
    const given = (asked: string[]) =>
      new WorkerSegmenter({ source: { script: 'throw new Error("not started")', eval: true }, fallback: (t) => (asked.push(t), segment(t)) });
    const asked: string[] = [];
    const used = given(asked);
    const adopted = await buildGraphFromPaths([page], { layout: false, oneShot: true, workers: 2, segmenter: used });
    expect(toJSON(adopted.graph)).toBe(toJSON(plain.graph));
    expect(asked).toEqual(plain.articles.map((a) => a.text));
    expect(used.ended).toBeDefined();
    // One thread only: not used, closed all the same.
    const idle: string[] = [];
    const unused = given(idle);
    const alone = await buildGraphFromPaths([page], { layout: false, oneShot: true, workers: 1, segmenter: unused });
    expect(toJSON(alone.graph)).toBe(toJSON(plain.graph));
    expect(idle).toEqual([]);
    expect(unused.ended).toBeDefined();
  });
});
