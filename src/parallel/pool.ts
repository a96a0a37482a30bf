/**
 * A pool of worker threads for extraction (segmentation + entity recognition, the bulk of a build).
 * Batches are submitted in input order and each resolves to its own results, so callers merge by
 * position and the graph is byte-identical to a single-thread build.
 *
 * The worker file is resolved next to this module's URL (./source.ts): `worker.js` under dist/, `worker.ts`
 * when running from sources (tsx, vitest), in which case the worker is started with tsx's loader.
 */
import { Worker } from 'node:worker_threads';
import type { Mention } from '../types.js';
import type { StoredDraft } from '../resolve/index.js';
import type { BatchRequest, BatchResponse, ExtractionInput, ModelMessage, ShareRequest, WarmRequest, WorkerNote } from './protocol.js';
import { hasModel, type SharedModel } from '../entities/model/index.js';
import { released, workerSource } from './source.js';
import { defaultWorkerCount } from './sizes.js';

interface Slot {
  worker: Worker;
  busy: boolean;
  /** The worker thread has ended (it failed, or it was terminated). */
  exited: boolean;
}

/** A batch's results: per article its mentions and, when asked, its stored drafts. */
interface BatchResult {
  mentions: Mention[][];
  drafts?: StoredDraft[][];
}

interface Job {
  req: BatchRequest;
  resolve: (r: BatchResult) => void;
  reject: (e: Error) => void;
}

export class ExtractionPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly pending = new Map<number, Job>();
  private nextId = 0;
  private closed = false;
  private failure: Error | undefined;
  /** While the first worker builds the model tables, only it gets batches. */
  private sharing = false;
  private readonly waiters: Array<{ below: number; wake: () => void }> = [];

  /**
   * `caches`: the first worker reads the model's tables and the division index from the table caches, or writes them
   * there (./caches.ts): for a one-shot process (`zhkg build`), not a long-lived one.
   */
  constructor(
    readonly size = defaultWorkerCount(),
    caches = false,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`ExtractionPool: size must be a positive integer, got ${size}`);
    const source = workerSource('worker');
    for (let i = 0; i < size; i++) {
      const worker = new Worker(source.script, { eval: source.eval });
      const slot: Slot = { worker, busy: false, exited: false };
      worker.on('message', (res: BatchResponse | WorkerNote) => {
        if ('id' in res) this.done(slot, res);
        else if ('shared' in res) this.shared(res.shared);
      });
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        slot.exited = true;
        if (!this.closed && code !== 0) this.fail(new Error(`extraction worker exited with code ${code}`));
      });
      this.slots.push(slot);
    }
    // The model tables are built once, by the first worker, and shared with the others (which get no batch
    // before them); the main thread never loads the model, which it does not need after extraction (~150 MB).
    // If the model cannot be loaded, each worker meets (and reports) that itself.
    this.sharing = size > 1 && hasModel();
    if (this.sharing) this.slots[0]!.worker.postMessage({ share: true, caches } satisfies ShareRequest);
    else this.slots[0]!.worker.postMessage({ warm: true, caches } satisfies WarmRequest);
  }

  /** The first worker's model tables arrived: the others adopt them, then get batches. */
  private shared(model: SharedModel | null): void {
    if (model) for (const slot of this.slots.slice(1)) slot.worker.postMessage({ model } satisfies ModelMessage);
    this.sharing = false;
    this.dispatch();
  }

  /**
   * Extracts a batch of articles: per article its mentions, in order; with `drafts`, its resolution drafts too
   * (`StoredDraft`). Articles with packed tokens (their tags in `tagNames`) are not segmented again.
   */
  batch(articles: ExtractionInput[], drafts: boolean, tagNames?: string[]): Promise<BatchResult> {
    if (this.closed) return Promise.reject(new Error('ExtractionPool: closed'));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ req: { id: this.nextId++, articles, ...(tagNames ? { tagNames } : {}), ...(drafts ? { drafts } : {}) }, resolve, reject });
      this.dispatch();
    });
  }

  /** Number of batches submitted and not yet finished. */
  get inFlight(): number {
    return this.queue.length + this.pending.size;
  }

  /** Resolves once fewer than `below` batches are in flight (or the pool failed): back-pressure for readers. */
  waitUntilBelow(below: number): Promise<void> {
    if (this.inFlight < below || this.failure) return Promise.resolve();
    return new Promise((wake) => this.waiters.push({ below, wake }));
  }

  async close(): Promise<void> {
    this.closed = true;
    // Each worker first frees its dictionaries (see worker.ts: they would outlive it), which it does after the
    // batch it is on, so none is terminated inside nodejieba: that aborts the process (SIGABRT), as nodejieba
    // cannot hand its result to a thread that is being stopped. The same after a failure, for the workers
    // that still run (one that failed has ended, and would answer nothing).
    await Promise.all(this.slots.filter((s) => !s.exited).map((s) => released(s.worker)));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy || (this.sharing && slot !== this.slots[0])) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.busy = true;
      this.pending.set(job.req.id, job);
      // Packed tokens move to the worker (their buffers are not copied; this thread needs them no more).
      const moved = job.req.articles.flatMap((a) => (a.tokens ? [a.tokens.bounds.buffer, a.tokens.tags.buffer] : []));
      slot.worker.postMessage(job.req, moved as ArrayBuffer[]);
    }
  }

  private done(slot: Slot, res: BatchResponse): void {
    slot.busy = false;
    const job = this.pending.get(res.id);
    this.pending.delete(res.id);
    if (job) {
      if ('error' in res) job.reject(new Error(`extraction failed in a worker: ${res.error}`));
      else job.resolve(res.drafts ? { mentions: res.mentions, drafts: res.drafts } : { mentions: res.mentions });
    }
    this.dispatch();
    this.wakeWaiters();
  }

  private wakeWaiters(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if (this.failure || this.inFlight < w.below) {
        this.waiters.splice(i, 1);
        w.wake();
      }
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const job of [...this.pending.values(), ...this.queue]) job.reject(err);
    this.pending.clear();
    this.queue.length = 0;
    this.wakeWaiters();
  }
}
