/**
 * Loading a graph file for querying: graphology JSON (our `graph.json`) or GEXF (ours, Gephi's,
 * networkx's …). The format is detected from the content, not the file name, because users rename
 * files and tools write GEXF as .xml.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import Graph from 'graphology';
import type { Attributes, SerializedGraph } from 'graphology-types';
import { DOMParser, Document as XmlDocument } from '@xmldom/xmldom';
import { InputError } from '../errors.js';
// The export's encodings (r/g/b colours, thickness, undirected flag) are undone by the export module.
import { restoreGexfGraph } from '../export/gexf-restore.js';
import type { QueryGraph } from './attributes.js';
import { toStringList } from './attributes.js';

/** Default cap on graph file size: far above any graph zhkg builds, well below V8's string limit. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

export interface LoadOptions {
  /** Refuse files larger than this many bytes (default 256 MiB). */
  maxBytes?: number;
}

export type GraphFormat = 'json' | 'gexf';

/** Which format a file's text holds, from its first non-blank character; null when neither. */
export function detectFormat(text: string): GraphFormat | null {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return 'json';
  if (head.startsWith('<')) return 'gexf';
  return null;
}

/** Reads and parses a graph file. Every failure is an InputError naming the file. */
export function loadGraph(path: string, options: LoadOptions = {}): QueryGraph {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new InputError('not a file', path);
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError('cannot read graph file (no such file or not readable)', path);
  }
  if (size > maxBytes) {
    throw new InputError(`graph file is ${size} bytes, over the limit of ${maxBytes} bytes`, path);
  }
  const text = readFileSync(path, 'utf8');
  return parseGraph(text, path);
}

/** Parses graph text (JSON or GEXF). `where` names the source in error messages. */
export function parseGraph(text: string, where = '<graph>'): QueryGraph {
  const format = detectFormat(text);
  if (format === 'json') return normalize(parseJsonGraph(text, where));
  if (format === 'gexf') return normalize(parseGexfGraph(text, where));
  throw new InputError('not a graph file: expected graphology JSON or GEXF', where);
}

function parseJsonGraph(text: string, where: string): QueryGraph {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new InputError(`invalid JSON (${(err as Error).message})`, where);
  }
  const d = data as Partial<SerializedGraph>;
  if (typeof d !== 'object' || d === null || !Array.isArray(d.nodes)) {
    throw new InputError('JSON is not a graphology graph (no "nodes" array)', where);
  }
  if (d.edges !== undefined && !Array.isArray(d.edges)) {
    throw new InputError('JSON is not a graphology graph ("edges" is not an array)', where);
  }
  d.nodes.forEach((n, i) => {
    if (typeof n !== 'object' || n === null || (typeof n.key !== 'string' && typeof n.key !== 'number')) {
      throw new InputError(`node #${i} has no key`, where);
    }
  });
  // Honour the declared type (e.g. an undirected export) but always allow parallel edges, since a
  // zhkg graph links two entities by several relations.
  const type = d.options?.type ?? 'mixed';
  // graphology's own error for a bad type names no file: check here
  if (type !== 'mixed' && type !== 'directed' && type !== 'undirected') {
    throw new InputError(`JSON graph "options.type" must be mixed, directed or undirected, got ${JSON.stringify(type).slice(0, 40)}`, where);
  }
  const graph: QueryGraph = new Graph({ type, multi: true, allowSelfLoops: true });
  try {
    graph.import({ attributes: d.attributes ?? {}, nodes: d.nodes, edges: d.edges ?? [] } as SerializedGraph);
  } catch (err) {
    throw new InputError(`inconsistent graph JSON (${firstLine(err)})`, where);
  }
  return graph;
}

