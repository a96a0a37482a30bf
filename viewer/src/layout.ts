/**
 * Live layouts on the loaded graph: ForceAtlas2 running in a Web Worker (graphology-layout-forceatlas2's
 * own supervisor, which starts its worker from a blob URL, so it runs from file:// too), noverlap to
 * push apart nodes whose discs overlap on screen, and the built positions kept aside to restore.
 */
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import { inferSettings } from 'graphology-layout-forceatlas2';
import noverlap from 'graphology-layout-noverlap';
import type { ViewGraph } from './model.js';

export type LayoutStatus = 'built' | 'running' | 'moved';

export class LiveLayout {
  private fa2: FA2Layout | null = null;
  private readonly built = new Map<string, [number, number]>();
  status: LayoutStatus = 'built';

  constructor(private readonly graph: ViewGraph) {
    graph.forEachNode((n, a) => this.built.set(n, [a.x, a.y]));
  }

  get running(): boolean {
    return this.fa2?.isRunning() ?? false;
  }

  start(): void {
    const g = this.graph;
    this.fa2 ??= new FA2Layout(g, { settings: { ...inferSettings(g), adjustSizes: false }, getEdgeWeight: 'weight' });
    this.fa2.start();
    this.status = 'running';
  }

  stop(): void {
    this.fa2?.stop();
    if (this.status === 'running') this.status = 'moved';
  }

  /**
   * Moves nodes apart until no two discs overlap (sizes in graph units: `size(node)` pixels times
   * `unitsPerPixel` at the current zoom), with a few pixels of margin.
   */
  separate(size: (node: string) => number, unitsPerPixel: number, maxIterations = 200): void {
    this.stop();
    noverlap.assign(this.graph, {
      maxIterations,
      inputReducer: (key, a) => ({ x: a.x, y: a.y, size: size(key) * unitsPerPixel }),
      settings: { margin: 2 * unitsPerPixel, ratio: 1, expansion: 1.1 },
    });
    this.status = 'moved';
  }

  /** Back to the positions the graph was loaded with. */
  restore(): void {
    this.stop();
    this.graph.updateEachNodeAttributes(
      (n, a) => {
        const p = this.built.get(n);
        return p ? { ...a, x: p[0], y: p[1] } : a;
      },
      { attributes: ['x', 'y'] },
    );
    this.status = 'built';
  }

  kill(): void {
    this.fa2?.kill();
    this.fa2 = null;
  }
}
