/**
 * The viewer's compact render graph and its evidence shards (issue 14 item 5). A build's `graph.json` holds
 * everything (evidence sentences, article lists), which the page does not need before its first frame. The
 * viewer folder gets instead:
 *
 * - `graph.js`: the render graph, column by column (labels, kinds, positions, sizes, colours, relations,
 *   weights, and the attributes filters, search and the table read: degree, mentions, confidence,
 *   community, pagerank, aliases, dates, the number of articles), with the graph's own attributes (the
 *   article table). Every value is the one graph.json holds, so render graph + shards give back exactly
 *   graph.json's attributes.
 * - `evidence/NNN.js`: everything else of each node and edge (evidence, article lists, any other attribute),
 *   in shards chosen by a stable hash of the node's or edge's key. Each shard is a script calling a
 *   callback the page registers, so it loads from `file://` too (where fetch is blocked).
 *
 * graph.js carries its JSON as a string literal of printable ASCII (renderScript), the shards theirs gzipped
 * and in base64 (a tenth to a third of the bytes: evidence repeats itself): nothing in a data string is
 * ever code, and the page runs `JSON.parse` on the text (after gunzipping a shard's with
 * DecompressionStream), so a key such as `__proto__` stays a plain key. Pure and DOM-free: the Node writer and the page (bundled) share it.
 */

export const RENDER_FORMAT = 'zhkg-render';
export const RENDER_VERSION = 1;
/** The global graph.js assigns the render graph's JSON text to. */
export const RENDER_GLOBAL = '__ZHKG_RENDER__';
/** The global callback every evidence shard calls: `__ZHKG_EVIDENCE__(shard, json)`. */
export const EVIDENCE_CALLBACK = '__ZHKG_EVIDENCE__';
/** The folder beside index.html holding the shards. */
export const EVIDENCE_DIR = 'evidence';

/** Node attributes the render graph carries (when present and not null); all others go to the shards. */
export const NODE_RENDER_FIELDS = [
  'label',
  'kind',
  'type',
  'x',
  'y',
  'size',
  'color',
  'community',
  'modularity_class',
  'degree',
  'mentions',
  'confidence',
  'pagerank',
  'aliases',
  'dates',
] as const;
/** Edge attributes the render graph carries; all others go to the shards. */
export const EDGE_RENDER_FIELDS = ['relation', 'kind', 'type', 'label', 'weight', 'dates', 'undirected'] as const;

/** A shard's target size (bytes of JSON, before gzip); the count is the power of two that keeps shards near it. */
export const SHARD_TARGET_BYTES = 256 * 1024;
export const MAX_SHARDS = 4096;

type Attrs = Record<string, unknown>;

/** A column: values by index (null: absent), or strings through a dictionary (-1: absent). */
export type Column = unknown[] | { dict: string[]; index: number[] };

export interface RenderGraph {
  format: typeof RENDER_FORMAT;
  version: number;
  options: Attrs;
  attributes: Attrs;
  /** Number of evidence shards (0: nothing beyond the render graph). */
  shards: number;
  nodes: {
    count: number;
    /** A key, or the index of a prefix in `keyPrefixes` when the key is `prefix:label`. */
    keys: (string | number)[];
    keyPrefixes: string[];
    columns: Record<string, Column>;
    /** Length of each node's `articles` list (the list itself is in the shards). */
    articleCount: number[];
  };
  edges: {
    count: number;
    /** A key, or a code when the key is built from relation and ends (see EDGE_KEY_TEMPLATES). */
    keys: (string | number)[];
    source: number[];
    target: number[];
    /** 1: undirected. */
    undirected: number[];
    columns: Record<string, Column>;
    articleCount: number[];
  };
}

/** Edge key shapes `zhkg build` writes (`relation:source->target`, `…--…`, `…->…#label`), by code. */
const EDGE_KEY_TEMPLATES: ((relation: string, s: string, t: string, label: string) => string)[] = [
  (r, s, t) => `${r}:${s}->${t}`,
  (r, s, t) => `${r}:${s}--${t}`,
  (r, s, t, l) => `${r}:${s}->${t}#${l}`,
];

