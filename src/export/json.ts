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
import { mayHoldPacked, packedJson, packedKey } from '../graph/evidence.js';

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

/** Whether a key is an array index, which an object enumerates first, in numeric order. */
const INDEX = /^(?:0|[1-9]\d*)$/u;
const isIndex = (k: string): boolean => INDEX.test(k) && Number(k) < 4294967295;

/**
 * `JSON.stringify(canonical(value))`, without making the copy: plain objects and arrays are written here (the
 * graph's attributes: strings, numbers, lists, records; a packed evidence list from its integers,
 * src/graph/evidence.ts), anything else through `canonical` itself. Undefined where JSON.stringify gives
 * undefined (nothing to write).
 */
export function canonicalJson(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Object.getPrototypeOf(value) === Array.prototype) return arrayJson(value as unknown[]);
      if (isPlainObject(value)) {
        const out = new TextOut();
        writeObject(value, Object.keys(value), out);
        return out.done;
      }
      return JSON.stringify(canonical(value));
    }
    default:
      return JSON.stringify(canonical(value));
  }
}

/** An object `canonical` copies key by key (not an array, a Set, a Map, a typed array, nor one with toJSON). */
function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

function arrayJson(value: readonly unknown[]): string {
  // A list of strings, numbers, booleans and nulls (aliases, article ids, dates): the copy would be the same list.
  let plain = true;
  for (let i = 0; i < value.length && plain; i++) {
    const v = value[i];
    plain = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null;
  }
  if (plain) return JSON.stringify(value);
  let out = '[';
  for (let i = 0; i < value.length; i++) out += `${i === 0 ? '' : ','}${canonicalJson(value[i]) ?? 'null'}`;
  return `${out}]`;
}

/** An attribute's text, undefined when `canonical` or JSON.stringify leave it out. */
const valueJson = (v: unknown): string | undefined => (v === undefined || typeof v === 'function' ? undefined : canonicalJson(v));

/**
 * Where a serialization goes: text, and the packed evidence lists in it (src/graph/evidence.ts) written from
 * their integers — as text (TextOut), or as UTF-8 from bytes made once per sentence (src/export/bytes.ts).
 */
export interface JsonOut {
  text(s: string): void;
  packed(owner: object, key: string): void;
}

class TextOut implements JsonOut {
  done = '';
  text(s: string): void {
    this.done += s;
  }
  packed(owner: object, key: string): void {
    this.done += packedJson(owner, key)!;
  }
}

/**
 * Writes what `canonical` makes of `value` restricted to `keys` (own enumerable keys of it), as JSON: keys in
 * the copy's order — sorted, array indexes first in numeric order (the copy is an object) — and each value
 * as `canonicalJson` writes it; a packed evidence list is handed to `out` as such.
 */
export function writeObject(value: Record<string, unknown>, keys: readonly string[], out: JsonOut): void {
  const sorted = sortedKeys(keys);
  const packed = mayHoldPacked(value) ? packedKey(value) : undefined;
  let text = '{';
  let first = true;
  for (const key of sorted) {
    // (`canonical` assigns `__proto__` to its copy, which sets the copy's prototype: no key)
    if (key === '__proto__') continue;
    if (key === packed) {
      out.text(`${text}${first ? '' : ','}${keyJson(key)}`);
      out.packed(value, key);
      text = '';
      first = false;
      continue;
    }
    const json = valueJson(value[key]);
    if (json === undefined) continue;
    text += `${first ? '' : ','}${keyJson(key)}${json}`;
    first = false;
  }
  out.text(`${text}}`);
}

/**
 * The order of `keys` in `canonical`'s copy: sorted, array indexes first in numeric order. The objects of a graph
 * come in a few shapes (a node's attributes, an edge's, an author's …), each many times in the same key order: the
 * last few orders are kept (the same keys in the same order, the same result).
 */
