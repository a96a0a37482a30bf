/**
 * A segmentation worker started before it is known to be needed: `zhkg build` starts it first thing, so that its
 * thread has booted and loaded its modules by the time the build knows whether it segments on this side of the
 * pool (a small input, nothing stored yet). It then waits, and loads nodejieba's dictionary at the first request
 * (`{ id, text }`; an empty text is the signal to start: answered at once, then the dictionary loads). Otherwise
 * it answers as src/parallel/segment-worker does (the same `segment`, in the order asked), and a `{ release }`
 * before any request ends it without ever loading the dictionary.
 *
 * Unlike that worker, it answers `{ release }` without freeing the dictionary: it serves one one-shot process,
 * whose build is of a small input (below PARALLEL_MIN_BYTES) and which exits when the build is done. Freeing it
 * (two tries of 350 k words, in many small allocations) took ~0.3–0.6 s of CPU after extraction, and the process
 * could not exit before it ended; the memory goes back when the process ends instead (the build's peak is the
 * extraction's, with the dictionary loaded, either way).
 *
 * It tells its parent `{ loading: true }` when it starts loading (WorkerSegmenter ignores the note; tests read it).
 */
import { parentPort } from 'node:worker_threads';
import { getJieba } from '../segment/jieba.js';
import { segmentAnswer } from '../parallel/source.js';
import type { ReleasedAnswer, SegmentAnswer, SegmentMessage } from '../parallel/protocol.js';

if (!parentPort) throw new Error('zhkg: src/cli/standby-worker must run as a worker thread');
const port = parentPort;

let started = false;

/** Loads the dictionary (once); a failure to load it is met again, and reported, with the first text. */
function start(): void {
  if (started) return;
  started = true;
  port.postMessage({ loading: true });
  try {
    getJieba();
  } catch {
    // reported by the first request
  }
}

port.on('message', (req: SegmentMessage) => {
  if ('release' in req) return port.postMessage({ released: true } satisfies ReleasedAnswer);
  if (req.text === '' && !started) {
    // The signal to start: answered first (segment('') needs no dictionary), then the load.
    port.postMessage({ id: req.id, tokens: [] } satisfies SegmentAnswer);
    setImmediate(start);
    return;
  }
  start();
  port.postMessage(segmentAnswer(req.id, req.text));
});
