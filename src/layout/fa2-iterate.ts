/**
 * One ForceAtlas2 iteration for the settings zhkg lays out with (linear attraction, no anti-collision, no
 * LinLog, no outbound attraction distribution), computing exactly what graphology-layout-forceatlas2 0.10.1's
 * `iterate.js` computes (MIT, © Guillaume Plique), the same IEEE operations in the same order, over the same
 * Float32 node and edge matrices (`helpers.graphToByteArrays`): the positions are the library's, bit for bit
 * (test/graph/fa2-iterate.test.ts compares them). What differs is only where intermediate values live:
 * - the Barnes-Hut quadtree is a Float64Array reused across iterations instead of a JS array grown by one
 *   element at a time (its cells hold the same doubles; every cell of a region is written when the region is
 *   made, before it is read);
 * - a node's force is summed in locals rounded to Float32 at each step (`Math.fround`), as the library's
 *   `NodeMatrix[i] += v` rounds when it stores, and written once;
 * - each edge's `weight ^ edgeWeightInfluence` is computed once per layout instead of once per iteration;
 * - with Barnes-Hut, a worker thread may sum part of the nodes' repulsion (./fa2-threads.ts): each node's sum
 *   is its own, so the split does not change a bit.
 * On the 10 MB bench corpus's graph (5.5k nodes) this halves the layout's time. Other settings go to the
 * library's own `iterate`.
 */

import { RepulsionThread } from './fa2-threads.js';
import type { WorkerSource } from '../util/worker-source.js';

/** The settings an iteration reads (graphology-layout-forceatlas2's, validated). */
export interface Fa2Settings {
  linLogMode: boolean;
  outboundAttractionDistribution: boolean;
  adjustSizes: boolean;
  edgeWeightInfluence: number;
  scalingRatio: number;
  strongGravityMode: boolean;
  gravity: number;
  slowDown: number;
  barnesHutOptimize: boolean;
  barnesHutTheta: number;
}

/** A copy of a matrix in a SharedArrayBuffer (for `Fa2Iterator`'s worker). */
export function sharedCopy(m: Float32Array): Float32Array {
  const copy = new Float32Array(new SharedArrayBuffer(m.byteLength));
  copy.set(m);
  return copy;
}

/** Whether `Fa2Iterator` computes these settings itself (else the library's iterate must). */
export function handledSettings(s: Fa2Settings): boolean {
  return !s.adjustSizes && !s.linLogMode && !s.outboundAttractionDistribution;
}

// Matrix layouts, as the library's.
const PPN = 10; // node: x, y, dx, dy, old dx, old dy, mass, convergence, size, fixed
const PPE = 3; // edge: source, target, weight
const PPR = 9; // region: node, center x, center y, size, next sibling, first child, mass, mass center x, y
const NODE_X = 0;
const NODE_Y = 1;
const NODE_DX = 2;
const NODE_DY = 3;
const NODE_OLD_DX = 4;
const NODE_OLD_DY = 5;
const NODE_MASS = 6;
const NODE_CONVERGENCE = 7;
const NODE_FIXED = 9;
const REGION_NODE = 0;
const REGION_CENTER_X = 1;
const REGION_CENTER_Y = 2;
const REGION_SIZE = 3;
const REGION_NEXT_SIBLING = 4;
const REGION_FIRST_CHILD = 5;
const REGION_MASS = 6;
const REGION_MASS_CENTER_X = 7;
const REGION_MASS_CENTER_Y = 8;
const SUBDIVISION_ATTEMPTS = 3;

const f32 = Math.fround;

/** Iterations over one pair of matrices with one set of settings (`handledSettings`). */
export class Fa2Iterator {
  /** Each edge's weight raised to edgeWeightInfluence (constant across iterations). */
  private readonly ewc: Float64Array;
  /**
   * The quadtree: one node insertion makes at most 4 × (SUBDIVISION_ATTEMPTS + 1) regions (each split makes 4;
   * a node that falls with another one into the same quadrant splits that one again, SUBDIVISION_ATTEMPTS
   * times at most), so 1 + 16 regions per node bound it.
   */
  private readonly regions: Float64Array;

  /** The worker that sums part of the repulsion (Barnes-Hut only), while it is not closed. */
  private thread: RepulsionThread | undefined;

