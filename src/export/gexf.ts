/**
 * GEXF 1.3 export through graphology-gexf's writer, with its formatting hooks doing the per-element
 * work and a DOM pass (gexf-post.ts) doing the document-level fixes. The traps it avoids (SPEC §7):
 * - version 1.3 so the viz namespace is `http://gexf.net/1.3/viz` (the writer's 1.2 URI is wrong);
 * - colours as r/g/b channels, never `hex=` (networkx crashes on it): the hook hands the writer
 *   `rgb(…)` strings instead of `#rrggbb`;
 * - edge size as `viz:thickness` (the default hook would write `viz:size`, which edges do not have);
 * - `<meta>` holds only creator/keywords/description; graph attributes such as `articles` stay in JSON;
 * - declared column types (gexf-model.ts), lists as JSON-array `liststring` (gexf-list.ts);
 * - edge `kind` = the relation, so Gephi keeps parallel edges of different relations apart;
 * - text with characters XML forbids is repaired (xml-safe.ts), everything else is escaped by the
 *   writer, so hostile labels and evidence give a well-formed document.
 *
 * Edge direction. networkx's `read_gexf` does not support mixed graphs: it raises "Undirected edge found
 * in directed graph" on the first `type="undirected"` edge of a directed file, and "mutual" edges are
 * rejected by Gephi's importer. So by default every edge is written directed (undirected edges keep their
 * stored endpoint order) and carries the boolean column `undirected`; `fromGexf` restores them. Pass
 * `{ mixed: true }` for a true mixed graph (`type="undirected"` on co_occurs/partner_of edges) when the
 * file is only for Gephi or graphology.
 */
import gexf from 'graphology-gexf';
import type Graph from 'graphology';
import { parseColor, toCssRgb } from './color.js';
import { buildColumns, columnValue, type GexfColumn } from './gexf-model.js';
import { postProcessGexf, type GexfMeta } from './gexf-post.js';
import { isXmlSafe, xmlSafe } from './xml-safe.js';

export interface GexfOptions {
  /** Write undirected edges as `type="undirected"` (Gephi, graphology) instead of directed + `undirected`
   * column (readable by networkx too). Default false. */
  mixed?: boolean;
  /** Indented output (default true). */
  pretty?: boolean;
  /** `<meta>` fields; defaults: graph attributes of the same name, then `zhkg` and a generated description. */
  creator?: string;
  description?: string;
  keywords?: string;
}

type Attrs = Record<string, unknown>;

interface Viz {
  color?: string;
  size?: number;
  thickness?: number;
  x?: number;
  y?: number;
}

function finite(what: string, value: unknown, min = -Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new TypeError(`GEXF export: ${what} must be a finite number${min === 0 ? ' ≥ 0' : ''}, got ${String(value)}`);
  }
  return value;
}

function vizColor(what: string, value: unknown): string {
  const rgba = typeof value === 'string' ? parseColor(value) : null;
  if (!rgba) throw new TypeError(`GEXF export: ${what} colour must be #rgb, #rrggbb, #rrggbbaa or rgb()/rgba(), got ${String(value)}`);
  return toCssRgb(rgba);
}

function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return xmlSafe(String(value));
  throw new TypeError(`GEXF export: label must be text, got ${JSON.stringify(value)}`);
}

function attvalues(cls: 'node' | 'edge', key: string, columns: readonly GexfColumn[], attrs: Attrs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const column of columns) {
    const text = columnValue(cls, key, column, attrs[column.id]);
    if (text !== undefined) out[column.id] = text;
  }
  return out;
}

/**
 * A graph whose keys are all legal in XML: the graph itself, or (rarely: keys with control characters
 * or unpaired surrogates) a copy with those characters replaced by U+FFFD.
 */
