/**
 * GEXF 1.3 export, written as text in chunks (`gexfChunks`), so a large graph is never held as one XML
 * document or tree: `zhkg build` streams the chunks into the output file, `toGexf` joins them. Every
 * string goes through xml-safe.ts (characters XML forbids) and xml-text.ts (escaping), so hostile labels
 * and evidence stay data. The bytes are those of the graphology-gexf writer zhkg used before
 * (test/export/gexf-stream.test.ts compares both on built and on hostile graphs). The traps it avoids
 * (SPEC §7):
 * - version 1.3 so the viz namespace is `http://gexf.net/1.3/viz` (graphology-gexf's 1.2 URI is wrong);
 * - colours as r/g/b(/a) channels, never `hex=` (networkx crashes on it);
 * - edge size as `viz:thickness` (edges have no `viz:size`);
 * - `<meta>` holds only creator/keywords/description; graph attributes such as `articles` stay in the
 *   JSON export;
 * - declared column types (gexf-model.ts), lists as JSON-array `liststring` (gexf-list.ts);
 * - edge `kind` = the relation, so Gephi keeps parallel edges of different relations apart;
 * - dynamic mode with `<spells>` when elements carry `dates` (gexf-time.ts).
 *
 * Edge direction. networkx's `read_gexf` does not support mixed graphs: it raises "Undirected edge found
 * in directed graph" on the first `type="undirected"` edge of a directed file, and "mutual" edges are
 * rejected by Gephi's importer. So by default every edge is written directed (undirected edges keep their
 * stored endpoint order) and carries the boolean column `undirected`; `fromGexf` restores them. Pass
 * `{ mixed: true }` for a true mixed graph (`type="undirected"` on co_occurs/partner_of edges) when the
 * file is only for Gephi or graphology.
 *
 * Layout of the text (kept from graphology-gexf): two-space indentation when `pretty`; the columns an
 * element writes follow the order in which columns first have a value over the elements (array-index
 * names first, as a JavaScript object orders its keys), and every element has `<attvalues>` (empty ones
 * self-closing) once any element has a value. The document head (meta, column declarations) is small and
 * goes through a real XML DOM (gexf-head.ts), which sets the declared types and the graph's time mode.
 */
import type Graph from 'graphology';
import { parseColor, type Rgba } from './color.js';
import { buildColumns, columnValue, hasColumnValue, INT32_MAX, type ElementClass, type GexfColumn } from './gexf-model.js';
import { finishHead } from './gexf-head.js';
import { xmlSafe, isXmlSafe } from './xml-safe.js';
import { escapeAttribute, escapeText } from './xml-text.js';
import { spellsOf, type Spell } from './gexf-time.js';
import { packedHead } from '../graph/evidence.js';

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
  /**
   * Dynamic GEXF (`mode="dynamic" timeformat="date"`, `<spells>` from each element's `dates`): default
   * when any node or edge has dates; `false` writes a static graph anyway.
   */
  time?: boolean;
}

type Attrs = Record<string, unknown>;

/** Chunks of about this many UTF-16 code units. */
const CHUNK = 1 << 16;

function finite(what: string, value: unknown, min = -Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new TypeError(`GEXF export: ${what} must be a finite number${min === 0 ? ' ≥ 0' : ''}, got ${String(value)}`);
  }
  return value;
}

function vizColor(what: string, value: unknown): Rgba {
  const rgba = typeof value === 'string' ? parseColor(value) : null;
  if (!rgba) throw new TypeError(`GEXF export: ${what} colour must be #rgb, #rrggbb, #rrggbbaa or rgb()/rgba(), got ${String(value)}`);
  return rgba;
}

function textOf(what: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return xmlSafe(String(value));
  throw new TypeError(`GEXF export: ${what} must be text, got ${JSON.stringify(value)}`);
}

/** ` name="value"`, or nothing for an empty string (as graphology-gexf's writer did). */
function attr(name: string, value: string | number): string {
  return value === '' ? '' : ` ${name}="${typeof value === 'number' ? String(value) : escapeAttribute(value)}"`;
}

