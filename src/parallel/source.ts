/**
 * How to start one of zhkg's worker threads, and how one ends: both kinds (extraction, segmentation) free their
 * jieba dictionary when asked before they are terminated (`released` on the main thread, `answerRelease` in
 * the worker).
 *
 * A worker from dist/ is `<name>.js` beside this module. From sources (tsx, vitest) it is `<name>.ts`, loaded
 * through a small bootstrap that registers tsx's ESM hooks inside the worker thread (hooks registered by the
 * parent's `--import tsx` do not reach worker threads).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import type { MessagePort, Worker } from 'node:worker_threads';
import { releaseJieba, segment } from '../segment/jieba.js';
import type { ReleaseMessage, ReleasedAnswer, SegmentAnswer } from './protocol.js';

export function workerSource(name: string): { script: string | URL; eval: boolean } {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? `./${name}.ts` : `./${name}.js`, import.meta.url);
  if (!fromSource) return { script: url, eval: false };
  // The ESM build of tsx's API (require.resolve would pick the CommonJS one).
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const script = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return { script, eval: true };
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
