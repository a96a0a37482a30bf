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
export function canonical(value: unknown): unknown {
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
  let out = '';
  for (const piece of jsonPieces(graph)) out += piece;
  return out;
}

/**
 * `toJSON`'s text in pieces (a head, then one per node and per edge with its separator), for writers that
 * do not hold the whole text (the store compresses it piece by piece). Joined, the pieces are `toJSON`'s bytes.
 */
export function* jsonPieces(graph: Graph): Generator<string> {
  if (graph === null || typeof graph !== 'object' || typeof graph.export !== 'function') {
    throw new TypeError('toJSON: expected a graphology graph');
  }
  // As graph.export() gives them, one record at a time: fields in graphology's own order (key first), the
  // attributes only when there are any; only attribute objects are key-sorted.
  const options = { type: graph.type, multi: graph.multi, allowSelfLoops: graph.allowSelfLoops };
  yield `{"options":${line(options)},\n"attributes":${line(graph.getAttributes())},\n"nodes":`;
  yield* list(graph.nodeEntries(), ({ node, attributes }) =>
    JSON.stringify({ key: node, ...(Object.keys(attributes).length ? { attributes: canonical(attributes) } : {}) }),
  );
  yield ',\n"edges":';
  const mixed = graph.type === 'mixed';
  yield* list(graph.edgeEntries(), ({ edge, attributes, source, target, undirected }) =>
    JSON.stringify({
      key: edge,
      source,
      target,
      ...(Object.keys(attributes).length ? { attributes: canonical(attributes) } : {}),
      ...(mixed && undirected ? { undirected: true } : {}),
    }),
  );
  yield '}\n';
}

/** `[\n` items joined by `,\n` `\n]`, or `[]`, in pieces, each item written when its piece is asked for. */
function* list<T>(items: Iterable<T>, write: (item: T) => string): Generator<string> {
  let first = true;
  for (const item of items) {
    yield `${first ? '[\n' : ',\n'}${write(item)}`;
    first = false;
  }
  yield first ? '[]' : '\n]';
}