  /**
   * With `options.thread` (and Barnes-Hut), one worker thread sums part of each iteration's repulsion; `nodes`
   * must then be in a SharedArrayBuffer (`sharedCopy`), and `close` ends the worker. A worker that cannot start
   * (or `source` that fails: tests) leaves every sum to this thread, with the same result.
   */
  constructor(
    private readonly s: Fa2Settings,
    private readonly nodes: Float32Array,
    private readonly edges: Float32Array,
    options: { thread?: boolean; source?: WorkerSource } = {},
  ) {
    if (!handledSettings(s)) throw new Error('Fa2Iterator: settings the library computes');
    this.ewc = new Float64Array(edges.length / PPE);
    for (let e = 0, k = 0; e < edges.length; e += PPE, k++) this.ewc[k] = Math.pow(edges[e + 2]!, s.edgeWeightInfluence);
    const cells = s.barnesHutOptimize ? (1 + (4 * (SUBDIVISION_ATTEMPTS + 1) * nodes.length) / PPN) * PPR : 0;
    const threaded = options.thread === true && s.barnesHutOptimize;
    this.regions = threaded ? new Float64Array(new SharedArrayBuffer(cells * 8)) : new Float64Array(cells);
    if (threaded) this.thread = new RepulsionThread(nodes, this.regions, PPN, s.scalingRatio, s.barnesHutTheta * s.barnesHutTheta, options.source);
  }

  /** The worker, when there is one (tests and the bench: whether it started, how much it summed). */
  get worker(): RepulsionThread | undefined {
    return this.thread;
  }

  /** Ends the worker, if any (the iterations after this run on this thread alone). */
  close(): void {
    this.thread?.close();
    this.thread = undefined;
  }

  iterate(): void {
    const N = this.nodes;
    const order = N.length;
    const s = this.s;
    for (let n = 0; n < order; n += PPN) {
      N[n + NODE_OLD_DX] = N[n + NODE_DX]!;
      N[n + NODE_OLD_DY] = N[n + NODE_DY]!;
      N[n + NODE_DX] = 0;
      N[n + NODE_DY] = 0;
    }
    if (s.barnesHutOptimize) {
      this.buildTree();
      if (this.thread) this.thread.repulse(repulseNodes);
      else repulseNodes(N, this.regions, 0, order, s.scalingRatio, s.barnesHutTheta * s.barnesHutTheta);
    } else this.repulseSquare();
    this.gravity();
    this.attract();
    this.applyForces();
  }

