/**
 * graphology JSON export (`graph.export()` format: options, attributes, nodes, edges), with everything
 * the graph holds, full evidence included.
 *
 * Layout: one line per node and per edge. Diffs of two builds stay readable line by line, and the file
 * is close to compact JSON in size. Keys inside attribute objects are sorted (recursively), so the bytes
 * do not depend on the order in which pipeline stages happened to set attributes; node and edge order is
 * the graph's own (the pipeline inserts them deterministically).
 */
import type Graph from 'graphology';

/** A copy of `value` fit for JSON with sorted object keys; typed arrays and Sets become arrays. */
function canonical(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Set) return [...value].map(canonical);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  if (value instanceof Map) return canonical(Object.fromEntries(value));
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonical((value as { toJSON(): unknown }).toJSON());
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined && typeof v !== 'function') out[key] = canonical(v);
  }
  return out;
}

const line = (value: unknown): string => JSON.stringify(canonical(value));

/** Serializes a graphology graph as graphology's JSON format. Same graph → same bytes. */
export function toJSON(graph: Graph): string {
  if (graph === null || typeof graph !== 'object' || typeof graph.export !== 'function') {
    throw new TypeError('toJSON: expected a graphology graph');
  }
  const data = graph.export();
  // Record fields in graphology's own order (key first); only attribute objects are key-sorted.
  const nodes = data.nodes.map((n) => JSON.stringify({ key: n.key, ...(n.attributes ? { attributes: canonical(n.attributes) } : {}) }));
  const edges = data.edges.map((e) =>
    JSON.stringify({
      key: e.key,
      source: e.source,
      target: e.target,
      ...(e.attributes ? { attributes: canonical(e.attributes) } : {}),
      ...(e.undirected ? { undirected: true } : {}),
    }),
  );
  const list = (items: string[]): string => (items.length ? `[\n${items.join(',\n')}\n]` : '[]');
  return `{"options":${line(data.options)},\n"attributes":${line(data.attributes ?? {})},\n` + `"nodes":${list(nodes)},\n"edges":${list(edges)}}\n`;
}
