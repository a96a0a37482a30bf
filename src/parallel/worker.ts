/**
 * Extraction worker: receives batches of articles with their tokens, returns their entity mentions
 * (recognition; segmentation too for an article sent without its tokens), in the order given. Runs the same `extractArticleMentions` as the single-thread build, so
 * merged results are identical.
 */
import { parentPort } from 'node:worker_threads';
import { extractArticleMentions, warmRecognizer } from '../pipeline.js';
import type { BatchRequest, BatchResponse, ModelMessage, ReleaseMessage, ShareRequest, WarmRequest, WorkerNote } from './protocol.js';
import { adoptSharedModel, shareModel, type SharedModel } from '../entities/model/index.js';
import { answerRelease } from './source.js';
import { unpackTokens } from './tokens.js';
import { useTableCaches } from './caches.js';
import { storedDrafts } from '../resolve/index.js';
import type { Article } from '../types.js';

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

/**
 * With `caches` (a one-shot process): the model's tables and the division index read back from the table caches
 * (./caches.ts) before `then`, instead of decoding the model file and parsing the index (1.7 s of this worker's
 * CPU, before its first batch), and written there after it when the caches lacked them.
 */
const cached = (caches: boolean | undefined, then: () => void) => (caches ? useTableCaches(then) : then());

port.on('message', (req: BatchRequest | ModelMessage | ReleaseMessage | ShareRequest | WarmRequest) => {
  if ('warm' in req) return cached(req.caches, warm);
  if ('model' in req) {
    adoptSharedModel(req.model);
    return warm();
  }
  if ('share' in req) {
    // This worker keeps the model it loads (its own batches use it) and gives the others its tables.
    return cached(req.caches, () => {
      let model: SharedModel | null;
      try {
        model = shareModel();
      } catch {
        model = null; // each worker meets (and reports) the error itself with its first batch
      }
      note({ shared: model });
      warm();
    });
  }
  if ('release' in req) return answerRelease(port);
  let res: BatchResponse;
  try {
    // Only what extraction reads travels to the worker (see protocol.ts); the offset map stays behind.
    const articles = req.articles.map((a): Article => ({
      text: a.text,
      gaps: a.gaps,
      authors: a.authors,
      id: '',
      source: '',
      title: '',
      section: '',
      map: new Int32Array(0),
      sentences: [],
    }));
    const mentions = articles.map((a, i) => {
      const { tokens: packed, ruleCandidates } = req.articles[i]!;
      return extractArticleMentions(
        a,
        packed ? { tokens: unpackTokens(a.text, packed, req.tagNames ?? []), ...(ruleCandidates ? { ruleCandidates } : {}) } : {},
      );
    });
    // Drafts read the text, the bylines and the mentions only (not the id or the offset map).
    res = req.drafts ? { id: req.id, mentions, drafts: articles.map((a, i) => storedDrafts(a, mentions[i]!)) } : { id: req.id, mentions };
  } catch (err) {
    res = { id: req.id, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) };
  }
  port.postMessage(res);
});