function parseGexfGraph(text: string, where: string): QueryGraph {
  let doc: XmlDocument;
  // Every XML error (not only fatal ones) aborts: graphology-gexf's own xmldom reads malformed XML
  // without complaint, and a half-read graph would answer queries wrongly.
  let problem = '';
  const parser = new DOMParser({
    onError: (level: string, message: string) => {
      if (level === 'warning') return;
      problem ||= message.replace(/^\[xmldom \w+\]\s*/, '');
      throw new Error(message);
    },
  });
  try {
    doc = parser.parseFromString(text.replace(/^\uFEFF/, ''), 'application/xml');
  } catch (err) {
    const loc = (err as { locator?: { lineNumber?: number; columnNumber?: number } }).locator;
    const at = loc?.lineNumber ? ` at line ${loc.lineNumber}, column ${loc.columnNumber ?? '?'}` : '';
    throw new InputError(`malformed XML${at}: ${firstLine(problem || firstLine(err))}`, where);
  }
  const root = doc.documentElement;
  if (!root || root.localName !== 'gexf') {
    throw new InputError(`not a GEXF file (root element <${root?.tagName ?? 'none'}>, expected <gexf>)`, where);
  }
  if (doc.getElementsByTagName('graph').length === 0) {
    throw new InputError('GEXF has no <graph> element', where);
  }
  // This xmldom follows the DOM (getAttribute of a missing attribute is null, not ''); the parser
  // expects '' for <attvalue for="x"/> without a value, which graphology-gexf itself writes.
  // Collected first: the node list is live, and every change would make it rescan the document.
  const live = doc.getElementsByTagName('attvalue');
  const missing = [];
  for (let i = 0; i < live.length; i++) if (!live.item(i)!.hasAttribute('value')) missing.push(live.item(i)!);
  for (const el of missing) el.setAttribute('value', '');
  try {
    return restoreGexfGraph(parseGexfDocument(Graph, doc, { allowUndeclaredAttributes: true }));
  } catch (err) {
    const why = firstLine(err)
      .replace(/^graphology-gexf\/parser:\s*/, '')
      .replace(/one of your gexf file edges points to an inexisting node.*/, 'an edge points to a node that does not exist');
    throw new InputError(`invalid GEXF (${why})`, where);
  }
}

type GexfDocumentParser = (graphClass: typeof Graph, source: XmlDocument, options?: { allowUndeclaredAttributes?: boolean }) => QueryGraph;

// graphology-gexf's parser factory (CommonJS, untyped) bound to the xmldom that already parsed the
// document strictly: graphology-gexf/node would parse the text a second time with its own older
// xmldom, doubling the load time of a large file (10k nodes: 23 s → 12 s).
const parseGexfDocument = (
  createRequire(import.meta.url)('graphology-gexf/common/parser.js') as (domParser: typeof DOMParser, document: typeof XmlDocument) => GexfDocumentParser
)(DOMParser, XmlDocument);

/**
 * Makes every graph look alike to the query functions: a mixed multi graph, list attributes as
 * arrays (GEXF may hand back "[a, b]" or "a|b" strings), numbers as numbers.
 */
function normalize(input: QueryGraph): QueryGraph {
  const graph: QueryGraph = input.type === 'mixed' && input.multi ? input : input.copy({ type: 'mixed', multi: true });
  graph.updateEachNodeAttributes((_key, attrs: Attributes) => {
    dropNaN(attrs);
    // also for arrays: graphology-gexf reads an empty liststring as ['']
    for (const name of ['aliases', 'articles']) if (name in attrs) attrs[name] = toStringList(attrs[name]);
    return attrs;
  });
  graph.updateEachEdgeAttributes((_key, attrs: Attributes) => {
    dropNaN(attrs);
    if ('articles' in attrs) attrs.articles = toStringList(attrs.articles);
    if (typeof attrs.weight === 'string' && Number.isFinite(Number(attrs.weight))) attrs.weight = Number(attrs.weight);
    return attrs;
  });
  return graph;
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return (msg.split('\n')[0] ?? msg).trim();
}

/** A GEXF value that lies about its type (integer "many") parses as NaN: treated as absent. */
function dropNaN(attrs: Attributes): void {
  for (const k of Object.keys(attrs)) if (typeof attrs[k] === 'number' && Number.isNaN(attrs[k])) delete attrs[k];
}
