/**
 * ForceAtlas2's Barnes-Hut repulsion on two threads: the main thread and one worker (./fa2-worker.ts) sum the
 * nodes' repulsion between them. Given the quadtree, each node's sum is its own (the same operations in the same
 * order whichever thread does it), so the positions are those of one thread, bit for bit. The node matrix and
 * the quadtree are SharedArrayBuffers; per iteration the main thread builds the tree, publishes a generation
 * (`Atomics.notify`), and both threads take chunks of nodes from one counter until none is left; the main thread
 * then waits for the worker's answer (`Atomics.wait`) if the worker joined that generation in time (else it
 * closes it: a worker that wakes late finds nothing to do), and goes on alone (gravity, attraction and moving the nodes
 * are sums whose order matters: they stay on one thread).
 *
 * The worker is never waited for to start: until it says it is ready (or when it cannot start at all, or
 * failed), the main thread sums every node itself, which gives the same positions. The worker is unref'd (it
 * never keeps the process alive) and ended by `close`.
 */
import { Worker } from 'node:worker_threads';
import { workerSourceAt, type WorkerSource } from '../util/worker-source.js';

// The control array's cells (Int32).
const READY = 0; // 1 once the worker waits for generations
const GEN = 1; // the generation published by the main thread (0: none yet)
const NEXT = 2; // the next chunk to take
const DONE = 3; // the last generation the worker finished
const STOP = 4; // 1: the worker returns
const FAILED = 5; // 1: the worker met an error (its chunks are summed again on the main thread)
const HELPED = 6; // chunks the worker summed, all generations together
const JOIN = 7; // g: generation g open to the worker; -g: the worker joined it; 0: closed (the main thread did all)
const CELLS = 8;

/** Nodes per chunk taken from the counter. */
const CHUNK_NODES = 64;

/** Sums the repulsion of the nodes whose matrix offsets are in [from, to). */
export type RepulseRange = (nodes: Float32Array, regions: Float64Array, from: number, to: number, coefficient: number, thetaSquared: number) => void;

/** What the worker is given (`workerData`). */
export interface RepulsionWorkerData {
  control: Int32Array;
  nodes: Float32Array;
  regions: Float64Array;
  /** Matrix cells per node, so that chunks are whole nodes. */
  stride: number;
  coefficient: number;
  thetaSquared: number;
}

/** Takes chunks from the counter and sums them, until none is left; returns how many it summed. */
function takeChunks(d: RepulsionWorkerData, repulse: RepulseRange): number {
  const size = d.nodes.length;
  const step = CHUNK_NODES * d.stride;
  let taken = 0;
  for (;;) {
    const from = Atomics.add(d.control, NEXT, 1) * step;
    if (from >= size) return taken;
    repulse(d.nodes, d.regions, from, Math.min(size, from + step), d.coefficient, d.thetaSquared);
    taken++;
  }
}

/** The worker's side: answers each generation until told to stop. */
export function serveRepulsion(d: RepulsionWorkerData, repulse: RepulseRange): void {
  const c = d.control;
  Atomics.store(c, READY, 1);
  let seen = 0;
  for (;;) {
    Atomics.wait(c, GEN, seen);
    const gen = Atomics.load(c, GEN);
    if (Atomics.load(c, STOP) === 1) return;
    seen = gen;
    // Too late (the main thread has summed every node and closed the generation): nothing to do, no answer.
    if (Atomics.compareExchange(c, JOIN, gen, -gen) !== gen) continue;
    try {
      Atomics.add(c, HELPED, takeChunks(d, repulse));
    } catch {
      Atomics.store(c, FAILED, 1);
    }
    Atomics.store(c, DONE, gen);
    Atomics.notify(c, DONE);
  }
}

let started = 0;

/** Worker threads this module has started so far (tests: the bundled page's small graph starts none). */
export function threadsStarted(): number {
  return started;
}

