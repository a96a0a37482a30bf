/**
 * "Export what you see": the nodes and edges in view as a graph with the loaded file's own attributes
 * (positions as drawn now), written by the CLI's writers (src/export: toGexf, toJSON — the same bytes
 * rules and schema checks), and the view as a PNG from sigma's own canvases.
 */
import { MultiGraph } from 'graphology';
import { toGexf } from '../../src/export/gexf.js';
import { toJSON } from '../../src/export/json.js';
import type { SourceGraphLike, ViewGraph } from './model.js';

/**
 * The loaded graph restricted to `nodes` and `edges` (keys), with the view's current x/y. `rest` gives what
 * a render graph keeps in its shards (evidence, article lists …), merged back: the attributes are then
 * the graph file's own.
 */
export function visibleSubgraph(
  src: SourceGraphLike,
  view: ViewGraph,
  nodes: ReadonlySet<string>,
  edges: ReadonlySet<string>,
  rest?: (what: 'n' | 'e', key: string) => Record<string, unknown> | null,
): MultiGraph {
  const out = new MultiGraph({ type: 'mixed' });
  out.replaceAttributes({ ...src.getAttributes() });
  src.forEachNode((key, a) => {
    if (!nodes.has(key)) return;
    const v = view.getNodeAttributes(key);
    out.addNode(key, { ...a, ...rest?.('n', key), x: v.x, y: v.y });
  });
  src.forEachEdge((key, a, s, t, _sa, _ta, undirected) => {
    if (!edges.has(key) || !out.hasNode(s) || !out.hasNode(t)) return;
    const attrs = { ...a, ...rest?.('e', key) };
    if (undirected) out.addUndirectedEdgeWithKey(key, s, t, attrs);
    else out.addDirectedEdgeWithKey(key, s, t, attrs);
  });
  return out;
}

export function subgraphGexf(g: MultiGraph): string {
  return toGexf(g);
}

export function subgraphJson(g: MultiGraph): string {
  return toJSON(g);
}

/**
 * The view as drawn, on white, at the canvas' pixel size. Sigma renders synchronously and the layers
 * are copied in the same task, so WebGL's drawing buffers are still there to read.
 */
export function viewPng(s: { refresh(): unknown; getCanvases(): Record<string, HTMLCanvasElement> }): Promise<Blob> {
  s.refresh();
  const canvases = Object.values(s.getCanvases());
  const first = canvases[0];
  if (!first) return Promise.reject(new Error('nothing drawn'));
  const out = document.createElement('canvas');
  out.width = first.width;
  out.height = first.height;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, out.width, out.height);
  for (const c of canvases) ctx.drawImage(c, 0, 0, out.width, out.height);
  return new Promise((ok, fail) => out.toBlob((b) => (b ? ok(b) : fail(new Error('PNG encoding failed'))), 'image/png'));
}
