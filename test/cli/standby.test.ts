/**
 * The standby segmentation worker of a one-shot `zhkg build` (src/cli/standby-worker.ts): started before the build
 * knows whether it will segment there, it loads nodejieba's dictionary only when told (its first request; an
 * empty text is the signal), ends without loading it when released first, and otherwise gives the tokens
 * `segment` gives on this thread.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { workerSource } from '../../src/parallel/source.js';
import { WorkerSegmenter } from '../../src/parallel/segmenter.js';
import { segment } from '../../src/segment/jieba.js';

const TEXT = '锡林郭勒盟的牧民王建国在合作社开会。';

/** A standby worker, and the messages it sent, in order. */
function standby(): { worker: Worker; seen: unknown[]; next: () => Promise<unknown> } {
  const source = workerSource('../cli/standby-worker');
  const worker = new Worker(source.script, { eval: source.eval });
  const seen: unknown[] = [];
  const waiting: Array<(m: unknown) => void> = [];
  worker.on('message', (m: unknown) => {
    seen.push(m);
    waiting.shift()?.(m);
  });
  let read = 0;
  const next = () => (read < seen.length ? Promise.resolve(seen[read++]) : new Promise<unknown>((r) => waiting.push((m) => (read++, r(m)))));
  return { worker, seen, next };
}

describe('standby segmentation worker', () => {
  it('released before any request, it ends without loading the dictionary', async () => {
    const { worker, seen, next } = standby();
    worker.postMessage({ release: true });
    expect(await next()).toEqual({ released: true });
    expect(seen).toEqual([{ released: true }]); // no { loading: true } before
    await worker.terminate();
  });

  it('an empty text is answered at once and starts the load; then texts get the tokens segment() gives', async () => {
    const { worker, next } = standby();
    worker.postMessage({ id: 0, text: '' });
    expect(await next()).toEqual({ id: 0, tokens: [] });
    expect(await next()).toEqual({ loading: true });
    worker.postMessage({ id: 1, text: TEXT });
    expect(await next()).toEqual({ id: 1, tokens: segment(TEXT) });
    worker.postMessage({ release: true });
    expect(await next()).toEqual({ released: true });
    await worker.terminate();
  });

  it('serves a WorkerSegmenter as the segmentation worker does', async () => {
    const s = new WorkerSegmenter({ source: workerSource('../cli/standby-worker') });
    try {
      const [empty, tokens] = await Promise.all([s.segment(''), s.segment(TEXT)]);
      expect(empty).toEqual([]);
      expect(tokens).toEqual(segment(TEXT));
      expect(tokens.length).toBeGreaterThan(5);
    } finally {
      s.close();
      await s.ended;
    }
  });
});