/** Whether a typed array lives in a SharedArrayBuffer (which the worker can see). */
export function isShared(a: Float32Array | Float64Array): boolean {
  return a.buffer instanceof SharedArrayBuffer;
}

/** The main thread's side: one worker for one pair of matrices (shared) and one set of settings. */
export class RepulsionThread {
  private readonly data: RepulsionWorkerData;
  private worker: Worker | undefined;
  private gen = 0;
  private usable = true;

  constructor(
    nodes: Float32Array,
    regions: Float64Array,
    stride: number,
    coefficient: number,
    thetaSquared: number,
    source: WorkerSource = workerSourceAt(import.meta.url, 'fa2-worker'),
  ) {
    if (!isShared(nodes) || !isShared(regions)) throw new Error('RepulsionThread: the matrices must be in SharedArrayBuffers');
    const control = new Int32Array(new SharedArrayBuffer(CELLS * 4));
    this.data = { control, nodes, regions, stride, coefficient, thetaSquared };
    try {
      const worker = new Worker(source.script, { eval: source.eval, workerData: this.data });
      started++;
      // A worker that cannot load or fails says so here: this thread then sums every node itself.
      worker.on('error', () => (this.usable = false));
      worker.on('exit', () => (this.usable = false));
      worker.unref();
      this.worker = worker;
    } catch {
      this.usable = false;
    }
  }

  /** Sums every node's repulsion (`repulse` for this thread's share), with the worker when it is ready. */
  repulse(repulse: RepulseRange): void {
    const d = this.data;
    const c = d.control;
    if (!this.usable || Atomics.load(c, READY) !== 1 || Atomics.load(c, FAILED) === 1) {
      repulse(d.nodes, d.regions, 0, d.nodes.length, d.coefficient, d.thetaSquared);
      return;
    }
    const gen = ++this.gen;
    Atomics.store(c, NEXT, 0);
    Atomics.store(c, JOIN, gen);
    Atomics.store(c, GEN, gen);
    Atomics.notify(c, GEN);
    takeChunks(d, repulse);
    // A worker that has not joined yet (asleep, or not given a core on a busy machine) is not waited for.
    if (Atomics.compareExchange(c, JOIN, gen, 0) === gen) return;
    for (let done = Atomics.load(c, DONE); done !== gen; done = Atomics.load(c, DONE)) Atomics.wait(c, DONE, done);
    // A chunk the worker failed on may be half written: every node again, here (each sum starts from zero).
    if (Atomics.load(c, FAILED) === 1) repulse(d.nodes, d.regions, 0, d.nodes.length, d.coefficient, d.thetaSquared);
  }

  /**
   * Settles when the worker is ready (true) or cannot be (false: it failed to load, or ended); tests and the
   * bench wait for it so that the worker takes part from the first iteration (a layout never waits).
   */
  ready(): Promise<boolean> {
    const worker = this.worker;
    const c = this.data.control;
    if (!worker || !this.usable) return Promise.resolve(false);
    return new Promise((settle) => {
      const done = (ok: boolean) => {
        clearInterval(poll);
        worker.off('error', failed);
        worker.off('exit', failed);
        settle(ok && this.usable);
      };
      const failed = () => done(false);
      const poll = setInterval(() => {
        if (Atomics.load(c, READY) === 1) done(true);
      }, 5);
      worker.once('error', failed);
      worker.once('exit', failed);
    });
  }

  /** Chunks of nodes the worker summed so far. */
  get helped(): number {
    return Atomics.load(this.data.control, HELPED);
  }

  /** Ends the worker (it returns at its next wake; terminated in case it has not started yet). */
  close(): void {
    const c = this.data.control;
    this.usable = false;
    Atomics.store(c, STOP, 1);
    Atomics.add(c, GEN, 1);
    Atomics.notify(c, GEN);
    const worker = this.worker;
    this.worker = undefined;
    if (worker) worker.terminate().catch(() => {});
  }
}
