/**
 * Reading node and edge attributes of a zhkg graph robustly.
 *
 * A graph may come from our JSON export (arrays intact), from our GEXF (lists may come back as
 * strings) or from another tool (networkx, Gephi), so every reader here tolerates missing or
 * differently typed attributes instead of trusting the schema.
 */
import type Graph from 'graphology';
import type { Attributes } from 'graphology-types';

/** Any graphology graph the query API accepts. */
export type QueryGraph = Graph<Attributes, Attributes, Attributes>;

/** The relation used for mere co-occurrence: weaker than every typed relation. */
export const CO_OCCURS = 'co_occurs';

/** An attribute as text: '' when absent, strings as they are, numbers and booleans written out, anything else as JSON. */
export function attrText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

/**
 * Normalizes a list attribute: a JSON array, a GEXF liststring such as "[a, b]", a '|'-joined
 * string ("a|b"), or a single value. Empty pieces are dropped.
 */
export function toStringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((v) => attrText(v).trim()).filter((v) => v !== '');
  const s = attrText(value).trim();
  if (s === '') return [];
  let body = s;
  if (body.startsWith('[') && body.endsWith(']')) {
    // A JSON array written as text (e.g. by a tool that stringifies lists).
    try {
      const parsed: unknown = JSON.parse(body);
      if (Array.isArray(parsed)) return toStringList(parsed);
    } catch {
      /* not JSON: a GEXF liststring "[a, b]" */
    }
    body = body.slice(1, -1);
  }
  const sep = body.includes('|') ? '|' : body.includes(',') ? ',' : null;
  const pieces = sep ? body.split(sep) : [body];
  return pieces.map((p) => p.trim().replace(/^(['"])(.*)\1$/, '$2')).filter((p) => p !== '');
}

/** The display name of a node: its `label`, else its key. */
export function nodeLabel(graph: QueryGraph, key: string): string {
  const label: unknown = graph.getNodeAttribute(key, 'label');
  return label === undefined || label === null || label === '' ? key : attrText(label);
}

/** The node's `kind` (PERSON, ORGANIZATION, PLACE, PROGRAM, ARTICLE), or '' when absent. */
export function nodeKind(graph: QueryGraph, key: string): string {
  const kind: unknown = graph.getNodeAttribute(key, 'kind');
  return attrText(kind);
}

export function nodeAliases(graph: QueryGraph, key: string): string[] {
  return toStringList(graph.getNodeAttribute(key, 'aliases'));
}

/** A numeric attribute, or undefined when absent or not a finite number. */
export function numberAttr(attrs: Attributes, name: string): number | undefined {
  const v: unknown = attrs[name];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** One edge, as the query API reports it (a hop of a neighborhood or a path). */
export interface EdgeInfo {
  key: string;
  source: string;
  target: string;
  /** The stored relation type (role, located_in, …, co_occurs); '' when the edge has none. */
  relation: string;
  /** Short Chinese label; for `role` the title itself (第一书记). */
  label: string;
  weight: number;
  /** The first supporting sentence, '' when none is stored. */
  evidence: string;
  articles: string[];
  undirected: boolean;
}

export function edgeInfo(graph: QueryGraph, edge: string): EdgeInfo {
  const a = graph.getEdgeAttributes(edge);
  let evidence: unknown = a.evidence;
  if ((evidence === undefined || evidence === '') && Array.isArray(a.evidenceList) && a.evidenceList.length > 0) {
    const first: unknown = a.evidenceList[0];
    evidence = typeof first === 'string' ? first : (first as { sentence?: unknown })?.sentence;
  }
  return {
    key: edge,
    source: graph.source(edge),
    target: graph.target(edge),
    relation: attrText(a.relation),
    label: attrText(a.label),
    weight: numberAttr(a, 'weight') ?? 1,
    evidence: attrText(evidence),
    articles: toStringList(a.articles),
    undirected: graph.isUndirected(edge),
  };
}

/** Is this a stated (typed) relation rather than mere co-occurrence? */
export function isTyped(e: EdgeInfo): boolean {
  return e.relation !== CO_OCCURS;
}

/** Code-point order: deterministic and independent of the host locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Order of edges between the same two nodes: typed relations first, then heavier, then by
 * relation, label and key so that the order never depends on insertion.
 */
export function compareEdges(a: EdgeInfo, b: EdgeInfo): number {
  return (
    Number(isTyped(b)) - Number(isTyped(a)) ||
    b.weight - a.weight ||
    compareStrings(a.relation, b.relation) ||
    compareStrings(a.label, b.label) ||
    compareStrings(a.key, b.key)
  );
}

/** Human text for an edge: the label for a role (第一书记), else relation and label. */
export function describeEdge(e: EdgeInfo): string {
  if (e.relation === CO_OCCURS) return `co_occurs×${e.weight}`;
  if (e.relation === '') return e.label || '(edge)';
  return e.label && e.label !== e.relation ? `${e.relation}:${e.label}` : e.relation;
}

/** A row of a graph's article table (graph attribute `articles`, written by the build). */
export interface ArticleRow {
  id: string;
  title?: string;
  url?: string;
  date?: string;
}

/** The article table of a graph by article id; empty when the graph has none (a GEXF). */
export function articleTable(graph: QueryGraph): Map<string, ArticleRow> {
  const out = new Map<string, ArticleRow>();
  const table: unknown = graph.getAttribute('articles');
  if (!Array.isArray(table)) return out;
  for (const row of table as Array<Record<string, unknown>>) {
    if (!row || typeof row !== 'object' || typeof row.id !== 'string') continue;
    out.set(row.id, {
      id: row.id,
      ...(typeof row.title === 'string' ? { title: row.title } : {}),
      ...(typeof row.url === 'string' ? { url: row.url } : {}),
      ...(typeof row.date === 'string' ? { date: row.date } : {}),
    });
  }
  return out;
}
