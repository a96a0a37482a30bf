/**
 * The data table: the nodes or edges in view as rows, sorted and searched, and their CSV (Papa Parse's
 * writer: RFC 4180 quoting, and cells that a spreadsheet would run as a formula — starting with = + - @,
 * tab or CR — get a leading apostrophe). Pure: no DOM.
 */
import Papa from 'papaparse';
import { edgePasses, periodOf, type Scope } from './scope.js';
import type { ViewState } from './hash-state.js';
import type { ViewGraph } from './model.js';

export type TableKind = 'nodes' | 'edges';
export type Cell = string | number;

export interface Row {
  key: string;
  cells: Cell[];
}

/** Column ids (also the i18n keys `table.col.<id>`); numeric ones sort as numbers, largest first on the first click. */
export const COLUMNS: Record<TableKind, readonly string[]> = {
  nodes: ['label', 'kind', 'degree', 'mentions', 'articles'],
  edges: ['relation', 'label', 'source', 'target', 'weight'],
};
export const NUMERIC = new Set(['degree', 'mentions', 'articles', 'weight']);

/** Rows of what the view shows (scope), in graph order. */
export function tableRows(g: ViewGraph, kind: TableKind, scope: Scope, state: ViewState): Row[] {
  const rows: Row[] = [];
  if (kind === 'nodes') {
    g.forEachNode((n, a) => {
      if (scope.nodes.has(n)) rows.push({ key: n, cells: [a.label, a.kind, a.degree, a.mentions, a.articleCount] });
    });
    return rows;
  }
  const period = periodOf(state);
  g.forEachEdge((e, a, s, t) => {
    if (!scope.nodes.has(s) || !scope.nodes.has(t)) return;
    if (scope.edges ? !scope.edges.has(e) : !edgePasses(a, state, period)) return;
    rows.push({ key: e, cells: [a.relation, a.label, g.getNodeAttribute(s, 'label'), g.getNodeAttribute(t, 'label'), a.weight] });
  });
  return rows;
}

/** Rows whose text cells contain `query` (trimmed; empty: all). */
export function searchRows(rows: readonly Row[], query: string): Row[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...rows];
  return rows.filter((r) => r.cells.some((c) => typeof c === 'string' && c.toLowerCase().includes(q)));
}

/** Sorted by column `col` (index), ties by key; stable and locale-independent. */
export function sortRows(rows: readonly Row[], col: number, desc: boolean): Row[] {
  const sign = desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a.cells[col]!;
    const y = b.cells[col]!;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
    return sign * c || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  });
}

/** Cells a spreadsheet would evaluate: = + - @ at the start, or a leading tab or carriage return. */
const FORMULA = /^[=+\-@\t\r]/u;

/** CSV of the rows with a header line (key first), CRLF line ends, a BOM so spreadsheets read UTF-8. */
export function toCsv(header: readonly string[], rows: readonly Row[]): string {
  return '\uFEFF' + Papa.unparse({ fields: ['key', ...header], data: rows.map((r) => [r.key, ...r.cells]) }, { escapeFormulae: FORMULA, newline: '\r\n' });
}