function sortedKeys(keys: readonly string[]): readonly string[] {
  for (const [given, sorted] of recentOrders) if (sameKeys(given, keys)) return sorted;
  let sorted = [...keys].sort();
  if (sorted.length > 0 && sorted[0]! < ':' && sorted.some(isIndex)) {
    sorted = sorted
      .filter(isIndex)
      .sort((a, b) => Number(a) - Number(b))
      .concat(sorted.filter((k) => !isIndex(k)));
  }
  recentOrders.unshift([[...keys], sorted]);
  if (recentOrders.length > RECENT_ORDERS) recentOrders.pop();
  return sorted;
}

const RECENT_ORDERS = 8;
const recentOrders: Array<[readonly string[], readonly string[]]> = [];

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `"key":` as JSON writes it; attribute names repeat, their text is made once (up to KEY_TEXTS of them). */
function keyJson(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = `${JSON.stringify(key)}:`;
    if (keyTexts.size < KEY_TEXTS) keyTexts.set(key, text);
  }
  return text;
}

const KEY_TEXTS = 4096;
const keyTexts = new Map<string, string>();

/** Serializes a graphology graph as graphology's JSON format. Same graph → same bytes. */
export function toJSON(graph: Graph): string {
  let out = '';
  for (const piece of jsonPieces(graph)) out += piece;
  return out;
}

/**
 * `toJSON`'s text in pieces (a head, then one per node and per edge with its separator), for writers that
 * do not hold the whole text. Joined, the pieces are `toJSON`'s bytes.
 */
export function* jsonPieces(graph: Graph): Generator<string> {
  const out = new TextOut();
  for (const _ of writeJson(graph, out)) {
    yield out.done;
    out.done = '';
  }
}

/**
 * Writes the graph's JSON (`toJSON`'s text) into `out`, a piece at a time: a head, each node and edge with its
 * separator, the end; pauses after each.
 */
export function* writeJson(graph: Graph, out: JsonOut): Generator<void> {
  if (graph === null || typeof graph !== 'object' || typeof graph.export !== 'function') {
    throw new TypeError('toJSON: expected a graphology graph');
  }
  // As graph.export() gives them, one record at a time: fields in graphology's own order (key first), the
  // attributes only when there are any; only attribute objects are key-sorted.
  const options = { type: graph.type, multi: graph.multi, allowSelfLoops: graph.allowSelfLoops };
  out.text(`{"options":${canonicalJson(options)!},\n"attributes":${canonicalJson(graph.getAttributes())!},\n"nodes":`);
  yield;
  let first = true;
  for (const { node, attributes } of graph.nodeEntries()) {
    out.text(`${first ? '[\n' : ',\n'}{"key":${JSON.stringify(node)}`);
    writeAttributes(attributes, out);
    out.text('}');
    first = false;
    yield;
  }
  out.text(`${first ? '[]' : '\n]'},\n"edges":`);
  yield;
  const mixed = graph.type === 'mixed';
  first = true;
  for (const { edge, attributes, source, target, undirected } of graph.edgeEntries()) {
    out.text(`${first ? '[\n' : ',\n'}{"key":${JSON.stringify(edge)},"source":${JSON.stringify(source)},"target":${JSON.stringify(target)}`);
    writeAttributes(attributes, out);
    out.text(mixed && undirected ? ',"undirected":true}' : '}');
    first = false;
    yield;
  }
  out.text(`${first ? '[]' : '\n]'}}\n`);
  yield;
}

/** `,"attributes":{…}` (keys sorted), or nothing when there are none. */
function writeAttributes(attributes: Record<string, unknown>, out: JsonOut): void {
  const keys = Object.keys(attributes);
  if (keys.length === 0) return;
  if (isPlainObject(attributes)) {
    out.text(',"attributes":');
    writeObject(attributes, keys, out);
    return;
  }
  const text = canonicalJson(attributes);
  if (text !== undefined) out.text(`,"attributes":${text}`);
}
