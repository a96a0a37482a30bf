/**
 * The GEXF attribute model: which graphology attributes become GEXF `<attribute>` columns, with which
 * declared type, in which order, and how each value is written.
 *
 * Known attributes (SPEC §3) have fixed types and come first in a fixed order, so every export declares
 * the same columns the same way whatever the data (pagerank stays `double` even when every value happens
 * to be an integer). Any other attribute is typed from its values and follows, sorted by name.
 * Structured values (objects, arrays of objects: the full evidence) have no GEXF form and stay in the
 * JSON export.
 */
import { formatGexfList } from './gexf-list.js';
import { isXmlSafe, xmlSafe } from './xml-safe.js';

/** GEXF attribute types this exporter writes: the ones networkx 3.6, Gephi and graphology all read. */
export type GexfType = 'string' | 'integer' | 'long' | 'double' | 'boolean' | 'liststring';

export interface GexfColumn {
  /** Attribute name in the graph; also the GEXF `id` and `title` (graphology-gexf keys by id). */
  id: string;
  type: GexfType;
}

export type ElementClass = 'node' | 'edge';

type Attrs = Record<string, unknown>;

/** Known node columns (SPEC §3) in output order. */
export const NODE_COLUMNS: readonly GexfColumn[] = [
  { id: 'kind', type: 'string' },
  { id: 'aliases', type: 'liststring' },
  { id: 'mentions', type: 'integer' },
  { id: 'articles', type: 'liststring' },
  { id: 'community', type: 'integer' },
  { id: 'degree', type: 'integer' },
  { id: 'pagerank', type: 'double' },
  { id: 'code', type: 'string' },
  { id: 'confidence', type: 'double' },
  { id: 'evidence', type: 'string' },
];

/** Known edge columns in output order. `undirected` is written by the exporter itself. */
export const EDGE_COLUMNS: readonly GexfColumn[] = [
  { id: 'relation', type: 'string' },
  { id: 'articles', type: 'liststring' },
  { id: 'evidence', type: 'string' },
  { id: 'undirected', type: 'boolean' },
];

/**
 * Attributes that are not columns: GEXF structure or viz data (label, weight, position, size, colour),
 * sigma's renderer selector `type` (a `type` column read back into sigma would pick a renderer), and the
 * JSON-only `evidenceList`.
 */
const NOT_COLUMNS: Record<ElementClass, ReadonlySet<string>> = {
  node: new Set(['label', 'x', 'y', 'z', 'size', 'color', 'shape', 'type', 'hidden', 'forceLabel', 'zIndex']),
  edge: new Set(['label', 'weight', 'size', 'thickness', 'color', 'shape', 'kind', 'type', 'hidden', 'forceLabel', 'zIndex', 'evidenceList']),
};

export const INT32_MAX = 0x7fffffff;

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function isListish(v: unknown): v is readonly unknown[] | ReadonlySet<unknown> {
  return Array.isArray(v) || v instanceof Set;
}

/**
 * The text of an `evidence` value in GEXF: the first sentence. Accepts a string, an Evidence object
 * (`{sentence}`), or a list of either; anything else has no text form.
 */
export function evidenceText(value: unknown): string | undefined {
  let first = value;
  if (isListish(value)) first = [...value][0];
  if (typeof first === 'string') return first;
  if (first !== null && typeof first === 'object') {
    const sentence = (first as { sentence?: unknown }).sentence;
    if (typeof sentence === 'string') return sentence;
  }
  return undefined;
}

/** Infers the column type of an unknown attribute from all its values; null when it has no GEXF form. */
function inferType(values: readonly unknown[]): GexfType | null {
  let sawString = false;
  let sawBoolean = false;
  let sawNumber = false;
  let sawList = false;
  let allInt32 = true;
  let allInteger = true;
  for (const v of values) {
    if (v === undefined || v === null) continue;
    if (isListish(v)) {
      if (![...v].every((x) => isScalar(x))) return null;
      sawList = true;
    } else if (typeof v === 'string') sawString = true;
    else if (typeof v === 'boolean') sawBoolean = true;
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) continue;
      sawNumber = true;
      if (!Number.isInteger(v)) allInteger = false;
      else if (Math.abs(v) > INT32_MAX) allInt32 = false;
    } else return null;
  }
  if (sawList) return 'liststring';
  const kinds = Number(sawString) + Number(sawBoolean) + Number(sawNumber);
  if (kinds === 0) return null;
  if (kinds > 1 || sawString) return 'string';
  if (sawBoolean) return 'boolean';
  if (!allInteger) return 'double';
  return allInt32 ? 'integer' : 'long';
}