function metaOf(graph: Graph, options: GexfOptions): Array<[string, string]> {
  const attr = (name: string): string | undefined => {
    const v: unknown = graph.getAttribute(name);
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const creator = options.creator ?? attr('creator') ?? 'zhkg';
  const description =
    options.description ?? attr('description') ?? `Knowledge graph of Chinese news text built by zhkg: ${graph.order} nodes, ${graph.size} edges`;
  const keywords = options.keywords ?? attr('keywords');
  return [['creator', creator], ...(keywords !== undefined ? [['keywords', keywords] as [string, string]] : []), ['description', description]];
}

/**
 * XML-safe keys. Keys are unique in the graph; made XML-safe (rare: control characters, unpaired
 * surrogates) two may meet, which is refused. Returns null when every key is already safe.
 */
function safeKeys(what: 'node' | 'edge', keys: string[]): string[] | null {
  if (keys.every((k) => isXmlSafe(k))) return null;
  const seen = new Set<string>();
  return keys.map((k) => {
    const safe = xmlSafe(k);
    if (seen.has(safe)) throw new Error(`GEXF export: ${what} key ${JSON.stringify(k)} collides with another once made XML-safe`);
    seen.add(safe);
    return safe;
  });
}

/**
 * An evidence list as the `evidence` column reads it (its first record, evidenceText): a packed list
 * (src/graph/evidence.ts) gives its first record only, not decoding the others.
 */
function evidenceOf(attrs: Attrs, name: string): unknown {
  return packedHead(attrs, name) ?? attrs[name];
}

/** The node attributes the columns read. */
function nodeValue(attrs: Attrs, id: string): unknown {
  return id === 'evidence' ? evidenceOf(attrs, id) : attrs[id];
}

/** The edge attributes the columns read: `evidence` falls back to the JSON-only `evidenceList`; `undirected`. */
function edgeValue(attrs: Attrs, id: string, undirected: boolean): unknown {
  if (id === 'undirected') return undirected;
  if (id === 'evidence') return attrs.evidence === undefined || attrs.evidence === '' ? evidenceOf(attrs, 'evidenceList') : attrs.evidence;
  return attrs[id];
}

/** What xmlSafe or escapeAttribute change (and, in a list item, formatGexfList: `\\`). */
// (no `u` flag: every surrogate code unit matches, so a pair made by joining two list items is not missed)
const ATTRIBUTE_CHANGED = /[\u0000-\u001f"&<\\\u0085\u2028\u2029\ud800-\udfff\ufffe\uffff]/;

/** `escapeAttribute(xmlSafe(s))`: most strings need neither. */
function safeAttribute(s: string): string {
  return ATTRIBUTE_CHANGED.test(s) ? escapeAttribute(xmlSafe(s)) : s;
}

/**
 * `escapeAttribute(columnValue(…))`: an attvalue's `value` as written, or undefined when there is none. The
 * common values (a string, a finite number of the column's kind, a boolean, a list of plain strings) are
 * written here; anything else goes through columnValue, which may refuse it.
 */
function attValue(cls: ElementClass, key: string, column: GexfColumn, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  switch (typeof value) {
    case 'string':
      if (column.type === 'string') return value === '' ? undefined : safeAttribute(value);
      break;
    case 'number':
      if (column.id === 'evidence' || !Number.isFinite(value)) break;
      if (column.type === 'double' || column.type === 'string') return String(value);
      if ((column.type === 'long' || column.type === 'integer') && Number.isInteger(value) && (column.type === 'long' || Math.abs(value) <= INT32_MAX)) {
        return String(value);
      }
      break;
    case 'boolean':
      if (column.type === 'boolean' || (column.type === 'string' && column.id !== 'evidence')) return String(value);
      break;
    default:
      if (column.type === 'liststring' && column.id !== 'evidence' && Array.isArray(value)) {
        let strings = true;
        for (const x of value as unknown[]) if (typeof x !== 'string') strings = false;
        if (strings) {
          if (value.length === 0) return '[]';
          const items = value as string[];
          if (!ATTRIBUTE_CHANGED.test(items.join(''))) return `[&quot;${items.join('&quot;, &quot;')}&quot;]`;
        }
      }
  }
  const v = columnValue(cls, key, column, value);
  return v === undefined ? undefined : escapeAttribute(v);
}

/**
 * The columns written, in the order graphology-gexf's writer used: the order of first appearance over the
 * elements, kept in a (prototype-less) object, which puts array-index names first.
 */
function writtenColumns(columns: readonly GexfColumn[], forEach: (visit: (value: (id: string) => unknown) => boolean | void) => void): GexfColumn[] {
  const seen: Record<string, GexfColumn> = Object.create(null) as Record<string, GexfColumn>;
  let count = 0;
  forEach((value) => {
    for (const column of columns) {
      if (!(column.id in seen) && hasColumnValue(column, value(column.id))) {
        seen[column.id] = column;
        count++;
      }
    }
    return count === columns.length; // every column seen: stop
  });
  const out: GexfColumn[] = [];
  for (const id in seen) out.push(seen[id]!);
  return out;
}

/**
 * Serializes a graphology graph (normally the zhkg MultiGraph) as GEXF 1.3, in pieces: the head, each node
 * and each edge with what comes before it, the tail. Same graph → same bytes.
 */
export function* gexfPieces(graph: Graph, options: GexfOptions = {}): Generator<string, void, undefined> {
  if (graph === null || typeof graph !== 'object' || typeof graph.forEachNode !== 'function') {
    throw new TypeError('toGexf: expected a graphology graph');
  }
  const mixed = options.mixed === true;
  const pretty = options.pretty !== false;
  const meta = metaOf(graph, options);
  const nodeKeys = graph.nodes();
  const edgeKeys = graph.edges();
  const safeNodes = safeKeys('node', nodeKeys);
  const safeEdges = safeKeys('edge', edgeKeys);
  const nodeIndex = safeNodes ? new Map(nodeKeys.map((k, i) => [k, safeNodes[i]!])) : null;
  const nodeKey = (k: string): string => (nodeIndex ? nodeIndex.get(k)! : k);

  const nodeColumns = buildColumns(
    'node',
    graph.mapNodes((_n, a) => a),
  );
  const edgeColumns = buildColumns(
    'edge',
    graph.mapEdges((_e, a) => a),
  );
  const nodeWritten = writtenColumns(nodeColumns, (visit) => {
    graph.someNode((_n, a: Attrs) => visit((id) => nodeValue(a, id)) === true);
  });
  const edgeWritten = writtenColumns(edgeColumns, (visit) => {
    graph.someEdge((_e, a: Attrs, _s, _t, _sa, _ta, undirected) => visit((id) => edgeValue(a, id, undirected)) === true);
  });
  const dynamic =
    options.time !== false &&
    (graph.someNode((_n, a: Attrs) => spellsOf(a.dates).length > 0) || graph.someEdge((_e, a: Attrs) => spellsOf(a.dates).length > 0));

  // Edge direction of the document: every edge directed unless `mixed`; then the graph's own type, a
  // mixed graph with edges of one kind only being written as that kind.
  let defaultEdgeType: 'directed' | 'undirected' = 'directed';
  if (mixed) {
    if (graph.type === 'undirected') defaultEdgeType = 'undirected';
    else if (graph.type === 'mixed' && graph.directedSize === 0 && graph.undirectedSize > 0) defaultEdgeType = 'undirected';
  }

  const nl = pretty ? '\n' : '';
  const indent = (depth: number): string => (pretty ? `\n${'  '.repeat(depth - 1)}` : '');
  const [I2, I3, I4, I5, I6] = [2, 3, 4, 5, 6].map(indent) as [string, string, string, string, string];

  // The head, as graphology-gexf wrote it, then through the DOM (declared types, time mode).
  let head = `<?xml version="1.0" encoding="UTF-8"?>\n<gexf version="1.3" xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd">`;
  head += `${I2}<meta>`;
  for (const [name, value] of meta) head += `${I3}<${name}>${escapeText(xmlSafe(value))}</${name}>`;
  head += `${I2}</meta>${I2}<graph${attr('defaultedgetype', defaultEdgeType)}>`;
  for (const [cls, written] of [
    ['node', nodeWritten],
    ['edge', edgeWritten],
  ] as Array<[ElementClass, GexfColumn[]]>) {
    if (written.length === 0) continue;
    head += `${I3}<attributes class="${cls}">`;
    for (const c of written) head += `${I4}<attribute${attr('id', c.id)}${attr('title', c.id)} type="string"/>`;
    head += `${I3}</attributes>`;
  }
  head += I3;
  yield finishHead(head, { node: nodeColumns, edge: edgeColumns }, dynamic ? { mode: 'dynamic', timeformat: 'date' } : undefined);

  const nodeFor = nodeWritten.map((c) => attr('for', c.id));
  const edgeFor = edgeWritten.map((c) => attr('for', c.id));

  /** The children every element may have: spells, attvalues (`values` as written), viz. */
  const children = (dates: unknown, written: readonly GexfColumn[], values: readonly (string | undefined)[], viz: string): string => {
    let s = '';
    if (dynamic) {
      const spells: Spell[] = spellsOf(dates);
      if (spells.length > 0) {
        s += `${I5}<spells>`;
        // (unindented output kept the two blanks before each <spell> that the former writer left there)
        for (const [start, end] of spells) s += `${pretty ? I6 : '  '}<spell${attr('start', start)}${attr('end', end)}/>`;
        s += `${I5}</spells>`;
      }
    }
    if (written.length > 0) {
      const forAttrs = written === nodeWritten ? nodeFor : edgeFor;
      let inner = '';
      for (let i = 0; i < written.length; i++) {
        const v = values[i];
        if (v !== undefined) inner += `${I6}<attvalue${forAttrs[i]!} value="${v}"/>`;
      }
      s += inner === '' ? `${I5}<attvalues/>` : `${I5}<attvalues>${inner}${I5}</attvalues>`;
    }
    return s + viz;
  };
  const colorXml = (c: Rgba): string => `${I5}<viz:color${attr('r', c.r)}${attr('g', c.g)}${attr('b', c.b)}${c.a === undefined ? '' : attr('a', c.a)}/>`;
  // Colours repeat (one per kind, per relation): each distinct one is parsed once.
  const colors = new Map<string, string>();
  const colorOf = (what: string, value: unknown): string => {
    let xml = typeof value === 'string' ? colors.get(value) : undefined;
    if (xml === undefined) {
      xml = colorXml(vizColor(what, value));
      if (typeof value === 'string') colors.set(value, xml);
    }
    return xml;
  };
  /** textOf's text as an attribute value. */
  const textAttr = (what: string, value: unknown): string | undefined => {
    if (typeof value === 'string') return value === '' ? undefined : safeAttribute(value);
    const text = textOf(what, value);
    return text === undefined ? undefined : escapeAttribute(text);
  };

  const nodeValues = new Array<string | undefined>(nodeWritten.length);
  const edgeValues = new Array<string | undefined>(edgeWritten.length);

  yield '<nodes';
  let i = 0;
  for (const { node, attributes } of graph.nodeEntries()) {
    const attrs: Attrs = attributes;
    const key = safeNodes ? safeNodes[i]! : node;
    i++;
    // Checked in the order graphology-gexf's hooks checked them (the first error is the same).
    let viz = '';
    if (attrs.color !== undefined) viz += colorOf(`node ${key}`, attrs.color);
    if (attrs.size !== undefined) viz += `${I5}<viz:size${attr('value', finite(`node ${key} size`, attrs.size, 0))}/>`;
    if (attrs.x !== undefined || attrs.y !== undefined) {
      const x = finite(`node ${key} x`, attrs.x);
      const y = finite(`node ${key} y`, attrs.y);
      viz += `${I5}<viz:position${attr('x', x)}${attr('y', y)}/>`;
    }
    const label = textAttr(`node ${key} label`, attrs.label);
    for (let c = 0; c < nodeWritten.length; c++) nodeValues[c] = attValue('node', key, nodeWritten[c]!, nodeValue(attrs, nodeWritten[c]!.id));
    const inner = children(attrs.dates, nodeWritten, nodeValues, viz);
    yield `${i === 1 ? '>' : ''}${I4}<node${attr('id', key)}${label ? ` label="${label}"` : ''}${inner === '' ? '/>' : `>${inner}${I4}</node>`}`;
  }
  yield i === 0 ? '/>' : `${I3}</nodes>`;

  yield `${I3}<edges`;
  i = 0;
  for (const { edge, attributes, source, target, undirected } of graph.edgeEntries()) {
    const attrs: Attrs = attributes;
    const key = safeEdges ? safeEdges[i]! : edge;
    i++;
    let viz = '';
    if (attrs.color !== undefined) viz += colorOf(`edge ${key}`, attrs.color);
    const thickness = attrs.size ?? attrs.thickness;
    if (thickness !== undefined) viz += `${I5}<viz:thickness${attr('value', finite(`edge ${key} size`, thickness, 0))}/>`;
    for (let c = 0; c < edgeWritten.length; c++) {
      const column = edgeWritten[c]!;
      edgeValues[c] = attValue('edge', key, column, edgeValue(attrs, column.id, undirected));
    }
    const kind = textAttr(`edge ${key} relation`, attrs.relation ?? attrs.kind);
    const label = textAttr(`edge ${key} label`, attrs.label);
    const weight = attrs.weight !== undefined ? finite(`edge ${key} weight`, attrs.weight) : undefined;
    const inner = children(attrs.dates, edgeWritten, edgeValues, viz);
    const type = mixed && undirected ? 'undirected' : 'directed';
    yield (
      `${i === 1 ? '>' : ''}${I4}<edge${attr('id', key)}${type === defaultEdgeType ? '' : attr('type', type)}` +
      `${attr('source', nodeKey(source))}${attr('target', nodeKey(target))}${weight === undefined ? '' : attr('weight', weight)}` +
      `${kind ? ` kind="${kind}"` : ''}${label ? ` label="${label}"` : ''}${inner === '' ? '/>' : `>${inner}${I4}</edge>`}`
    );
  }
  yield `${i === 0 ? '/>' : `${I3}</edges>`}${I2}</graph>${nl}</gexf>\n`;
}

/**
 * The document in chunks of about CHUNK characters (whole pieces: never the first half of a surrogate pair
 * at the end of one).
 */
export function* gexfChunks(graph: Graph, options: GexfOptions = {}): Generator<string, void, undefined> {
  let buf = '';
  for (const piece of gexfPieces(graph, options)) {
    buf += piece;
    if (buf.length >= CHUNK) {
      yield buf;
      buf = '';
    }
  }
  if (buf !== '') yield buf;
}

/** Serializes a graphology graph (normally the zhkg MultiGraph) as GEXF 1.3. Same graph → same bytes. */
export function toGexf(graph: Graph, options: GexfOptions = {}): string {
  let out = '';
  for (const piece of gexfPieces(graph, options)) out += piece;
  return out;
}