/** FNV-1a over the UTF-16 code units: the same number in Node and in the page. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The shard holding a node's ('n') or an edge's ('e') details. */
export function shardOf(what: 'n' | 'e', key: string, shards: number): number {
  return shards <= 1 ? 0 : fnv1a(`${what}:${key}`) % shards;
}

/** `evidence/007.js` (at least three digits). */
export function shardName(i: number): string {
  return `${EVIDENCE_DIR}/${String(i).padStart(3, '0')}.js`;
}

function isRenderValue(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function encodeColumn(values: unknown[]): Column {
  const present = values.filter(isRenderValue);
  if (present.length > 0 && present.every((v) => typeof v === 'string')) {
    const dict: string[] = [];
    const at = new Map<string, number>();
    const index = values.map((v) => {
      if (typeof v !== 'string') return -1;
      let i = at.get(v);
      if (i === undefined) {
        i = dict.length;
        dict.push(v);
        at.set(v, i);
      }
      return i;
    });
    if (dict.length * 2 <= values.length) return { dict, index };
  }
  return values.map((v) => (isRenderValue(v) ? v : null));
}

function columnValue(c: Column, i: number): unknown {
  if (Array.isArray(c)) return c[i] ?? undefined;
  const j = c.index[i] ?? -1;
  return j < 0 ? undefined : c.dict[j];
}

function articleCount(v: unknown): number {
  return Array.isArray(v) ? v.filter((x) => typeof x === 'string' && x !== '').length : 0;
}

/** What `graph.export()` gives and graph.json holds. */
export interface SerializedGraph {
  options?: Attrs;
  attributes?: Attrs;
  nodes: { key: string; attributes?: Attrs }[];
  edges: { key?: string; source: string; target: string; undirected?: boolean; attributes?: Attrs }[];
}

/**
 * A node's or edge's attributes split into what the render graph carries and the names of the rest (for the
 * shards, read from `attrs` when a shard is written). `present(attrs, k)` true: an attribute known to be there
 * without reading it (a graph's packed evidence, src/graph/evidence.ts, decoded only when its shard is written).
 */
function split(attrs: Attrs, fields: readonly string[], present?: (attrs: Attrs, k: string) => boolean): { render: Attrs; rest: string[] | null } {
  const render: Attrs = {};
  let rest: string[] | null = null;
  for (const k of Object.keys(attrs)) {
    const field = fields.includes(k);
    if (!field && present?.(attrs, k)) {
      (rest ??= []).push(k);
      continue;
    }
    const v = attrs[k];
    if (v === undefined) continue;
    if (field && isRenderValue(v)) render[k] = v;
    else (rest ??= []).push(k);
  }
  return { render, rest };
}

export interface Details {
  what: 'n' | 'e';
  key: string;
  /** The node's or edge's attributes. */
  attrs: Attrs;
  /** The names of those not in the render graph, in the attributes' order. */
  rest: string[];
}

/**
 * The attributes not in the render graph as an object of their own (what a shard holds for `d`); an accessor
 * attribute stays an accessor, read when the object is.
 */
export function restOf(d: Details): Attrs {
  const rest: Attrs = {};
  for (const k of d.rest) {
    if (Object.getOwnPropertyDescriptor(d.attrs, k)?.get) {
      Object.defineProperty(rest, k, { get: () => d.attrs[k], enumerable: true, configurable: true });
    } else rest[k] = d.attrs[k];
  }
  return rest;
}

export interface EncodedViewer {
  render: RenderGraph;
  /** The details of every node and edge that has some, in graph order. */
  details: Details[];
}

/**
 * Splits a serialized graph into the render graph and the details that go to the shards (`present`: see
 * `split`).
 */
export function encodeRender(g: SerializedGraph, present?: (attrs: Attrs, k: string) => boolean): EncodedViewer {
  const nodeIndex = new Map<string, number>();
  const details: Details[] = [];
  const nodeCols = new Map<string, unknown[]>(NODE_RENDER_FIELDS.map((f) => [f, []]));
  const prefixes: string[] = [];
  const prefixAt = new Map<string, number>();
  const nodeKeys: (string | number)[] = [];
  const nodeArticles: number[] = [];
  g.nodes.forEach((n, i) => {
    nodeIndex.set(n.key, i);
    const attrs = n.attributes ?? {};
    const { render, rest } = split(attrs, NODE_RENDER_FIELDS, present);
    for (const [f, col] of nodeCols) col.push(render[f]);
    nodeArticles.push(articleCount(n.attributes?.articles));
    if (rest) details.push({ what: 'n', key: n.key, attrs, rest });
    const colon = n.key.indexOf(':');
    const prefix = colon > 0 ? n.key.slice(0, colon) : null;
    if (prefix !== null && typeof render.label === 'string' && n.key === `${prefix}:${render.label}`) {
      let p = prefixAt.get(prefix);
      if (p === undefined) {
        p = prefixes.length;
        prefixes.push(prefix);
        prefixAt.set(prefix, p);
      }
      nodeKeys.push(p);
    } else nodeKeys.push(n.key);
  });
  const edgeCols = new Map<string, unknown[]>(EDGE_RENDER_FIELDS.map((f) => [f, []]));
  const edgeKeys: (string | number)[] = [];
  const source: number[] = [];
  const target: number[] = [];
  const undirected: number[] = [];
  const edgeArticles: number[] = [];
  g.edges.forEach((e, i) => {
    const s = nodeIndex.get(e.source);
    const t = nodeIndex.get(e.target);
    if (s === undefined || t === undefined) throw new Error(`render graph: edge ${JSON.stringify(e.key ?? i)} has an end that is not a node`);
    const key = e.key ?? String(i);
    const attrs = e.attributes ?? {};
    const { render, rest } = split(attrs, EDGE_RENDER_FIELDS, present);
    for (const [f, col] of edgeCols) col.push(render[f]);
    source.push(s);
    target.push(t);
    undirected.push(e.undirected ? 1 : 0);
    edgeArticles.push(articleCount(e.attributes?.articles));
    if (rest) details.push({ what: 'e', key, attrs, rest });
    const relation = typeof render.relation === 'string' ? render.relation : '';
    const label = typeof render.label === 'string' ? render.label : '';
    const code = EDGE_KEY_TEMPLATES.findIndex((f) => f(relation, e.source, e.target, label) === key);
    edgeKeys.push(relation !== '' && code >= 0 ? code : key);
  });
  const columns = (m: Map<string, unknown[]>): Record<string, Column> => {
    const out: Record<string, Column> = {};
    for (const [f, values] of m) if (values.some(isRenderValue)) out[f] = encodeColumn(values);
    return out;
  };
  return {
    render: {
      format: RENDER_FORMAT,
      version: RENDER_VERSION,
      options: g.options ?? { type: 'mixed', multi: true, allowSelfLoops: true },
      attributes: g.attributes ?? {},
      shards: 0,
      nodes: { count: g.nodes.length, keys: nodeKeys, keyPrefixes: prefixes, columns: columns(nodeCols), articleCount: nodeArticles },
      edges: { count: g.edges.length, keys: edgeKeys, source, target, undirected, columns: columns(edgeCols), articleCount: edgeArticles },
    },
    details,
  };
}

/** The number of shards for details of `bytes` bytes of JSON in all: a power of two, 0 when there are none. */
export function shardCount(bytes: number): number {
  if (bytes <= 0) return 0;
  let n = 1;
  while (n < MAX_SHARDS && bytes / n > SHARD_TARGET_BYTES) n *= 2;
  return n;
}

/** One shard's payload: `{ n: [[key, rest], …], e: [[key, rest], …] }` as JSON. */
export interface ShardPayload {
  n: [string, Attrs][];
  e: [string, Attrs][];
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/u;

/**
 * graph.js: the render graph's JSON text (`json`) as a JS string literal of printable ASCII only (JSON's own
 * escapes, and every other character as `\uXXXX`): nothing of the data can end the string or the script,
 * whatever charset the script is read in, and the page hands the string to `JSON.parse` as it is — no
 * gunzip, no base64 (the browser parses the script off the main thread as it loads). Before, graph.js held
 * the JSON gzipped in base64 (the page still reads that form).
 */
export function renderScript(json: string): string {
  const literal = JSON.stringify(json);
  // Every UTF-16 unit outside printable ASCII, and < >, as `\uXXXX` (a character outside the BMP: both units).
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < literal.length; i++) {
    const c = literal.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e && c !== 0x3c && c !== 0x3e) continue;
    if (i > from) parts.push(literal.slice(from, i));
    parts.push(`\\u${c.toString(16).padStart(4, '0')}`);
    from = i + 1;
  }
  parts.push(literal.slice(from));
  return `window.${RENDER_GLOBAL} = ${parts.join('')};\n`;
}

