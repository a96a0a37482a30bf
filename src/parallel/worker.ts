/**
 * Extraction worker: receives batches of articles, returns their entity mentions (segmentation and
 * recognition), in the order given. Runs the same `extractArticleMentions` as the single-thread build, so
 * merged results are identical.
 */
import { parentPort } from 'node:worker_threads';
import { extractArticleMentions } from '../pipeline.js';
import type { BatchRequest, BatchResponse, ModelMessage, ReleaseMessage, ShareRequest, WorkerNote } from './protocol.js';
import { adoptSharedModel, shareModel, type SharedModel } from '../entities/model/index.js';
import { getJieba } from '../segment/jieba.js';
import { answerRelease } from './source.js';
import { storedDrafts } from '../resolve/index.js';
import type { Article } from '../types.js';

if (!parentPort) throw new Error('zhkg: src/parallel/worker must run as a worker thread');
const port = parentPort;

// The dictionary is needed by the first batch: load it now, while the main thread prepares the model tables
// (the model message and the batches wait in the queue meanwhile).
setImmediate(() => getJieba());

const note = (n: WorkerNote) => port.postMessage(n);

port.on('message', (req: BatchRequest | ModelMessage | ReleaseMessage | ShareRequest) => {
  if ('model' in req) {
    adoptSharedModel(req.model);
    return;
  }
  if ('share' in req) {
    // This worker keeps the model it loads (its own batches use it) and gives the others its tables.
    let model: SharedModel | null;
    try {
      model = shareModel();
    } catch {
      model = null; // each worker meets (and reports) the error itself with its first batch
    }
    note({ shared: model });
    return;
  }
  if ('release' in req) return answerRelease(port);
  let res: BatchResponse;
  try {
    // Only what extraction reads travels to the worker (see protocol.ts); the offset map stays behind.
    const articles = req.articles.map((a): Article => ({ ...a, id: '', source: '', title: '', section: '', map: new Int32Array(0), sentences: [] }));
    const mentions = articles.map((a) => extractArticleMentions(a));
    // Drafts read the text, the bylines and the mentions only (not the id or the offset map).
    res = req.drafts ? { id: req.id, mentions, drafts: articles.map((a, i) => storedDrafts(a, mentions[i]!)) } : { id: req.id, mentions };
  } catch (err) {
    res = { id: req.id, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) };
  }
  port.postMessage(res);
});
