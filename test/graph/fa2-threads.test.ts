/**
 * The repulsion on two threads (src/layout/fa2-threads.ts): positions byte-identical to one thread and to
 * graphology-layout-forceatlas2, a worker that cannot start or fails changes nothing, and the worker never
 * keeps the process alive.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MultiGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { defaults, forceAtlas2, graph, helpers, libraryIterate, seededStart, weight } from './fa2-helpers.js';
import { Fa2Iterator, sharedCopy, type Fa2Settings } from '../../src/layout/fa2-iterate.js';
import { threadsStarted } from '../../src/layout/fa2-threads.js';
import { BARNES_HUT_MIN_NODES, BARNES_HUT_THETA, layoutGraph } from '../../src/layout/forceatlas2.js';
import { workerSourceAt, type WorkerSource } from '../../src/util/worker-source.js';
import { repoRoot } from '../helpers/cli.js';

const bits = (m: Float32Array) => Buffer.from(m.buffer, m.byteOffset, m.byteLength);
const settingsFor = (g: MultiGraph, extra: Partial<Fa2Settings>): Fa2Settings => ({
  ...defaults,
  ...forceAtlas2.inferSettings(g.order),
  edgeWeightInfluence: 0.5,
  ...extra,
});

/** The node matrices after `iterations`: the library's, one thread's, and two threads' (and the worker's share). */
async function three(g: MultiGraph, settings: Fa2Settings, iterations: number, source?: WorkerSource, untilHelped = false) {
  // On a busy machine the worker may join no generation of a few (the main thread then sums alone, and does not
  // wait): `untilHelped`, the iterations go on until it has summed some nodes (400 at most).
  const more = (i: number) => untilHelped && i < 400 && b.worker !== undefined && b.worker.helped === 0;
  const lib = helpers.graphToByteArrays(g, weight);
  const one = lib.nodes.slice();
  const two = sharedCopy(lib.nodes);
  const a = new Fa2Iterator(settings, one, lib.edges.slice());
  const b = new Fa2Iterator(settings, two, lib.edges.slice(), { thread: true, ...(source ? { source } : {}) });
  const threaded = b.worker !== undefined;
  const ready = (await b.worker?.ready()) ?? false;
  try {
    for (let i = 0; i < iterations || more(i); i++) {
      libraryIterate(settings, lib.nodes, lib.edges);
      a.iterate();
      b.iterate();
    }
  } catch (err) {
    b.close();
    throw err;
  }
  const helped = b.worker?.helped ?? 0;
  b.close();
  return { lib: lib.nodes, one, two, ready, helped, threaded };
}

