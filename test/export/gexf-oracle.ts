/**
 * The GEXF writer as it was before the streaming writer (src/export/gexf.ts): graphology-gexf's writer
 * (xml-writer) with formatting hooks, a DOM pass over the head, spells inserted into its output. Kept in the
 * tests as the oracle: the streaming writer must give its bytes (test/export/gexf-stream.test.ts).
 */
import gexf from 'graphology-gexf';
import type { GexfOptions } from '../../src/export/gexf.js';
import Graph, { MultiGraph } from 'graphology';
import { parseColor, toCssRgb } from '../../src/export/color.js';
import { buildColumns, columnValue, type GexfColumn } from '../../src/export/gexf-model.js';
import { postProcessGexf } from './gexf-oracle-post.js';
import { xmlSafe } from '../../src/export/xml-safe.js';
import { spellsOf, type Spell } from '../../src/export/gexf-time.js';

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

function textOf(what: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return xmlSafe(String(value));
  throw new TypeError(`GEXF export: ${what} must be text, got ${JSON.stringify(value)}`);
}

function attvalues(cls: 'node' | 'edge', key: string, columns: readonly GexfColumn[], attrs: Attrs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const column of columns) {
    const text = columnValue(cls, key, column, attrs[column.id]);
    if (text !== undefined) out[column.id] = text;
  }
  return out;
}

interface GexfMeta {
  creator: string;
  keywords?: string;
  description: string;
}

function metaOf(graph: Graph, options: GexfOptions): GexfMeta {
  const attr = (name: string): string | undefined => {
    const v: unknown = graph.getAttribute(name);
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const creator = options.creator ?? attr('creator') ?? 'zhkg';
  const description =
    options.description ?? attr('description') ?? `Knowledge graph of Chinese news text built by zhkg: ${graph.order} nodes, ${graph.size} edges`;
  const keywords = options.keywords ?? attr('keywords');
  // Insertion order is the writer's <meta> order.
  return {
    creator: xmlSafe(creator),
    ...(keywords !== undefined ? { keywords: xmlSafe(keywords) } : {}),
    description: xmlSafe(description),
  };
}

/**
 * The graph handed to the writer: same attribute objects (not cloned), but
 * - graph attributes = the <meta> fields only (with `pedantic` the writer writes exactly these);
 * - every edge directed unless `mixed` (so the writer writes no `type="undirected"`);
 * - keys made XML-legal (rare: control characters, unpaired surrogates); collisions are refused.
 * Returns it with the set of its edge keys that were undirected in the source graph.
 */
function writerGraph(graph: Graph, mixed: boolean, meta: GexfMeta): { g: Graph; undirected: Set<string> } {
  const g = new MultiGraph({ type: mixed ? graph.type : 'directed', allowSelfLoops: true });
  g.replaceAttributes({ ...meta });
  const undirected = new Set<string>();
  graph.forEachNode((node, attrs) => {
    const key = xmlSafe(node);
    if (key !== node && g.hasNode(key)) throw new Error(`GEXF export: node key ${JSON.stringify(node)} collides with another once made XML-safe`);
    g.addNode(key, attrs);
  });
  graph.forEachEdge((edge, attrs, source, target, _s, _t, isUndirected) => {
    const key = xmlSafe(edge);
    if (key !== edge && g.hasEdge(key)) throw new Error(`GEXF export: edge key ${JSON.stringify(edge)} collides with another once made XML-safe`);
    if (isUndirected) undirected.add(key);
    if (mixed && isUndirected) g.addUndirectedEdgeWithKey(key, xmlSafe(source), xmlSafe(target), attrs);
    else g.addDirectedEdgeWithKey(key, xmlSafe(source), xmlSafe(target), attrs);
  });
  return { g, undirected };
}

/** Serializes a graphology graph (normally the zhkg MultiGraph) as GEXF 1.3. Same graph → same bytes. */
export function oracleGexf(graph: Graph, options: GexfOptions = {}): string {
  if (graph === null || typeof graph !== 'object' || typeof graph.forEachNode !== 'function') {
    throw new TypeError('toGexf: expected a graphology graph');
  }
  const { g, undirected } = writerGraph(graph, options.mixed === true, metaOf(graph, options));
  const nodeColumns = buildColumns(
    'node',
    g.mapNodes((_n, a) => a),
  );
  const edgeColumns = buildColumns(
    'edge',
    g.mapEdges((_e, a) => a),
  );

  const formatNode = (key: string, attrs: Attrs) => {
    const viz: Viz = {};
    if (attrs.color !== undefined) viz.color = vizColor(`node ${key}`, attrs.color);
    if (attrs.size !== undefined) viz.size = finite(`node ${key} size`, attrs.size, 0);
    if (attrs.x !== undefined || attrs.y !== undefined) {
      viz.x = finite(`node ${key} x`, attrs.x);
      viz.y = finite(`node ${key} y`, attrs.y);
    }
    return { label: textOf(`node ${key} label`, attrs.label), viz, attributes: attvalues('node', key, nodeColumns, attrs) };
  };

  const formatEdge = (key: string, attrs: Attrs) => {
    const viz: Viz = {};
    if (attrs.color !== undefined) viz.color = vizColor(`edge ${key}`, attrs.color);
    const thickness = attrs.size ?? attrs.thickness;
    if (thickness !== undefined) viz.thickness = finite(`edge ${key} size`, thickness, 0);
    const values = attvalues('edge', key, edgeColumns, {
      ...attrs,
      // The first sentence: `evidence` when set, else the head of the JSON-only `evidenceList`.
      evidence: attrs.evidence === undefined || attrs.evidence === '' ? attrs.evidenceList : attrs.evidence,
      undirected: undirected.has(key),
    });
    const kind = textOf(`edge ${key} relation`, attrs.relation ?? attrs.kind);
    return {
      label: textOf(`edge ${key} label`, attrs.label),
      viz,
      attributes: values,
      ...(attrs.weight !== undefined ? { weight: finite(`edge ${key} weight`, attrs.weight) } : {}),
      ...(kind !== undefined ? { kind } : {}),
    };
  };

  const pretty = options.pretty !== false;
  const written = gexf.write(g, { version: '1.3', pretty, pedantic: true, formatNode, formatEdge });
  const nodeSpells: Array<[string, Spell[]]> = g.mapNodes((n, a) => [n, spellsOf(a.dates)]);
  const edgeSpells: Array<[string, Spell[]]> = g.mapEdges((e, a) => [e, spellsOf(a.dates)]);
  const dynamic = options.time !== false && [...nodeSpells, ...edgeSpells].some(([, s]) => s.length > 0);
  let xml = postProcessGexf(written, { node: nodeColumns, edge: edgeColumns }, dynamic ? { mode: 'dynamic', timeformat: 'date' } : undefined);
  if (dynamic) {
    const cut = xml.indexOf('<nodes');
    xml = xml.slice(0, cut) + insertSpells(xml.slice(cut), nodeSpells, edgeSpells, pretty);
  }
  return xml.endsWith('\n') ? xml : `${xml}\n`;
}

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#\d+);/g, (_m, e: string) =>
    e === 'lt'
      ? '<'
      : e === 'gt'
        ? '>'
        : e === 'quot'
          ? '"'
          : e === 'apos'
            ? "'"
            : e === 'amp'
              ? '&'
              : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );

