/** The side panel: details of the selected node or edge, with evidence sentences and clickable relations. */
import { el } from './dom.js';
import { findNameSpans, markPieces } from './marks.js';
import { CO_OCCURS, RELATIONS, orderBy, RELATION_COLORS, OTHER_COLOR, type ArticleInfo, type Details, type EvidenceItem, type ViewGraph } from './model.js';

export interface PanelContext {
  graph: ViewGraph;
  articles: Map<string, ArticleInfo>;
  t: (key: string, vars?: Record<string, string | number>) => string;
  kindColor: (kind: string) => string;
  /**
   * Evidence, articles and URL of a node ('n') or edge ('e'): null while they are being loaded (a render
   * graph keeps them in shards; the caller draws the panel again once they are there), or a string: why they cannot be.
   */
  details: (what: 'n' | 'e', key: string) => Details | null | string;
  selectNode: (node: string) => void;
  selectEdge: (edge: string) => void;
  close: () => void;
  /** Focus (ego network) and path ends; absent: no such buttons. */
  focusOn?: (node: string) => void;
  setPathEnd?: (end: 'from' | 'to', node: string) => void;
}

const MAX_ROWS = 40;
const MAX_EVIDENCE = 8;

function field(name: string, value: Node | string): Node[] {
  return [el('dt', {}, name), el('dd', {}, value)];
}

/** First and last date attested (or the one date). */
function dateSpan(dates: readonly string[]): string {
  return dates.length <= 1 ? (dates[0] ?? '') : `${dates[0]} – ${dates[dates.length - 1]}`;
}

function kindBadge(ctx: PanelContext, kind: string): HTMLElement {
  const b = el('span', { class: 'badge', attrs: { 'data-kind': kind } }, ctx.t(`kind.${kind}`));
  b.style.background = ctx.kindColor(kind);
  return b;
}

/** An article's title, as a link to its URL when it has one (new tab, no opener, no referrer). */
function articleTitle(ctx: PanelContext, id: string, quoted = false): Node {
  const a = ctx.articles.get(id);
  const title = a ? (quoted ? `《${a.title}》` : a.title) : id;
  if (!a?.url) return document.createTextNode(title);
  return el('a', { attrs: { href: a.url, target: '_blank', rel: 'noopener noreferrer' } }, title);
}

function articleList(ctx: PanelContext, ids: readonly string[]): Node {
  if (ids.length === 0) return document.createTextNode(ctx.t('panel.none'));
  // In date order (undated last), then as stored.
  const key = (id: string) => ctx.articles.get(id)?.date ?? '\uffff';
  const sorted = [...ids].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  return el(
    'ul',
    {},
    ...sorted.map((id) => {
      const date = ctx.articles.get(id)?.date;
      return el('li', {}, date ? el('span', { class: 'date' }, date) : null, date ? ' ' : null, articleTitle(ctx, id));
    }),
  );
}

function sentence(item: EvidenceItem, fallbackNames: readonly string[]): HTMLElement {
  const spans = item.spans.length > 0 ? item.spans : findNameSpans(item.sentence, fallbackNames);
  const span = el('span', { class: 'sentence' });
  for (const p of markPieces(item.sentence, spans)) span.append(p.mark ? el('mark', {}, p.text) : document.createTextNode(p.text));
  return span;
}

/** Evidence sentences with their sources (at most `max`, then "n more"); a heading with the count unless `heading` is false. */
export function evidenceList(ctx: PanelContext, items: readonly EvidenceItem[], names: readonly string[], heading = true, max = MAX_EVIDENCE): Node[] {
  const out: Node[] = heading ? [el('h3', {}, `${ctx.t('panel.evidence')} (${items.length})`)] : [];
  if (items.length === 0) {
    out.push(el('p', { class: 'hint' }, ctx.t('panel.none')));
    return out;
  }
  const ul = el('ul', { class: 'evidence' });
  for (const item of items.slice(0, max)) {
    const a = ctx.articles.get(item.article);
    const date = item.date ?? a?.date;
    const source =
      a || item.article
        ? el(
            'span',
            { class: 'source' },
            date ? el('span', { class: 'date' }, date) : null,
            articleTitle(ctx, item.article, true),
            a?.section ? ` ${a.section}` : null,
          )
        : null;
    ul.append(el('li', { attrs: date ? { 'data-date': date } : {} }, sentence(item, names), source));
  }
  out.push(ul);
  if (items.length > max) out.push(el('p', { class: 'hint' }, ctx.t('panel.more', { n: items.length - max })));
  return out;
}

/** What stands for evidence or articles not loaded yet (or not loadable: the reason). */
export function pending(ctx: PanelContext, state: null | string): HTMLElement {
  return state === null
    ? el('p', { class: 'hint loading' }, ctx.t('panel.loading'))
    : el('p', { class: 'hint load-error' }, ctx.t('panel.loadError', { reason: state }));
}

function header(ctx: PanelContext, title: string): Node[] {
  return [
    el(
      'button',
      { class: 'close', attrs: { type: 'button', 'aria-label': ctx.t('panel.close') }, title: ctx.t('panel.close'), onClick: () => ctx.close() },
      '×',
    ),
    el('h2', { class: 'title' }, title),
  ];
}

function names(ctx: PanelContext, node: string): string[] {
  const a = ctx.graph.getNodeAttributes(node);
  return [a.label, ...a.aliases];
}

