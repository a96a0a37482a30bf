/**
 * When a build extracts on worker threads, and in what batches. Apart from ./pool.ts, which loads the model's
 * module: a cold `zhkg build` decides on its early segmenter (./segmenter.ts) before the pipeline is loaded.
 */
import { availableParallelism } from 'node:os';

/**
 * Inputs smaller than this many bytes are extracted on the main thread. Above it worker threads recognize (and the
 * main thread segments for them on a few cores, see extractionThreads); each worker loads its own model tables (shared between workers, see
 * ExtractionPool), rule lexicons and division index, and the main thread the dictionary it frees afterwards, so
 * below ~2 MB (~700k CJK characters) the threads finish no sooner than one thread.
 */
export const PARALLEL_MIN_BYTES = 2_000_000;

/** Characters per batch: large enough to amortize messaging, small enough to balance two workers. */
export const BATCH_CHARS = 60_000;

/**
 * Up to this many extraction threads, a large input is segmented on the main thread and recognized on the
 * others: one dictionary and one isolate fewer (docs/scale.md, "Extraction threads"). Tagging on one thread runs
 * ~4 times as fast as recognizing (2 Dec 2026: jieba `tag` ~1 µs per character, the worker's recognition 4–5
 * µs), and the main thread also reads and splits, so it can feed about two recognizing threads; with more
 * threads it would hold them back, and every worker segments its own batches instead.
 */
export const MAIN_SEGMENTS_UP_TO = 3;

/**
 * How a large input's extraction is spread over `workers` threads: whether the main thread segments, and how
 * many worker threads the pool has (the main thread counts as one of `workers` when it segments).
 */
export function extractionThreads(workers: number): { mainSegments: boolean; poolSize: number } {
  const mainSegments = workers > 1 && workers <= MAIN_SEGMENTS_UP_TO;
  return { mainSegments, poolSize: mainSegments ? workers - 1 : workers };
}

/**
 * The relation pass (./relation-pass.ts) makes articles' relation facts on worker threads from this many articles
 * to make on: below it, starting the workers (each gets the entity table and the division index) costs about what
 * they save.
 */
export const RELATIONS_PARALLEL_MIN_ARTICLES = 300;

/** Files whose facts are being made on the workers while the main thread folds the one before them. */
export const RELATIONS_FILES_AHEAD = 32;

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}