const START_TAG = /(\n?[ \t]*)<(node|edge)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/g;

/**
 * Inserts `<spells>` into the writer's body. `nodes`/`edges` list, in the writer's order, each element's
 * key (as written, XML-safe) and spells.
 */
export function insertSpells(body: string, nodes: Array<[string, Spell[]]>, edges: Array<[string, Spell[]]>, pretty: boolean): string {
  let ni = 0;
  let ei = 0;
  const out = body.replace(START_TAG, (tag: string, lead: string, name: string, attrs: string, selfClosing: string) => {
    const entry = name === 'node' ? nodes[ni++] : edges[ei++];
    if (!entry) throw new Error(`GEXF export: more <${name}> elements than expected`);
    const id = /\sid="([^"]*)"/.exec(attrs);
    if (!id || unescapeXml(id[1]!) !== entry[0]) throw new Error(`GEXF export: <${name}> order differs from the graph's at ${JSON.stringify(entry[0])}`);
    const spells = entry[1];
    if (spells.length === 0) return tag;
    const indent = pretty ? lead.replace(/^\n/, '') : '';
    const nl = pretty ? '\n' : '';
    const inner = pretty ? `${indent}  ` : '';
    const items = spells.map(([s, e]) => `${nl}${inner}  <spell start="${s}" end="${e}"/>`).join('');
    const block = `${nl}${inner}<spells>${items}${nl}${inner}</spells>`;
    if (selfClosing) return `${lead}<${name}${attrs}>${block}${nl}${indent}</${name}>`;
    return `${lead}<${name}${attrs}>${block}`;
  });
  if (ni !== nodes.length || ei !== edges.length) throw new Error('GEXF export: fewer <node>/<edge> elements than expected');
  return out;
}