describe('ForceAtlas2 repulsion on two threads', () => {
  const n = BARNES_HUT_MIN_NODES + 500;

  it('gives the one-thread and the library node matrices bit for bit, with Barnes-Hut and without', async () => {
    const g = graph(n, 17);
    const start = bits(helpers.graphToByteArrays(g, weight).nodes);
    for (const extra of [{ barnesHutOptimize: true }, { barnesHutOptimize: true, strongGravityMode: false, gravity: 1 }]) {
      const r = await three(g, settingsFor(g, extra), 10, undefined, true);
      expect(r.ready).toBe(true);
      // The worker summed part of the nodes (else the comparison would be of one thread with itself).
      expect(r.helped).toBeGreaterThan(0);
      expect(bits(r.two).equals(bits(r.one))).toBe(true);
      expect(bits(r.two).equals(bits(r.lib))).toBe(true);
      expect(bits(r.two).equals(start)).toBe(false);
    }
    // Without Barnes-Hut the pairs' sums depend on their order: no worker is started, the bits are the same.
    const small = graph(600, 3);
    const r = await three(small, settingsFor(small, { barnesHutOptimize: false }), 6);
    expect(r.threaded).toBe(false);
    expect(bits(r.two).equals(bits(r.lib))).toBe(true);
  });

  it('lays out a graph above the threshold as graphology-layout-forceatlas2’s assign does, on two threads or one', () => {
    const g = graph(n, 5);
    const one = g.copy();
    const lib = g.copy();
    layoutGraph(g, { seed: 3, iterations: 30 });
    layoutGraph(one, { seed: 3, iterations: 30, threads: 1 });
    seededStart(lib, 3);
    forceAtlas2.assign(lib, {
      iterations: 30,
      settings: { ...forceAtlas2.inferSettings(lib.order), barnesHutOptimize: true, barnesHutTheta: BARNES_HUT_THETA, edgeWeightInfluence: 0.5 },
      getEdgeWeight: weight,
    });
    lib.forEachNode((node, a) =>
      lib.mergeNodeAttributes(node, { x: Math.round((a['x'] as number) * 1000) / 1000, y: Math.round((a['y'] as number) * 1000) / 1000 }),
    );
    expect(g.export()).toEqual(lib.export());
    expect(one.export()).toEqual(lib.export());
  });

  it('falls back to one thread, with the same bits, when the worker cannot start or fails', async () => {
    const g = graph(n, 29);
    const settings = settingsFor(g, { barnesHutOptimize: true });
    const failing: Array<[WorkerSource, boolean]> = [
      [{ script: 'throw new Error("no worker here")', eval: true }, false],
      [workerSourceAt(import.meta.url, 'fixtures/no-such-worker'), false],
      // Ready, then every chunk it takes fails half-written.
      [workerSourceAt(import.meta.url, 'fixtures/fa2-failing-worker'), true],
    ];
    for (const [source, ready] of failing) {
      const r = await three(g, settings, 6, source);
      expect(r.ready).toBe(ready);
      expect(r.helped).toBe(0);
      expect(bits(r.two).equals(bits(r.one))).toBe(true);
      expect(bits(r.two).equals(bits(r.lib))).toBe(true);
    }
  });

  it('starts no thread for a small graph or with threads: 1', () => {
    const before = threadsStarted();
    layoutGraph(graph(BARNES_HUT_MIN_NODES - 1, 2), { iterations: 2 });
    layoutGraph(graph(BARNES_HUT_MIN_NODES, 2), { iterations: 2, threads: 1 });
    expect(threadsStarted()).toBe(before);
    layoutGraph(graph(BARNES_HUT_MIN_NODES, 2), { iterations: 2 });
    expect(threadsStarted()).toBe(before + 1);
    const small = graph(BARNES_HUT_MIN_NODES - 1, 2);
    const s = settingsFor(small, { barnesHutOptimize: true });
    const m = helpers.graphToByteArrays(small, weight);
    expect(new Fa2Iterator(s, m.nodes, m.edges).worker).toBeUndefined();
    // A matrix the worker could not see is refused, not silently copied.
    expect(() => new Fa2Iterator(s, m.nodes, m.edges, { thread: true })).toThrow();
  });

  it('never keeps the process alive: a compiled layout with the worker ends by itself, closed or not', () => {
    const dist = (p: string) => JSON.stringify(resolve(repoRoot, 'dist/src', p));
    for (const close of [true, false]) {
      const script = `
        import { createRequire } from 'node:module';
        const { Fa2Iterator, sharedCopy } = await import(${dist('layout/fa2-iterate.js')});
        const require = createRequire(${JSON.stringify(resolve(repoRoot, 'package.json'))});
        const { MultiGraph } = require('graphology');
        const helpers = require('graphology-layout-forceatlas2/helpers.js');
        const defaults = require('graphology-layout-forceatlas2/defaults.js');
        const g = new MultiGraph();
        for (let i = 0; i < ${n}; i++) g.addNode('n' + i, { x: (i * 7919) % 1000, y: (i * 104729) % 997 });
        for (let i = 1; i < ${n}; i++) g.addUndirectedEdge('n' + i, 'n' + ((i * 31) % i));
        const m = helpers.graphToByteArrays(g, () => 1);
        const it = new Fa2Iterator({ ...defaults, barnesHutOptimize: true }, sharedCopy(m.nodes), m.edges, { thread: true });
        const ready = await it.worker.ready();
        // (on a busy machine the worker may sit out a few generations: the main thread never waits for it)
        for (let i = 0; i < 5 || (it.worker.helped === 0 && i < 400); i++) it.iterate();
        console.log(JSON.stringify({ ready, helped: it.worker.helped }));
        ${close ? 'it.close();' : ''}
      `;
      // A file, not `--input-type=module -e`: a worker inherits the parent's flags, and that one fails it.
      const dir = mkdtempSync(join(tmpdir(), 'zhkg-fa2-'));
      const file = join(dir, 'layout.mjs');
      writeFileSync(file, script);
      const r = spawnSync(process.execPath, [file], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
        // A safety net only: a child the worker kept alive is killed here, and its status is then not 0.
        timeout: 240_000,
      });
      rmSync(dir, { recursive: true, force: true });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout) as { ready: boolean; helped: number };
      expect(out.ready).toBe(true);
      expect(out.helped).toBeGreaterThan(0);
    }
  }, 300_000);
});
