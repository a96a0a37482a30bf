/**
 * The inverse of the GEXF export's choices, applied to a graph that graphology-gexf's parser produced:
 * `viz:color` channels (parsed as `rgb(…)`) become `#rrggbb`, edge `thickness` becomes `size`, and edges
 * written directed with `undirected=true` (networkx-compatible mode) become undirected again; the
 * `kind` copy of `relation` is dropped. Lists need nothing: the parser reads our JSON-array form.
 *
 * No Node imports: the viewer can apply it after `graphology-gexf/browser`'s parse.
 */
import { MultiGraph } from 'graphology';
import type Graph from 'graphology';
import { parseColor, toHexColor } from './color.js';

type Attrs = Record<string, unknown>;

function hexColor(attrs: Attrs): void {
  if (typeof attrs.color !== 'string') return;
  const rgba = parseColor(attrs.color);
  if (rgba) attrs.color = toHexColor(rgba);
}

/** A new mixed MultiGraph with the export's encodings undone; other tools' attributes pass unchanged. */
export function restoreGexfGraph(parsed: Graph): MultiGraph {
  const graph = new MultiGraph();
  graph.replaceAttributes(parsed.getAttributes());
  parsed.forEachNode((key, attributes) => {
    const attrs: Attrs = { ...attributes };
    hexColor(attrs);
    graph.addNode(key, attrs);
  });
  parsed.forEachEdge((key, attributes, source, target, _sa, _ta, undirected) => {
    const attrs: Attrs = { ...attributes };
    const isUndirected = undirected || attrs.undirected === true;
    delete attrs.undirected;
    // `kind` is the export's copy of `relation` for Gephi; keep it only when it says something else.
    if (attrs.kind !== undefined && attrs.kind === attrs.relation) delete attrs.kind;
    if (typeof attrs.thickness === 'number') {
      if (attrs.size === undefined) attrs.size = attrs.thickness;
      delete attrs.thickness;
    }
    hexColor(attrs);
    if (isUndirected) graph.addUndirectedEdgeWithKey(key, source, target, attrs);
    else graph.addDirectedEdgeWithKey(key, source, target, attrs);
  });
  return graph;
}
