/** The render graph (render-format.ts) as the source graph toViewGraph reads. Pure: no DOM (tested in Node). */
import type { Attributes } from 'graphology-types';
import type { SourceGraphLike } from './model.js';
import type { RenderEdge, RenderNode } from '../../src/viewer/render-format.js';

/** The render graph (graph.js) as a source graph: its attributes are the render attributes, exactly as in graph.json. */
export class RenderSource implements SourceGraphLike {
  readonly articleCounts: { n: number[]; e: number[] };
  constructor(
    private readonly nodes: RenderNode[],
    private readonly edges: RenderEdge[],
    private readonly attributes: Attributes,
  ) {
    this.articleCounts = { n: nodes.map((n) => n.articleCount), e: edges.map((e) => e.articleCount) };
  }
  get order(): number {
    return this.nodes.length;
  }
  forEachNode(cb: (key: string, attrs: Attributes) => void): void {
    for (const n of this.nodes) cb(n.key, n.attributes);
  }
  forEachEdge(cb: (key: string, attrs: Attributes, source: string, target: string, sa: Attributes, ta: Attributes, undirected: boolean) => void): void {
    const none = {};
    for (const e of this.edges) cb(e.key, e.attributes, e.source, e.target, none, none, e.undirected);
  }
  getAttributes(): Attributes {
    return this.attributes;
  }
}