/** Columns for one element class, given every element's attributes. */
export function buildColumns(cls: ElementClass, elements: Iterable<Attrs>): GexfColumn[] {
  const known = cls === 'node' ? NODE_COLUMNS : EDGE_COLUMNS;
  const knownIds = new Set(known.map((c) => c.id));
  const extraValues = new Map<string, unknown[]>();
  for (const attrs of elements) {
    for (const name of Object.keys(attrs)) {
      // A name XML cannot hold (control characters …) cannot be a column id; JSON keeps the attribute.
      if (knownIds.has(name) || NOT_COLUMNS[cls].has(name) || name === '' || !isXmlSafe(name)) continue;
      let list = extraValues.get(name);
      if (!list) extraValues.set(name, (list = []));
      list.push(attrs[name]);
    }
  }
  const extras: GexfColumn[] = [];
  for (const id of [...extraValues.keys()].sort()) {
    const type = inferType(extraValues.get(id)!);
    if (type) extras.push({ id, type });
  }
  return [...known, ...extras];
}

/**
 * Whether `columnValue` gives text for this value (true also where it would throw: the writer reaches the
 * value again and throws there). Cheap: no text is built. The streaming writer declares a column, and
 * orders an element's values, from it before it writes any element.
 */
export function hasColumnValue(column: GexfColumn, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (column.id === 'evidence') {
    const text = evidenceText(value);
    return text !== undefined && text !== '';
  }
  switch (column.type) {
    case 'string':
      return value !== '' && !(typeof value === 'number' && !Number.isFinite(value));
    case 'integer':
    case 'long':
    case 'double':
      return !(typeof value === 'number' && !Number.isFinite(value));
    case 'boolean':
    case 'liststring':
      return true;
  }
}

function fail(cls: ElementClass, key: string, column: GexfColumn, value: unknown): never {
  throw new TypeError(
    `GEXF export: ${cls} ${JSON.stringify(key)} attribute "${column.id}" (${column.type}) has an unusable value: ${String(JSON.stringify(value) ?? value)}`,
  );
}

/**
 * The GEXF text of one attribute value, or undefined when the value is absent or not representable
 * (null, non-finite numbers: GEXF has no NaN column values that every reader accepts).
 * Throws TypeError when a known column receives a value of the wrong kind (a pipeline bug).
 */
export function columnValue(cls: ElementClass, key: string, column: GexfColumn, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (column.id === 'evidence') {
    const text = evidenceText(value);
    return text === undefined || text === '' ? undefined : xmlSafe(text);
  }
  switch (column.type) {
    case 'string':
      if (!isScalar(value)) fail(cls, key, column, value);
      if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
      return value === '' ? undefined : xmlSafe(String(value));
    case 'boolean':
      if (typeof value !== 'boolean') fail(cls, key, column, value);
      return String(value);
    case 'integer':
    case 'long':
      if (typeof value !== 'number') fail(cls, key, column, value);
      if (!Number.isFinite(value)) return undefined;
      if (!Number.isInteger(value) || (column.type === 'integer' && Math.abs(value) > INT32_MAX)) {
        fail(cls, key, column, value);
      }
      return String(value);
    case 'double':
      if (typeof value !== 'number') fail(cls, key, column, value);
      return Number.isFinite(value) ? String(value) : undefined;
    case 'liststring': {
      const items = isListish(value) ? [...value] : [value];
      if (!items.every((x) => isScalar(x))) fail(cls, key, column, value);
      return formatGexfList(items.map((x) => xmlSafe(String(x))));
    }
  }
}