/** Whether graph.js's string is the render graph's JSON text (today) or its gzip in base64 (before). */
export function isRenderJson(text: string): boolean {
  return text.startsWith('{');
}

/** evidence/NNN.js: shard `i`'s JSON (ShardPayload), gzipped, as base64. */
export function shardScript(i: number, payload: string): string {
  if (!Number.isInteger(i) || i < 0 || !BASE64.test(payload)) throw new Error('shardScript: a shard number and a base64 payload');
  return base64ShardScript(i, payload);
}

/** `shardScript` of a payload that is base64 by construction (Buffer's encoder): not tested again. */
export function base64ShardScript(i: number, payload: string): string {
  return `${EVIDENCE_CALLBACK}(${i}, "${payload}");\n`;
}

/** A decoded node or edge of the render graph. */
export interface RenderNode {
  key: string;
  attributes: Attrs;
  articleCount: number;
}
export interface RenderEdge {
  key: string;
  source: string;
  target: string;
  undirected: boolean;
  attributes: Attrs;
  articleCount: number;
}

/** Reads a render graph's JSON (as parsed); throws on anything else. */
export function decodeRender(data: unknown): { render: RenderGraph; nodes: RenderNode[]; edges: RenderEdge[] } {
  const r = data as RenderGraph;
  if (!r || typeof r !== 'object' || r.format !== RENDER_FORMAT) throw new Error('not a zhkg render graph');
  if (r.version !== RENDER_VERSION) throw new Error(`render graph version ${String(r.version)} (this page reads ${RENDER_VERSION})`);
  const nodes: RenderNode[] = new Array<RenderNode>(r.nodes.count);
  const nodeCols = Object.entries(r.nodes.columns);
  for (let i = 0; i < r.nodes.count; i++) {
    const attributes: Attrs = {};
    for (const [f, c] of nodeCols) {
      const v = columnValue(c, i);
      if (v !== undefined) attributes[f] = v;
    }
    const k = r.nodes.keys[i]!;
    const key = typeof k === 'number' ? `${r.nodes.keyPrefixes[k]}:${String(attributes.label)}` : k;
    nodes[i] = { key, attributes, articleCount: r.nodes.articleCount[i] ?? 0 };
  }
  const edges: RenderEdge[] = new Array<RenderEdge>(r.edges.count);
  const edgeCols = Object.entries(r.edges.columns);
  for (let i = 0; i < r.edges.count; i++) {
    const attributes: Attrs = {};
    for (const [f, c] of edgeCols) {
      const v = columnValue(c, i);
      if (v !== undefined) attributes[f] = v;
    }
    const source = nodes[r.edges.source[i]!]!.key;
    const target = nodes[r.edges.target[i]!]!.key;
    const k = r.edges.keys[i]!;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const key = typeof k === 'number' ? EDGE_KEY_TEMPLATES[k]!(text(attributes.relation), source, target, text(attributes.label)) : k;
    edges[i] = { key, source, target, undirected: r.edges.undirected[i] === 1, attributes, articleCount: r.edges.articleCount[i] ?? 0 };
  }
  return { render: r, nodes, edges };
}
