/**
 * Segmentation on a worker thread started at once, for a cold one-thread build: loading nodejieba's
 * dictionary is most of a small build's start (~60 %), and this thread meanwhile loads what recognition
 * reads (the model and its tables, the rule lexicons, the division index), so the two loads overlap on two
 * cores instead of following each other. Tokens come back in the order asked and are those `segment` gives
 * on this thread, so the build's outputs are the same.
 *
 * If the worker cannot start or cannot segment a text (nodejieba missing, a dictionary that does not load),
 * that text and the ones after it are segmented on this thread instead: the error a build meets is then the
 * one it meets without the worker, with the same one-line message.
 */
import { Worker } from 'node:worker_threads';
import { stat } from 'node:fs/promises';
import type { Token } from '../types.js';
import { segment } from '../segment/jieba.js';
import type { SegmentAnswer, SegmentMessage } from './protocol.js';
import { released, workerSource } from './source.js';
import { PARALLEL_MIN_BYTES, defaultWorkerCount } from './sizes.js';

interface Request {
  text: string;
  resolve: (tokens: Token[]) => void;
  reject: (err: unknown) => void;
}

export interface SegmenterOptions {
  /** The worker to start (default ./segment-worker); tests give a failing one. */
  source?: { script: string | URL; eval: boolean };
  /** Segmentation on this thread, when the worker fails (default `segment`). */
  fallback?: (text: string) => Token[];
}

export class WorkerSegmenter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Request>();
  private readonly fallback: (text: string) => Token[];
  private nextId = 0;
  /** The worker failed (or is closed): every text is segmented on this thread. */
  private failed = false;
  private closed = false;

  constructor(options: SegmenterOptions = {}) {
    this.fallback = options.fallback ?? segment;
    const source = options.source ?? workerSource('segment-worker');
    this.worker = new Worker(source.script, { eval: source.eval });
    this.worker.on('message', (res: SegmentAnswer) => {
      if ('released' in res) return;
      const req = this.pending.get(res.id);
      if (!req) return;
      if ('error' in res) return this.fail(); // this text, then the ones after it
      this.pending.delete(res.id);
      req.resolve(res.tokens);
      if (this.closed && this.pending.size === 0) this.worker.unref();
    });
    this.worker.on('error', () => this.fail());
    this.worker.on('exit', () => this.fail());
  }

  /** The tokens of `text`, as `segment(text)` gives them. */
  segment(text: string): Promise<Token[]> {
    if (this.failed) return this.local(text);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { text, resolve, reject });
      this.worker.postMessage({ id, text } satisfies SegmentMessage);
    });
  }

  /**
   * Ends the worker once it has freed its dictionary (nodejieba keeps a thread's dictionary after the thread
   * ends), without waiting for either: the build goes on meanwhile, and the worker does not keep the process
   * alive once it has answered the texts asked before (a failed build may close it with texts still asked). A
   * process that ended while the worker was inside nodejieba would abort: nodejieba cannot hand its result to a
   * thread that is being stopped, and its C++ error ends the process (SIGABRT). Texts asked after this are
   * segmented on this thread.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const sound = !this.failed;
    this.failed = true;
    if (this.pending.size === 0) this.worker.unref();
    this.ended = (sound ? released(this.worker) : Promise.resolve()).then(() => this.worker.terminate()).then(() => {});
  }

  /** Settles when the worker has ended (after `close`). */
  ended: Promise<void> | undefined;

  private local(text: string): Promise<Token[]> {
    try {
      return Promise.resolve(this.fallback(text));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** From now on, texts are segmented here, the waiting ones first, in the order they were asked. */
  private fail(): void {
    this.failed = true;
    const waiting = [...this.pending.entries()].sort((a, b) => a[0] - b[0]);
    this.pending.clear();
    for (const [, req] of waiting) this.local(req.text).then(req.resolve, req.reject);
  }
}

/**
 * Whether a one-shot build will certainly segment on this side of the pool, so that a segmenter started before
 * the pipeline's modules load is worth it: every input is to be extracted (`allNew`: no store, or one not yet
 * written), on this thread (`files` below PARALLEL_MIN_BYTES in all) with another core for the worker.
 * Otherwise a worker started for nothing would load the dictionary for nothing, and the process cannot exit
 * before that load ends.
 */
export async function segmentsEarly(files: readonly string[], allNew: boolean): Promise<boolean> {
  if (!allNew || files.length === 0 || defaultWorkerCount() < 2) return false;
  let bytes = 0;
  for (const f of files)
    bytes += await stat(f).then(
      (s) => s.size,
      () => 0,
    );
  return bytes < PARALLEL_MIN_BYTES;
}

/**
 * The segmenter of a one-shot build, started before the pipeline's modules load (`zhkg build`: they take as
 * long as a third of the dictionary's load, which then starts that much sooner), for the build to adopt
 * (`BuildOptions.segmenter`), when `segmentsEarly` says so; otherwise undefined.
 */
export async function earlySegmenter(files: readonly string[], allNew: boolean): Promise<WorkerSegmenter | undefined> {
  return (await segmentsEarly(files, allNew)) ? new WorkerSegmenter() : undefined;
}
