/**
 * How to start one of zhkg's worker threads, and how one ends: both kinds (extraction, segmentation) free their
 * jieba dictionary when asked before they are terminated (`released` on the main thread, `answerRelease` in
 * the worker).
 *
 * A worker from dist/ is `<name>.js` beside this module, from sources `<name>.ts` through tsx's loader
 * (src/util/worker-source.ts).
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import { releaseJieba, segment } from '../segment/jieba.js';
import type { ReleaseMessage, ReleasedAnswer, SegmentAnswer } from './protocol.js';
import { workerSourceAt, type WorkerSource } from '../util/worker-source.js';

/** A worker module of src/parallel/ (or one beside it: `../cli/standby-worker`), `workerSourceAt` here. */
export function workerSource(name: string): WorkerSource {
  return workerSourceAt(import.meta.url, name);
}

/** Asks a worker to free its dictionaries (`answerRelease`); settles when it answers, fails or exits. */
export function released(worker: Worker): Promise<void> {
  return new Promise((settle) => {
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', done);
      worker.off('exit', done);
      settle();
    };
    const onMessage = (m: unknown) => {
      if (typeof m === 'object' && m !== null && 'released' in m) done();
    };
    worker.on('message', onMessage);
    worker.once('error', done);
    worker.once('exit', done);
    worker.postMessage({ release: true } satisfies ReleaseMessage);
  });
}

/**
 * A worker's answer to `{ release: true }`: frees this thread's jieba dictionary (nodejieba keeps it after the
 * thread ends), then answers `{ released: true }`. The worker segments nothing more.
 */
export function answerRelease(port: MessagePort): void {
  try {
    releaseJieba();
  } catch {
    // Nothing is lost when it cannot be freed (a temporary folder that cannot be written): it stays, as before.
  }
  port.postMessage({ released: true } satisfies ReleasedAnswer);
}

/** A segmentation worker's answer to `{ id, text }`: the text's tokens (`segment`), or the error's message. */
export function segmentAnswer(id: number, text: string): SegmentAnswer {
  try {
    return { id, tokens: segment(text) };
  } catch (err) {
    return { id, error: err instanceof Error ? err.message : String(err) };
  }
}
