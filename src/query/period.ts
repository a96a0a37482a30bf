/**
 * Questions by period: the graph as attested between two dates. A node or edge is attested on the dates
 * of the articles it was found in (`dates`, written by the build; a GEXF from elsewhere may give only
 * `spells` or `first_seen`/`last_seen`). The period view keeps what is attested in [from, to], with its
 * dates, articles and evidence narrowed to the period, so every query (neighbors, path, holders, stats,
 * ego) answers for that period unchanged. Undated nodes and edges are not in any period.
 */
import type { Attributes } from 'graphology-types';
import type { QueryGraph } from './attributes.js';
import { articleTable, toStringList, type ArticleRow } from './attributes.js';
import { cachedView } from './view.js';

/** Inclusive ISO bounds; a missing bound is open. */
export interface Period {
  from?: string;
  to?: string;
}

const DAYS_IN = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * A period bound given as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as an ISO day: the first day of the year or
 * month for `from`, the last for `to`. Throws RangeError on anything else.
 */
export function periodBound(value: string, end: boolean): string {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value.trim());
  const fail = () => {
    throw new RangeError(`expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got ${JSON.stringify(value)}`);
  };
  if (!m) return fail();
  const y = Number(m[1]);
  const mo = m[2] === undefined ? (end ? 12 : 1) : Number(m[2]);
  if (mo < 1 || mo > 12) return fail();
  const d = m[3] === undefined ? (end ? DAYS_IN(y, mo) : 1) : Number(m[3]);
  if (d < 1 || d > DAYS_IN(y, mo)) return fail();
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Normalizes `{from, to}` (either may be absent); throws RangeError when from is after to. */
export function normalizePeriod(period: Period): Period {
  const from = period.from === undefined ? undefined : periodBound(period.from, false);
  const to = period.to === undefined ? undefined : periodBound(period.to, true);
  if (from && to && from > to) throw new RangeError(`the period starts (${from}) after it ends (${to})`);
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** True when the period has a bound. */
export function hasPeriod(period: Period | undefined): period is Period {
  return !!period && (period.from !== undefined || period.to !== undefined);
}

const ISO = /^\d{4}-\d{2}-\d{2}/;

/** The attested days of a node or edge as [start, end] ranges (inclusive), from dates, spells or first/last seen. */
export function attestedRanges(attrs: Attributes): Array<[string, string]> {
  const dates = toStringList(attrs.dates).filter((d) => ISO.test(d));
  if (dates.length > 0) return dates.map((d) => [d.slice(0, 10), d.slice(0, 10)]);
  if (Array.isArray(attrs.spells)) {
    const out: Array<[string, string]> = [];
    for (const s of attrs.spells as unknown[]) {
      if (Array.isArray(s) && typeof s[0] === 'string' && typeof s[1] === 'string' && ISO.test(s[0]) && ISO.test(s[1])) {
        out.push([s[0].slice(0, 10), s[1].slice(0, 10)]);
      }
    }
    if (out.length > 0) return out;
  }
  const first = typeof attrs.first_seen === 'string' && ISO.test(attrs.first_seen) ? attrs.first_seen.slice(0, 10) : undefined;
  const last = typeof attrs.last_seen === 'string' && ISO.test(attrs.last_seen) ? attrs.last_seen.slice(0, 10) : first;
  return first && last ? [[first, last]] : [];
}

const inside = (d: string, p: Period) => (!p.from || d >= p.from) && (!p.to || d <= p.to);

/** Whether a node's or edge's attributes say it is attested in the period. */
export function attestedIn(attrs: Attributes, period: Period): boolean {
  return attestedRanges(attrs).some(([s, e]) => (!period.to || s <= period.to) && (!period.from || e >= period.from));
}

/** The attributes of an element narrowed to the period: dates, first/last seen, articles and evidence. */
function narrow(attrs: Attributes, period: Period, articles: ReadonlyMap<string, ArticleRow>): Attributes {
  const out: Attributes = { ...attrs };
  const dates = toStringList(attrs.dates).filter((d) => inside(d, period));
  if (dates.length > 0) {
    out.dates = dates;
    out.first_seen = dates[0];
    out.last_seen = dates[dates.length - 1];
  }
  if (articles.size > 0 && attrs.articles !== undefined) {
    out.articles = toStringList(attrs.articles).filter((id) => {
      const d = articles.get(id)?.date;
      return d !== undefined && inside(d, period);
    });
  }
  for (const name of ['evidence', 'evidenceList']) {
    const list: unknown = attrs[name];
    if (!Array.isArray(list) || !list.some((e) => e && typeof e === 'object' && typeof (e as { date?: unknown }).date === 'string')) continue;
    out[name] = list.filter((e) => e && typeof e === 'object' && typeof (e as { date?: unknown }).date === 'string' && inside((e as { date: string }).date, period));
  }
  // The edge's shown sentence: the first of its evidence in the period.
  if (Array.isArray(out.evidenceList) && typeof attrs.evidence === 'string') {
    const first = (out.evidenceList as Array<{ sentence?: unknown }>)[0];
    if (first && typeof first.sentence === 'string') out.evidence = first.sentence;
  }
  return out;
}

/**
 * The graph as attested in `period`: nodes and edges attested in it (and the ends of kept edges), with
 * narrowed attributes. Without a bound, the graph itself. Cached per graph until it changes.
 */
export function periodView(graph: QueryGraph, period: Period | undefined): QueryGraph {
  if (!hasPeriod(period)) return graph;
  const p = normalizePeriod(period);
  return cachedView(graph, `period=${p.from ?? ''}..${p.to ?? ''}`, () => {
    const articles = articleTable(graph);
    const view = graph.nullCopy();
    view.replaceAttributes({ ...graph.getAttributes() });
    const keepNode = (key: string, attrs: Attributes) => {
      if (view.hasNode(key)) return;
      const a = narrow(attrs, p, articles);
      // Whole-graph metrics do not hold for the period: queries recompute them from the view.
      delete a.degree;
      delete a.pagerank;
      view.addNode(key, a);
    };
    graph.forEachNode((key, attrs) => {
      if (attestedIn(attrs, p)) keepNode(key, attrs);
    });
    graph.forEachEdge((edge, attrs, source, target, sa, ta, undirected) => {
      if (!attestedIn(attrs, p)) return;
      keepNode(source, sa);
      keepNode(target, ta);
      const a = narrow(attrs, p, articles);
      if (undirected) view.addUndirectedEdgeWithKey(edge, source, target, a);
      else view.addDirectedEdgeWithKey(edge, source, target, a);
    });
    return view;
  });
}
