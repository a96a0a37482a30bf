/**
 * Extraction worker: receives batches of articles, returns their entity mentions (segmentation and
 * recognition), in the order given. Runs the same `extractArticleMentions` as the single-thread build, so
 * merged results are identical.
 */
import { parentPort } from 'node:worker_threads';
import type { Article } from '../types.js';
import { extractArticleMentions } from '../pipeline.js';
import type { BatchRequest, BatchResponse } from './protocol.js';

if (!parentPort) throw new Error('zhkg: src/parallel/worker must run as a worker thread');
const port = parentPort;

port.on('message', (req: BatchRequest) => {
  let res: BatchResponse;
  try {
    // Only what extraction reads travels to the worker (see protocol.ts); the offset map stays behind.
    const mentions = req.articles.map((a) => extractArticleMentions({ ...a, id: '', source: '', title: '', section: '', map: new Int32Array(0), sentences: [] } as Article));
    res = { id: req.id, mentions };
  } catch (err) {
    res = { id: req.id, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) };
  }
  port.postMessage(res);
});
