/** The filter controls built from the loaded graph: the kind legend, the relation toggles, the community choice. */
import { byId, clear, el } from './dom.js';
import type { ViewState } from './hash-state.js';
import { kindCounts, type NodeView, type ViewGraph } from './model.js';
import { nodePasses, type Scope } from './scope.js';
import type { Period } from '../../src/query/attested.js';
import { edgeIndexOf } from './edge-index.js';

/** What the filter controls read and call of the application. */
export interface FiltersHost {
  readonly graph: ViewGraph | null;
  readonly scope: Scope | null;
  state: ViewState;
  /** Per relation, the edges the legend counts (see shownMasks). */
  readonly relationCounted: Map<string, number>;
  period(): Period | null;
  /** The state changed what is shown: the view follows. */
  commit(): void;
  t(key: string, vars?: Record<string, string | number>): string;
}

/** The community choices of the loaded graph, largest first, with their sizes. */
export function buildCommunities(host: FiltersHost): void {
  const sel = byId<HTMLSelectElement>('community-filter');
  const sizes = new Map<number, number>();
  host.graph?.forEachNode((_n, a) => {
    if (a.community !== null) sizes.set(a.community, (sizes.get(a.community) ?? 0) + 1);
  });
  const opts = [...sizes].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c, n]) => el('option', { attrs: { value: String(c) } }, `${c} (${n})`));
  sel.replaceChildren(sel.options[0]!, ...opts);
  sel.disabled = sizes.size === 0;
  sel.value = host.state.community === null ? '' : String(host.state.community);
}

/** The kind legend and the relation toggles, with their counts. */
export function buildFilters(host: FiltersHost): void {
  const g = host.graph;
  const legend = byId('legend');
  const rels = byId('relations');
  clear(legend);
  clear(rels);
  if (!g) return;
  const state = host.state;
  // Counts follow the other filters, the focus and the path (a hidden kind or relation counts what it would add).
  const sc = host.scope;
  const period = host.period();
  const narrowed = !!sc && (sc.focus !== null || sc.edges !== null);
  const nodeCounted = (n: string, a: NodeView) =>
    !sc || sc.nodes.has(n) || (!narrowed && state.hiddenKinds.includes(a.kind) && nodePasses(a, state, period, true));
  const counted = host.relationCounted;
  for (const { kind, count, color } of kindCounts(g, nodeCounted)) {
    legend.append(toggle(host, 'kind', kind, host.t(`kind.${kind}`), count, color, !state.hiddenKinds.includes(kind), false));
  }
  for (const { relation, color } of edgeIndexOf(g).legend) {
    const count = counted.get(relation) ?? 0;
    rels.append(toggle(host, 'relation', relation, host.t(`relation.${relation}`), count, color, !state.hiddenRelations.includes(relation), true));
  }
}

function toggle(
  host: FiltersHost,
  what: 'kind' | 'relation',
  value: string,
  text: string,
  count: number,
  color: string,
  checked: boolean,
  line: boolean,
): HTMLElement {
  const box = el('input', { attrs: { type: 'checkbox', 'data-toggle': what, value } });
  box.checked = checked;
  box.addEventListener('change', () => {
    const key = what === 'kind' ? 'hiddenKinds' : 'hiddenRelations';
    const cur = new Set(host.state[key]);
    if (box.checked) cur.delete(value);
    else cur.add(value);
    host.state = { ...host.state, [key]: [...cur].sort() };
    host.commit();
  });
  const sw = el('span', { class: line ? 'swatch line' : 'swatch' });
  sw.style.background = color;
  return el('li', {}, el('label', {}, box, sw, el('span', {}, text), el('span', { class: 'count' }, String(count))));
}
