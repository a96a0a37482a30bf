/**
 * When a build extracts on worker threads, and in what batches. Apart from ./pool.ts, which loads the model's
 * module: a cold `zhkg build` decides on its early segmenter (./segmenter.ts) before the pipeline is loaded.
 */
import { availableParallelism } from 'node:os';

/**
 * Inputs smaller than this many bytes are extracted on the main thread. Above it the main thread segments and
 * worker threads recognize; each worker loads its own model tables (shared between workers, see
 * ExtractionPool), rule lexicons and division index, and the main thread the dictionary it frees afterwards, so
 * below ~2 MB (~700k CJK characters) the threads finish no sooner than one thread.
 */
export const PARALLEL_MIN_BYTES = 2_000_000;

/** Characters per batch: large enough to amortize messaging, small enough to balance two workers. */
export const BATCH_CHARS = 60_000;

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}
