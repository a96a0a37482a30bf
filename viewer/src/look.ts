/** How a node looks whatever is selected: its colour (kind or community) and its size (size, degree or PageRank). */
import { OTHER_COLOR, communityColor, kindCounts, type NodeView, type ViewGraph } from './model.js';
import type { ViewState } from './hash-state.js';

const MIN_NODE_SIZE = 2.5;
const MAX_NODE_SIZE = 14;

export class Look {
  /** kind -> the legend's colour (every kind of the graph: kindCounts) */
  private readonly kindColors: Map<string, string>;
  private readonly maxMetric = { size: 1e-9, degree: 1e-9, pagerank: 1e-9 };

  constructor(g: ViewGraph) {
    this.kindColors = new Map(kindCounts(g).map((k) => [k.kind, k.color]));
    g.forEachNode((_n, a) => {
      this.maxMetric.size = Math.max(this.maxMetric.size, a.size);
      this.maxMetric.degree = Math.max(this.maxMetric.degree, a.degree);
      this.maxMetric.pagerank = Math.max(this.maxMetric.pagerank, a.pagerank ?? 0);
    });
  }

  kindColor(kind: string): string {
    return this.kindColors.get(kind) ?? OTHER_COLOR;
  }

  nodeColor(a: NodeView, colorBy: ViewState['colorBy']): string {
    if (colorBy === 'community') return communityColor(a.community);
    return this.kindColor(a.kind);
  }

  nodeSize(a: NodeView, by: ViewState['sizeBy']): number {
    // Stored sizes are kept in proportion but capped: big hubs would otherwise cover their neighbours.
    if (by === 'size') return Math.max(MIN_NODE_SIZE, a.size * Math.min(1, MAX_NODE_SIZE / this.maxMetric.size));
    const v = by === 'degree' ? a.degree : (a.pagerank ?? 0);
    return MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * Math.sqrt(v / this.maxMetric[by]);
  }
}