  private buildTree(): void {
    const N = this.nodes;
    const R = this.regions;
    const order = N.length;
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let n = 0; n < order; n += PPN) {
      minX = Math.min(minX, N[n + NODE_X]!);
      maxX = Math.max(maxX, N[n + NODE_X]!);
      minY = Math.min(minY, N[n + NODE_Y]!);
      maxY = Math.max(maxY, N[n + NODE_Y]!);
    }
    const dx = maxX - minX;
    const dy = maxY - minY;
    if (dx > dy) {
      minY -= (dx - dy) / 2;
      maxY = minY + dx;
    } else {
      minX -= (dy - dx) / 2;
      maxX = minX + dy;
    }
    R[REGION_NODE] = -1;
    R[REGION_CENTER_X] = (minX + maxX) / 2;
    R[REGION_CENTER_Y] = (minY + maxY) / 2;
    R[REGION_SIZE] = Math.max(maxX - minX, maxY - minY);
    R[REGION_NEXT_SIBLING] = -1;
    R[REGION_FIRST_CHILD] = -1;
    R[REGION_MASS] = 0;
    R[REGION_MASS_CENTER_X] = 0;
    R[REGION_MASS_CENTER_Y] = 0;
    let l = 1;
    const quadrant = (r: number, x: number, y: number): number =>
      x < R[r + REGION_CENTER_X]!
        ? y < R[r + REGION_CENTER_Y]!
          ? R[r + REGION_FIRST_CHILD]!
          : R[r + REGION_FIRST_CHILD]! + PPR
        : y < R[r + REGION_CENTER_Y]!
          ? R[r + REGION_FIRST_CHILD]! + PPR * 2
          : R[r + REGION_FIRST_CHILD]! + PPR * 3;
    for (let n = 0; n < order; n += PPN) {
      const nx = N[n + NODE_X]!;
      const ny = N[n + NODE_Y]!;
      const nm = N[n + NODE_MASS]!;
      let r = 0;
      let attempts = SUBDIVISION_ATTEMPTS;
      for (;;) {
        if (R[r + REGION_FIRST_CHILD]! >= 0) {
          const q = quadrant(r, nx, ny);
          R[r + REGION_MASS_CENTER_X] = (R[r + REGION_MASS_CENTER_X]! * R[r + REGION_MASS]! + nx * nm) / (R[r + REGION_MASS]! + nm);
          R[r + REGION_MASS_CENTER_Y] = (R[r + REGION_MASS_CENTER_Y]! * R[r + REGION_MASS]! + ny * nm) / (R[r + REGION_MASS]! + nm);
          R[r + REGION_MASS] = R[r + REGION_MASS]! + nm;
          r = q;
          continue;
        }
        if (R[r + REGION_NODE]! < 0) {
          R[r + REGION_NODE] = n;
          break;
        }
        // A leaf holding a node: four sub-regions, the old node moved into its own.
        R[r + REGION_FIRST_CHILD] = l * PPR;
        const w = R[r + REGION_SIZE]! / 2;
        const cx = R[r + REGION_CENTER_X]!;
        const cy = R[r + REGION_CENTER_Y]!;
        let g = l * PPR;
        for (let k = 0; k < 4; k++, g += PPR) {
          R[g + REGION_NODE] = -1;
          R[g + REGION_CENTER_X] = k < 2 ? cx - w : cx + w;
          R[g + REGION_CENTER_Y] = k % 2 === 0 ? cy - w : cy + w;
          R[g + REGION_SIZE] = w;
          R[g + REGION_NEXT_SIBLING] = k < 3 ? g + PPR : R[r + REGION_NEXT_SIBLING]!;
          R[g + REGION_FIRST_CHILD] = -1;
          R[g + REGION_MASS] = 0;
          R[g + REGION_MASS_CENTER_X] = 0;
          R[g + REGION_MASS_CENTER_Y] = 0;
        }
        l += 4;
        const old = R[r + REGION_NODE]!;
        const q = quadrant(r, N[old + NODE_X]!, N[old + NODE_Y]!);
        R[r + REGION_MASS] = N[old + NODE_MASS]!;
        R[r + REGION_MASS_CENTER_X] = N[old + NODE_X]!;
        R[r + REGION_MASS_CENTER_Y] = N[old + NODE_Y]!;
        R[q + REGION_NODE] = old;
        R[r + REGION_NODE] = -1;
        const q2 = quadrant(r, nx, ny);
        if (q === q2) {
          if (attempts--) {
            r = q;
            continue;
          }
          break; // out of precision: n is left out of the tree for this iteration, as in the library
        }
        R[q2 + REGION_NODE] = n;
        break;
      }
    }
  }

  private repulseSquare(): void {
    const N = this.nodes;
    const order = N.length;
    const coefficient = this.s.scalingRatio;
    for (let n1 = 0; n1 < order; n1 += PPN) {
      for (let n2 = 0; n2 < n1; n2 += PPN) {
        const xDist = N[n1 + NODE_X]! - N[n2 + NODE_X]!;
        const yDist = N[n1 + NODE_Y]! - N[n2 + NODE_Y]!;
        const distance = Math.sqrt(xDist * xDist + yDist * yDist);
        if (distance > 0) {
          const factor = (coefficient * N[n1 + NODE_MASS]! * N[n2 + NODE_MASS]!) / distance / distance;
          N[n1 + NODE_DX] = N[n1 + NODE_DX]! + xDist * factor;
          N[n1 + NODE_DY] = N[n1 + NODE_DY]! + yDist * factor;
          N[n2 + NODE_DX] = N[n2 + NODE_DX]! - xDist * factor;
          N[n2 + NODE_DY] = N[n2 + NODE_DY]! - yDist * factor;
        }
      }
    }
  }

  private gravity(): void {
    const N = this.nodes;
    const order = N.length;
    const g = this.s.gravity / this.s.scalingRatio;
    const coefficient = this.s.scalingRatio;
    const strong = this.s.strongGravityMode;
    for (let n = 0; n < order; n += PPN) {
      let factor = 0;
      const xDist = N[n + NODE_X]!;
      const yDist = N[n + NODE_Y]!;
      const distance = Math.sqrt(Math.pow(xDist, 2) + Math.pow(yDist, 2));
      if (strong) {
        if (distance > 0) factor = coefficient * N[n + NODE_MASS]! * g;
      } else if (distance > 0) factor = (coefficient * N[n + NODE_MASS]! * g) / distance;
      N[n + NODE_DX] = N[n + NODE_DX]! - xDist * factor;
      N[n + NODE_DY] = N[n + NODE_DY]! - yDist * factor;
    }
  }

  /** Linear attraction, not distributed: the library sets its distance to 1, so every edge pulls. */
  private attract(): void {
    const N = this.nodes;
    const E = this.edges;
    const size = E.length;
    const coefficient = 1;
    for (let e = 0, k = 0; e < size; e += PPE, k++) {
      const n1 = E[e]!;
      const n2 = E[e + 1]!;
      const factor = -coefficient * this.ewc[k]!;
      const xDist = N[n1 + NODE_X]! - N[n2 + NODE_X]!;
      const yDist = N[n1 + NODE_Y]! - N[n2 + NODE_Y]!;
      N[n1 + NODE_DX] = N[n1 + NODE_DX]! + xDist * factor;
      N[n1 + NODE_DY] = N[n1 + NODE_DY]! + yDist * factor;
      N[n2 + NODE_DX] = N[n2 + NODE_DX]! - xDist * factor;
      N[n2 + NODE_DY] = N[n2 + NODE_DY]! - yDist * factor;
    }
  }

  private applyForces(): void {
    const N = this.nodes;
    const order = N.length;
    const slowDown = this.s.slowDown;
    for (let n = 0; n < order; n += PPN) {
      if (N[n + NODE_FIXED] === 1) continue;
      const dx = N[n + NODE_DX]!;
      const dy = N[n + NODE_DY]!;
      const oldDx = N[n + NODE_OLD_DX]!;
      const oldDy = N[n + NODE_OLD_DY]!;
      const swinging = N[n + NODE_MASS]! * Math.sqrt((oldDx - dx) * (oldDx - dx) + (oldDy - dy) * (oldDy - dy));
      const traction = Math.sqrt((oldDx + dx) * (oldDx + dx) + (oldDy + dy) * (oldDy + dy)) / 2;
      const nodespeed = (N[n + NODE_CONVERGENCE]! * Math.log(1 + traction)) / (1 + Math.sqrt(swinging));
      N[n + NODE_CONVERGENCE] = Math.min(1, Math.sqrt((nodespeed * (Math.pow(dx, 2) + Math.pow(dy, 2))) / (1 + Math.sqrt(swinging))));
      N[n + NODE_X] = N[n + NODE_X]! + dx * (nodespeed / slowDown);
      N[n + NODE_Y] = N[n + NODE_Y]! + dy * (nodespeed / slowDown);
    }
  }
}

