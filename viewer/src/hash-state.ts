/**
 * The shareable part of the view lives in the URL hash: selected node or edge, hidden kinds and
 * relations, colour and size modes, label density, language, and the time range (`from`, `to`: ISO days). Parsing is lenient (a hand-edited URL
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
}

export const DEFAULT_LABELS = 1;

export function defaultViewState(): ViewState {
  return { node: null, edge: null, hiddenKinds: [], hiddenRelations: [], colorBy: 'kind', sizeBy: 'size', labels: DEFAULT_LABELS, lang: 'zh', from: null, to: null };
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
  const out = p.toString();
  return out === '' ? '' : `#${out}`;
}
