/**
 * The shareable part of the view lives in the URL hash: selected node or edge, hidden kinds and
 * relations, colour and size modes, label density, language, the time range (`from`, `to`: ISO days), the
 * focus trail and depth, the path ends, attribute ranges and a community, and the data table (open tab, sorted
 * column and direction, search). Parsing is lenient (a hand-edited URL
 * falls back to defaults) and serializing is canonical (sorted lists, defaults omitted).
 */

import { isIsoDay } from './timeline.js';

export type ColorBy = 'kind' | 'community';
export type SizeBy = 'size' | 'degree' | 'pagerank';
export type Lang = 'zh' | 'en';

export interface ViewState {
  node: string | null;
  edge: string | null;
  hiddenKinds: string[];
  hiddenRelations: string[];
  colorBy: ColorBy;
  sizeBy: SizeBy;
  /** 0 (fewest labels) … 4 (all labels) */
  labels: number;
  lang: Lang;
  /** Time range shown (inclusive ISO days); null: open. */
  from: string | null;
  to: string | null;
  /** Focus trail: the last key is the focused node (its ego network is shown), earlier ones the breadcrumb. */
  focus: string[];
  /** Ego-network depth of the focus, 1–3. */
  depth: number;
  /** Path ends (node keys): both set, the shortest path between them is shown. */
  pathFrom: string | null;
  pathTo: string | null;
  /** Attribute ranges (inclusive; null bound: open). */
  ranges: Record<RangeKey, Range>;
  /** Only this community (null: all). */
  community: number | null;
  /** The data table when open: `#table=nodes&sort=-degree&tq=嘎查` (sort: a column id, `-` first: descending). */
  table: TableState | null;
}

export interface TableState {
  kind: 'nodes' | 'edges';
  /** Column id (table.ts COLUMNS); null: the default (degree, weight). */
  sort: string | null;
  desc: boolean;
  query: string;
}

export const RANGE_KEYS = ['degree', 'mentions', 'confidence'] as const;
export type RangeKey = (typeof RANGE_KEYS)[number];
export interface Range {
  min: number | null;
  max: number | null;
}

function openRanges(): Record<RangeKey, Range> {
  return { degree: { min: null, max: null }, mentions: { min: null, max: null }, confidence: { min: null, max: null } };
}

/** `min..max` with either side empty; null bounds for anything unreadable. */
function parseRange(v: string | null): Range {
  const r: Range = { min: null, max: null };
  if (!v) return r;
  const m = /^(-?[0-9.]*)\.\.(-?[0-9.]*)$/u.exec(v);
  if (!m) return r;
  const n = (t: string | undefined) => (t === undefined || t === '' || !Number.isFinite(Number(t)) ? null : Number(t));
  r.min = n(m[1]);
  r.max = n(m[2]);
  if (r.min !== null && r.max !== null && r.min > r.max) [r.min, r.max] = [r.max, r.min];
  return r;
}

function formatRange(r: Range): string | null {
  return r.min === null && r.max === null ? null : `${r.min ?? ''}..${r.max ?? ''}`;
}

export const DEFAULT_LABELS = 1;

export function defaultViewState(): ViewState {
  return {
    node: null,
    edge: null,
    hiddenKinds: [],
    hiddenRelations: [],
    colorBy: 'kind',
    sizeBy: 'size',
    labels: DEFAULT_LABELS,
    lang: 'zh',
    from: null,
    to: null,
    focus: [],
    depth: 1,
    pathFrom: null,
    pathTo: null,
    ranges: openRanges(),
    community: null,
    table: null,
  };
}

function list(v: string | null): string[] {
  if (!v) return [];
  return [...new Set(v.split(',').filter((s) => s !== ''))].sort();
}

export function parseHash(hash: string): ViewState {
  const s = defaultViewState();
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  s.node = p.get('node') || null;
  s.edge = p.get('edge') || null;
  s.hiddenKinds = list(p.get('hideKinds'));
  s.hiddenRelations = list(p.get('hideRelations'));
  const color = p.get('color');
  if (color === 'kind' || color === 'community') s.colorBy = color;
  const size = p.get('size');
  if (size === 'size' || size === 'degree' || size === 'pagerank') s.sizeBy = size;
  const labels = Number(p.get('labels'));
  if (p.has('labels') && Number.isInteger(labels) && labels >= 0 && labels <= 4) s.labels = labels;
  const lang = p.get('lang');
  if (lang === 'zh' || lang === 'en') s.lang = lang;
  const day = (v: string | null) => (isIsoDay(v) ? v : null);
  s.from = day(p.get('from'));
  s.to = day(p.get('to'));
  if (s.from && s.to && s.from > s.to) [s.from, s.to] = [s.to, s.from];
  s.focus = p.getAll('focus').filter((k) => k !== '');
  const depth = Number(p.get('depth'));
  if (Number.isInteger(depth) && depth >= 1 && depth <= 3) s.depth = depth;
  s.pathFrom = p.get('pathFrom') || null;
  s.pathTo = p.get('pathTo') || null;
  for (const k of RANGE_KEYS) s.ranges[k] = parseRange(p.get(k));
  const community = p.get('community');
  if (community !== null && /^\d+$/u.test(community)) s.community = Number(community);
  const table = p.get('table');
  if (table === 'nodes' || table === 'edges') {
    const sort = p.get('sort');
    s.table = { kind: table, sort: sort ? sort.replace(/^-/u, '') || null : null, desc: sort ? sort.startsWith('-') : true, query: p.get('tq') ?? '' };
  }
  return s;
}

export function formatHash(s: ViewState): string {
  const d = defaultViewState();
  const p = new URLSearchParams();
  if (s.node) p.set('node', s.node);
  if (s.edge) p.set('edge', s.edge);
  if (s.hiddenKinds.length) p.set('hideKinds', [...new Set(s.hiddenKinds)].sort().join(','));
  if (s.hiddenRelations.length) p.set('hideRelations', [...new Set(s.hiddenRelations)].sort().join(','));
  if (s.colorBy !== d.colorBy) p.set('color', s.colorBy);
  if (s.sizeBy !== d.sizeBy) p.set('size', s.sizeBy);
  if (s.labels !== d.labels) p.set('labels', String(s.labels));
  if (s.lang !== d.lang) p.set('lang', s.lang);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  for (const k of s.focus) p.append('focus', k);
  if (s.depth !== d.depth) p.set('depth', String(s.depth));
  if (s.pathFrom) p.set('pathFrom', s.pathFrom);
  if (s.pathTo) p.set('pathTo', s.pathTo);
  for (const k of RANGE_KEYS) {
    const r = formatRange(s.ranges[k]);
    if (r) p.set(k, r);
  }
  if (s.community !== null) p.set('community', String(s.community));
  if (s.table) {
    p.set('table', s.table.kind);
    if (s.table.sort) p.set('sort', `${s.table.desc ? '-' : ''}${s.table.sort}`);
    if (s.table.query) p.set('tq', s.table.query);
  }
  const out = p.toString();
  return out === '' ? '' : `#${out}`;
}