/**
 * The Barnes-Hut repulsion of the nodes whose matrix offsets are in [from, to), through the quadtree `R` of all
 * nodes: each node's force summed on its own (from zero, as the iteration reset it), so that any split of the
 * nodes between threads gives the same bits (./fa2-threads.ts).
 */
export function repulseNodes(N: Float32Array, R: Float64Array, from: number, to: number, coefficient: number, thetaSquared: number): void {
  for (let n = from; n < to; n += PPN) {
    const nx = N[n + NODE_X]!;
    const ny = N[n + NODE_Y]!;
    const nm = N[n + NODE_MASS]!;
    let fx = 0;
    let fy = 0;
    let r = 0;
    for (;;) {
      if (R[r + REGION_FIRST_CHILD]! >= 0) {
        const distance = Math.pow(nx - R[r + REGION_MASS_CENTER_X]!, 2) + Math.pow(ny - R[r + REGION_MASS_CENTER_Y]!, 2);
        const size = R[r + REGION_SIZE]!;
        if ((4 * size * size) / distance < thetaSquared) {
          const xDist = nx - R[r + REGION_MASS_CENTER_X]!;
          const yDist = ny - R[r + REGION_MASS_CENTER_Y]!;
          if (distance > 0) {
            const factor = (coefficient * nm * R[r + REGION_MASS]!) / distance;
            fx = f32(fx + xDist * factor);
            fy = f32(fy + yDist * factor);
          }
          r = R[r + REGION_NEXT_SIBLING]!;
          if (r < 0) break;
          continue;
        }
        r = R[r + REGION_FIRST_CHILD]!;
        continue;
      }
      const rn = R[r + REGION_NODE]!;
      if (rn >= 0 && rn !== n) {
        const xDist = nx - N[rn + NODE_X]!;
        const yDist = ny - N[rn + NODE_Y]!;
        const distance = xDist * xDist + yDist * yDist;
        if (distance > 0) {
          const factor = (coefficient * nm * N[rn + NODE_MASS]!) / distance;
          fx = f32(fx + xDist * factor);
          fy = f32(fy + yDist * factor);
        }
      }
      r = R[r + REGION_NEXT_SIBLING]!;
      if (r < 0) break;
    }
    N[n + NODE_DX] = fx;
    N[n + NODE_DY] = fy;
  }
}