function withXmlSafeKeys(graph: Graph): Graph {
  if (graph.everyNode((n) => isXmlSafe(n)) && graph.everyEdge((e) => isXmlSafe(e))) return graph;
  const copy = graph.nullCopy();
  copy.replaceAttributes(graph.getAttributes());
  graph.forEachNode((node, attrs) => {
    const key = xmlSafe(node);
    if (copy.hasNode(key)) throw new Error(`GEXF export: node keys ${JSON.stringify(node)} and another collide once made XML-safe`);
    copy.addNode(key, attrs);
  });
  graph.forEachEdge((edge, attrs, source, target, _s, _t, undirected) => {
    const key = xmlSafe(edge);
    if (copy.hasEdge(key)) throw new Error(`GEXF export: edge keys ${JSON.stringify(edge)} and another collide once made XML-safe`);
    if (undirected) copy.addUndirectedEdgeWithKey(key, xmlSafe(source), xmlSafe(target), attrs);
    else copy.addDirectedEdgeWithKey(key, xmlSafe(source), xmlSafe(target), attrs);
  });
  return copy;
}

function metaOf(graph: Graph, options: GexfOptions): GexfMeta {
  const attr = (name: string): string | undefined => {
    const v: unknown = graph.getAttribute(name);
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const creator = options.creator ?? attr('creator') ?? 'zhkg';
  const description =
    options.description ??
    attr('description') ??
    `Knowledge graph of Chinese news text built by zhkg: ${graph.order} nodes, ${graph.size} edges`;
  const keywords = options.keywords ?? attr('keywords');
  return {
    creator: xmlSafe(creator),
    description: xmlSafe(description),
    ...(keywords !== undefined ? { keywords: xmlSafe(keywords) } : {}),
  };
}

/** Serializes a graphology graph (normally the zhkg MultiGraph) as GEXF 1.3. Same graph → same bytes. */
export function toGexf(graph: Graph, options: GexfOptions = {}): string {
  if (graph === null || typeof graph !== 'object' || typeof (graph as Graph).forEachNode !== 'function') {
    throw new TypeError('toGexf: expected a graphology graph');
  }
  const g = withXmlSafeKeys(graph);
  const nodeColumns = buildColumns('node', g.mapNodes((_n, a) => a));
  const edgeColumns = buildColumns('edge', g.mapEdges((_e, a) => a));

  const formatNode = (key: string, attrs: Attrs) => {
    const viz: Viz = {};
    if (attrs.color !== undefined) viz.color = vizColor(`node ${key}`, attrs.color);
    if (attrs.size !== undefined) viz.size = finite(`node ${key} size`, attrs.size, 0);
    if (attrs.x !== undefined || attrs.y !== undefined) {
      viz.x = finite(`node ${key} x`, attrs.x);
      viz.y = finite(`node ${key} y`, attrs.y);
    }
    return { label: textOf(attrs.label), viz, attributes: attvalues('node', key, nodeColumns, attrs) };
  };

  const formatEdge = (key: string, attrs: Attrs) => {
    const viz: Viz = {};
    if (attrs.color !== undefined) viz.color = vizColor(`edge ${key}`, attrs.color);
    const thickness = attrs.size ?? attrs.thickness;
    if (thickness !== undefined) viz.thickness = finite(`edge ${key} size`, thickness, 0);
    const values = attvalues('edge', key, edgeColumns, {
      ...attrs,
      evidence: attrs.evidence ?? attrs.evidenceList,
      undirected: g.isUndirected(key),
    });
    const kind = textOf(attrs.relation ?? attrs.kind);
    return {
      label: textOf(attrs.label),
      viz,
      attributes: values,
      ...(attrs.weight !== undefined ? { weight: finite(`edge ${key} weight`, attrs.weight) } : {}),
      ...(kind !== undefined ? { kind } : {}),
    };
  };

  const written = gexf.write(g, { version: '1.3', pretty: options.pretty !== false, pedantic: true, formatNode, formatEdge });
  const xml = postProcessGexf(written, {
    columns: { node: nodeColumns, edge: edgeColumns },
    meta: metaOf(g, options),
    allDirected: options.mixed !== true,
  });
  return xml.endsWith('\n') ? xml : `${xml}\n`;
}
