/**
 * Extraction worker: receives batches of articles, returns their entity mentions (segmentation and
 * recognition), in the order given. Runs the same `extractArticleMentions` as the single-thread build, so
 * merged results are identical.
 */
import { parentPort } from 'node:worker_threads';
import { extractArticleMentions } from '../pipeline.js';
import type { BatchRequest, BatchResponse, ModelMessage } from './protocol.js';
import { adoptSharedModel } from '../entities/model/index.js';
import { getJieba } from '../segment/jieba.js';

if (!parentPort) throw new Error('zhkg: src/parallel/worker must run as a worker thread');
const port = parentPort;

// The dictionary is needed by the first batch: load it now, while the main thread prepares the model tables
// (the model message and the batches wait in the queue meanwhile).
setImmediate(() => getJieba());

port.on('message', (req: BatchRequest | ModelMessage) => {
  if ('model' in req) {
    adoptSharedModel(req.model);
    return;
  }
  let res: BatchResponse;
  try {
    // Only what extraction reads travels to the worker (see protocol.ts); the offset map stays behind.
    const mentions = req.articles.map((a) =>
      extractArticleMentions({ ...a, id: '', source: '', title: '', section: '', map: new Int32Array(0), sentences: [] }),
    );
    res = { id: req.id, mentions };
  } catch (err) {
    res = { id: req.id, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) };
  }
  port.postMessage(res);
});
