/** The focus breadcrumb and the path panel (DOM built from data; every label is inserted as text). */
import { el } from './dom.js';
import type { ViewState } from './hash-state.js';
import type { Scope } from './scope.js';
import { evidenceList, pending, type PanelContext } from './panel.js';
import { RELATION_COLORS, OTHER_COLOR } from './model.js';

export interface BenchContext extends PanelContext {
  focusTrail: (i: number) => void;
  setDepth: (depth: number) => void;
  clearPath: () => void;
  swapPath: () => void;
}

/** 全图 › A › B, the last one current, and the depth 1–3. */
export function focusBar(ctx: BenchContext, state: ViewState, scope: Scope): Node[] {
  if (state.focus.length === 0) return [];
  const g = ctx.graph;
  const crumbs: Node[] = [
    el('button', { class: 'link crumb', attrs: { type: 'button', 'data-crumb': '-1' }, onClick: () => ctx.focusTrail(-1) }, ctx.t('focus.all')),
  ];
  state.focus.forEach((k, i) => {
    crumbs.push(el('span', { class: 'sep' }, '›'));
    const label = g.hasNode(k) ? g.getNodeAttribute(k, 'label') : k;
    crumbs.push(
      i === state.focus.length - 1
        ? el('span', { class: 'crumb current', attrs: { 'data-crumb': String(i), 'data-node': k } }, label)
        : el('button', { class: 'link crumb', attrs: { type: 'button', 'data-crumb': String(i), 'data-node': k }, onClick: () => ctx.focusTrail(i) }, label),
    );
  });
  const depth = el(
    'select',
    { attrs: { id: 'focus-depth', 'aria-label': ctx.t('focus.depth') } },
    ...[1, 2, 3].map((d) => el('option', { attrs: { value: String(d) } }, String(d))),
  );
  depth.value = String(state.depth);
  depth.addEventListener('change', () => ctx.setDepth(Number(depth.value)));
  return [
    el('span', { class: 'focus-label' }, `${ctx.t('focus.label')}:`),
    ...crumbs,
    el('label', { class: 'focus-depth' }, `${ctx.t('focus.depth')} `, depth),
    el('span', { class: 'count' }, String(scope.nodes.size)),
  ];
}

function nodeButton(ctx: BenchContext, key: string): HTMLElement {
  const g = ctx.graph;
  return el(
    'button',
    { class: 'link node-link', attrs: { type: 'button', 'data-node': key }, onClick: () => ctx.selectNode(key) },
    g.hasNode(key) ? g.getNodeAttribute(key, 'label') : key,
  );
}

function hopEvidence(ctx: BenchContext, edge: string, names: string[]): Node[] {
  const d = ctx.details('e', edge);
  return typeof d === 'object' && d !== null ? evidenceList(ctx, d.evidence, names, false, 2) : [pending(ctx, d)];
}

/** The path between the two chosen ends: each hop with its relation and evidence. */
export function pathPanel(ctx: BenchContext, state: ViewState, scope: Scope): Node[] {
  if (!state.pathFrom && !state.pathTo) return [];
  const out: Node[] = [
    el(
      'button',
      {
        class: 'close',
        attrs: { type: 'button', 'aria-label': ctx.t('path.clear'), id: 'path-clear' },
        title: ctx.t('path.clear'),
        onClick: () => ctx.clearPath(),
      },
      '×',
    ),
    el('h2', {}, ctx.t('path.title')),
  ];
  const ends = el('p', { class: 'ends' }, state.pathFrom ? nodeButton(ctx, state.pathFrom) : '?', ' ⇢ ', state.pathTo ? nodeButton(ctx, state.pathTo) : '?');
  if (state.pathFrom && state.pathTo)
    ends.append(' ', el('button', { class: 'link', attrs: { type: 'button', id: 'path-swap' }, onClick: () => ctx.swapPath() }, ctx.t('path.swap')));
  out.push(ends);
  if (!state.pathFrom || !state.pathTo) {
    out.push(el('p', { class: 'hint' }, ctx.t('path.pick')));
    return out;
  }
  const path = scope.path;
  if (!path) {
    out.push(el('p', { class: 'hint', attrs: { id: 'path-none' } }, ctx.t('path.none')));
    return out;
  }
  out.push(el('p', { class: 'hint' }, ctx.t('path.hops', { n: path.hops.length }), path.usesCoOccurs ? ` · ${ctx.t('path.co')}` : ''));
  const ol = el('ol', { class: 'hops' });
  for (const hop of path.hops) {
    const e = ctx.graph.getEdgeAttributes(hop.edge.key);
    const sw = el('span', { class: 'swatch line' });
    sw.style.background = RELATION_COLORS[e.relation] ?? OTHER_COLOR;
    const arrow = hop.edge.direction === 'out' ? '→' : hop.edge.direction === 'in' ? '←' : '—';
    const names = [hop.from.key, hop.to.key].flatMap((k) => {
      const a = ctx.graph.getNodeAttributes(k);
      return [a.label, ...a.aliases];
    });
    ol.append(
      el(
        'li',
        { class: 'hop', attrs: { 'data-edge': hop.edge.key, 'data-relation': e.relation } },
        el(
          'div',
          { class: 'hop-head' },
          nodeButton(ctx, hop.from.key),
          ` ${arrow} `,
          nodeButton(ctx, hop.to.key),
          ' ',
          sw,
          el(
            'button',
            { class: 'link edge-label', attrs: { type: 'button' }, onClick: () => ctx.selectEdge(hop.edge.key) },
            `${ctx.t(`relation.${e.relation}`)} · ${e.label}`,
          ),
        ),
        ...hopEvidence(ctx, hop.edge.key, names),
      ),
    );
  }
  out.push(ol);
  return out;
}
