/**
 * Segmentation worker (see ./segmenter.ts): loads nodejieba's dictionary as soon as it starts, then answers
 * each text with its tokens (`segment`, the same function the main thread would run), in the order asked.
 * Imports nothing but the segmenter (and node's modules), so it starts loading the dictionary at once.
 */
import { parentPort } from 'node:worker_threads';
import { getJieba } from '../segment/jieba.js';
import type { SegmentMessage } from './protocol.js';
import { answerRelease, segmentAnswer } from './source.js';

if (!parentPort) throw new Error('zhkg: src/parallel/segment-worker must run as a worker thread');
const port = parentPort;

// The dictionary first (a failure to load it is met again, and reported, with the first text).
setImmediate(() => {
  try {
    getJieba();
  } catch {
    // reported by the first request
  }
});

port.on('message', (req: SegmentMessage) => {
  if ('release' in req) return answerRelease(port);
  port.postMessage(segmentAnswer(req.id, req.text));
});
