/**
 * The data table's DOM: the nodes or edges in view (table.ts builds the rows), its tabs, sorting, search
 * and CSV download. Its state (open, tab, sorted column, search) lives in the URL (state.table).
 */
import { byId, el } from './dom.js';
import { download } from './export-controls.js';
import type { ViewState } from './hash-state.js';
import type { ViewGraph } from './model.js';
import type { Scope } from './scope.js';
import { COLUMNS, NUMERIC, searchRows, sortRows, tableRows, toCsv, type Row, type TableKind } from './table.js';

const TABLE_ROWS = 500;

/** The table's state as the controls see it (in the URL as state.table; closed: null). */
interface TableState {
  open: boolean;
  kind: TableKind;
  col: number;
  desc: boolean;
  query: string;
}

/** What the table reads and calls of the application. */
export interface TableHost {
  readonly graph: ViewGraph | null;
  readonly scope: Scope | null;
  state: ViewState;
  t(key: string, vars?: Record<string, string | number>): string;
  /** The URL follows the state. */
  writeHash(): void;
  selectNode(node: string, center: boolean): void;
  selectEdge(edge: string): void;
}

export class TableView {
  /** The rows the table shows now (searched and sorted), all of them: the CSV exports these. */
  private shown: Row[] = [];

  constructor(private readonly host: TableHost) {}

  get open(): boolean {
    return this.host.state.table !== null;
  }

  private get table(): TableState {
    const t = this.host.state.table;
    const kind: TableKind = t?.kind ?? 'nodes';
    const at = t?.sort ? COLUMNS[kind].indexOf(t.sort) : -1;
    return { open: t !== null, kind, col: at >= 0 ? at : kind === 'nodes' ? 2 : 4, desc: at >= 0 ? t!.desc : true, query: t?.query ?? '' };
  }

  private set table(v: TableState) {
    const host = this.host;
    host.state = { ...host.state, table: v.open ? { kind: v.kind, sort: COLUMNS[v.kind][v.col] ?? null, desc: v.desc, query: v.query } : null };
    host.writeHash();
  }

  render(): void {
    const { host } = this;
    const box = byId('table');
    box.hidden = !this.table.open;
    box.parentElement!.classList.toggle('table-open', this.table.open);
    byId('table-toggle').setAttribute('aria-pressed', String(this.table.open));
    const g = host.graph;
    if (!this.table.open || !g || !host.scope) return;
    const { kind, col, desc, query } = this.table;
    const search = byId<HTMLInputElement>('table-search');
    if (search.value !== query) search.value = query;
    for (const b of document.querySelectorAll<HTMLElement>('#table-head .tab')) b.setAttribute('aria-pressed', String(b.dataset.table === kind));
    const cols = COLUMNS[kind];
    const head = byId('table-grid').querySelector('thead tr')!;
    head.replaceChildren(
      ...cols.map((c, i) => {
        const th = el('th', { class: NUMERIC.has(c) ? 'num' : '', attrs: { 'data-col': String(i), scope: 'col' } }, host.t(`table.col.${c}`));
        if (i === col) th.setAttribute('aria-sort', desc ? 'descending' : 'ascending');
        th.addEventListener('click', () => {
          this.table = { ...this.table, col: i, desc: i === col ? !desc : NUMERIC.has(c) };
          this.render();
        });
        return th;
      }),
    );
    const all = tableRows(g, kind, host.scope, host.state);
    this.shown = sortRows(searchRows(all, query), col, desc);
    const selected = kind === 'nodes' ? host.state.node : host.state.edge;
    const body = byId('table-grid').querySelector('tbody')!;
    body.replaceChildren(
      ...this.shown.slice(0, TABLE_ROWS).map((r) => {
        const tr = el(
          'tr',
          { class: r.key === selected ? 'selected' : '', attrs: { 'data-key': r.key } },
          ...r.cells.map((c, i) =>
            el(
              'td',
              { class: NUMERIC.has(cols[i]!) ? 'num' : '' },
              kind === 'nodes' && i === 1 ? host.t(`kind.${c}`) : kind === 'edges' && i === 0 ? host.t(`relation.${c}`) : String(c),
            ),
          ),
        );
        tr.addEventListener('click', () => (kind === 'nodes' ? host.selectNode(r.key, true) : host.selectEdge(r.key)));
        return tr;
      }),
    );
    const more = this.shown.length - TABLE_ROWS;
    const foot = byId('table-grid').querySelector('tfoot') ?? byId('table-grid').appendChild(el('tfoot', {}));
    foot.replaceChildren(...(more > 0 ? [el('tr', {}, el('td', { attrs: { colspan: String(cols.length) } }, host.t('table.more', { n: more })))] : []));
    byId('table-count').textContent = host.t('table.count', { shown: this.shown.length, total: all.length });
    byId('table').dataset.rows = String(this.shown.length);
  }

  /** The visible rows as CSV (what the table shows, searched and sorted; not only the first rows drawn). */
  csv(): string {
    return toCsv(COLUMNS[this.table.kind], this.shown);
  }

  wire(): void {
    byId('table-toggle').addEventListener('click', () => {
      this.table = { ...this.table, open: !this.table.open };
      this.render();
    });
    byId('table-close').addEventListener('click', () => {
      this.table = { ...this.table, open: false };
      this.render();
    });
    for (const b of document.querySelectorAll<HTMLElement>('#table-head .tab')) {
      b.addEventListener('click', () => {
        const kind: TableKind = b.dataset.table === 'edges' ? 'edges' : 'nodes';
        if (kind !== this.table.kind) this.table = { ...this.table, kind, col: kind === 'nodes' ? 2 : 4, desc: true };
        this.render();
      });
    }
    const search = byId<HTMLInputElement>('table-search');
    search.addEventListener('input', () => {
      this.table = { ...this.table, query: search.value };
      this.render();
    });
    byId('table-csv').addEventListener('click', () => {
      download(`zhkg-${this.table.kind}.csv`, new Blob([this.csv()], { type: 'text/csv;charset=utf-8' }));
    });
  }
}