export function nodePanel(ctx: PanelContext, node: string): Node[] {
  const g = ctx.graph;
  const a = g.getNodeAttributes(node);
  const d = ctx.details('n', node);
  const ready = typeof d === 'object' && d !== null ? d : null;
  const dl = el(
    'dl',
    {},
    ...field(ctx.t('panel.kind'), kindBadge(ctx, a.kind)),
    ...field(ctx.t('panel.aliases'), a.aliases.length ? a.aliases.join('、') : ctx.t('panel.none')),
    ...field(ctx.t('panel.mentions'), String(a.mentions)),
    ...(a.dates.length ? field(ctx.t('panel.date'), dateSpan(a.dates)) : []),
    ...field(ctx.t('panel.degree'), String(a.degree)),
    ...(a.community !== null ? field(ctx.t('panel.community'), String(a.community)) : []),
    ...field(ctx.t('panel.articles'), ready ? articleList(ctx, ready.articles) : `${a.articleCount}`),
    ...(ready?.url
      ? field(ctx.t('panel.url'), el('a', { class: 'url', attrs: { href: ready.url, target: '_blank', rel: 'noopener noreferrer' } }, ready.url))
      : []),
  );

  // Relations grouped by type: typed relations first, co-occurrence last.
  const groups = new Map<string, { edge: string; other: string; dir: string; label: string }[]>();
  g.forEachEdge(node, (edge, e, source, target) => {
    const other = source === node ? target : source;
    const dir = !e.directed ? '—' : source === node ? '→' : '←';
    const list = groups.get(e.relation) ?? [];
    list.push({ edge, other, dir, label: e.relation === CO_OCCURS ? `×${e.weight}` : e.label });
    groups.set(e.relation, list);
  });
  const rel: Node[] = [el('h3', {}, `${ctx.t('panel.relations')} (${g.degree(node)})`)];
  for (const relation of orderBy([...groups.keys()], RELATIONS)) {
    const rows = groups.get(relation)!;
    rows.sort((x, y) => {
      const lx = g.getNodeAttribute(x.other, 'label');
      const ly = g.getNodeAttribute(y.other, 'label');
      return lx < ly ? -1 : lx > ly ? 1 : x.edge < y.edge ? -1 : 1;
    });
    const sw = el('span', { class: 'swatch line' });
    sw.style.background = RELATION_COLORS[relation] ?? OTHER_COLOR;
    const ul = el('ul', {});
    for (const r of rows.slice(0, MAX_ROWS)) {
      ul.append(
        el(
          'li',
          { class: 'rel-row', attrs: { 'data-edge': r.edge, 'data-node': r.other } },
          el('span', { class: 'dir' }, r.dir),
          el('button', { class: 'link node-link', attrs: { type: 'button' }, onClick: () => ctx.selectNode(r.other) }, g.getNodeAttribute(r.other, 'label')),
          el('button', { class: 'link edge-label', attrs: { type: 'button' }, onClick: () => ctx.selectEdge(r.edge) }, r.label),
        ),
      );
    }
    const group = el(
      'div',
      { class: 'rel-group', attrs: { 'data-relation': relation } },
      el('h4', {}, sw, `${ctx.t(`relation.${relation}`)} (${rows.length})`),
      ul,
    );
    if (rows.length > MAX_ROWS) group.append(el('p', { class: 'hint' }, ctx.t('panel.more', { n: rows.length - MAX_ROWS })));
    rel.push(group);
  }
  const actions = el('div', { class: 'actions' });
  const focusOn = ctx.focusOn;
  const setPathEnd = ctx.setPathEnd;
  if (focusOn)
    actions.append(
      el('button', { attrs: { type: 'button', id: 'focus-node' }, title: ctx.t('focus.title'), onClick: () => focusOn(node) }, ctx.t('focus.button')),
    );
  if (setPathEnd) {
    actions.append(el('button', { attrs: { type: 'button', id: 'path-from' }, onClick: () => setPathEnd('from', node) }, ctx.t('path.from')));
    actions.append(el('button', { attrs: { type: 'button', id: 'path-to' }, onClick: () => setPathEnd('to', node) }, ctx.t('path.to')));
  }
  const evidence = ready ? evidenceList(ctx, ready.evidence, names(ctx, node)) : [el('h3', {}, ctx.t('panel.evidence')), pending(ctx, d as null | string)];
  return [...header(ctx, a.label), actions, dl, ...rel, ...evidence];
}

export function edgePanel(ctx: PanelContext, edge: string): Node[] {
  const g = ctx.graph;
  const e = g.getEdgeAttributes(edge);
  const d = ctx.details('e', edge);
  const ready = typeof d === 'object' && d !== null ? d : null;
  const source = g.source(edge);
  const target = g.target(edge);
  const link = (n: string): HTMLElement =>
    el('button', { class: 'link node-link', attrs: { type: 'button', 'data-node': n }, onClick: () => ctx.selectNode(n) }, g.getNodeAttribute(n, 'label'));
  const ends = el('p', { class: 'ends' }, link(source), ` ${e.directed ? '→' : '—'} `, link(target));
  const dl = el(
    'dl',
    {},
    ...field(ctx.t('panel.relation'), ctx.t(`relation.${e.relation}`)),
    ...field(ctx.t('panel.label'), e.label),
    ...field(ctx.t('panel.weight'), String(e.weight)),
    ...(e.dates.length ? field(ctx.t('panel.date'), dateSpan(e.dates)) : []),
    ...field(ctx.t('panel.articles'), ready ? articleList(ctx, ready.articles) : `${e.articleCount}`),
  );
  const evidence = ready
    ? evidenceList(ctx, ready.evidence, [...names(ctx, source), ...names(ctx, target)])
    : [el('h3', {}, ctx.t('panel.evidence')), pending(ctx, d as null | string)];
  return [...header(ctx, e.label), ends, dl, ...evidence];
}
