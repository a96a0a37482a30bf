import type { WorkerSegmenter } from '../parallel/segmenter.js';

/** What the commands know of the process they run in. */
export interface CliContext {
  /**
   * The process runs this one command and exits (`zhkg …` from a shell), rather than `main` called inside a
   * longer-lived process (tests, a host program): a cold start is then worth overlapping (`zhkg build`
   * segments on a worker while this thread loads the model), and nothing it loads serves a later command.
   */
  oneShot?: boolean;
  /**
   * A one-shot `zhkg build`'s or `zhkg extract`'s segmentation worker, started first thing (./standby-worker.ts):
   * the build tells it to load the dictionary when it will segment on this side of the pool, or closes it; for
   * an extraction it is loading already.
   */
  standby?: WorkerSegmenter;
}
