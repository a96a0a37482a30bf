/**
 * Extraction worker: receives batches of articles with their tokens, returns their entity mentions
 * (recognition; segmentation too for an article sent without its tokens), in the order given. Runs the same `extractArticleMentions` as the single-thread build, so
 * merged results are identical.
 */
import { parentPort } from 'node:worker_threads';
import { extractArticleMentions, warmRecognizer } from '../pipeline.js';
import type { BatchRequest, ModelMessage, ReleaseMessage, ShareRequest, WarmRequest, WorkerNote } from './protocol.js';
import { adoptSharedModel, shareModel, type SharedModel } from '../entities/model/index.js';
import { answerRelease } from './source.js';
import { extractBatch } from './batch.js';

if (!parentPort) throw new Error('zhkg: src/parallel/worker must run as a worker thread');
const port = parentPort;

// The pool's build segments on the main thread and sends the tokens (one dictionary in the process, not one
// per worker: ~2–3 s of CPU and ~250 MB each): a worker loads nodejieba only for articles sent without them
// (and `answerRelease` frees it only then).

const note = (n: WorkerNote) => port.postMessage(n);

/**
 * Loads what recognition reads before the first batch arrives (the main thread meanwhile loads the dictionary
 * and segments it). A failure is met again, and reported, with the first batch.
 */
const warm = () => {
  try {
    warmRecognizer();
  } catch {
    // reported by the first batch
  }
};

port.on('message', (req: BatchRequest | ModelMessage | ReleaseMessage | ShareRequest | WarmRequest) => {
  if ('warm' in req) return warm();
  if ('model' in req) {
    adoptSharedModel(req.model);
    return warm();
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
    return warm();
  }
  if ('release' in req) return answerRelease(port);
  port.postMessage(extractBatch(req, extractArticleMentions));
});
