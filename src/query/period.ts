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
import { attestedIn, inPeriod, type Period } from './attested.js';

export { attestedIn, attestedRanges, type Period } from './attested.js';

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

/** The attributes of an element narrowed to the period: dates, first/last seen, articles and evidence. */
function narrow(attrs: Attributes, period: Period, articles: ReadonlyMap<string, ArticleRow>): Attributes {
  const out: Attributes = { ...attrs };
  const dates = toStringList(attrs.dates).filter((d) => inPeriod(d, period));
  if (dates.length > 0) {
    out.dates = dates;
    out.first_seen = dates[0];
    out.last_seen = dates[dates.length - 1];
  }
  if (articles.size > 0 && attrs.articles !== undefined) {
    out.articles = toStringList(attrs.articles).filter((id) => {
      const d = articles.get(id)?.date;
      return d !== undefined && inPeriod(d, period);
    });
  }
  for (const name of ['evidence', 'evidenceList']) {
    const list: unknown = attrs[name];
    if (!Array.isArray(list) || !list.some((e) => e && typeof e === 'object' && typeof (e as { date?: unknown }).date === 'string')) continue;
    out[name] = list.filter(
      (e) => e && typeof e === 'object' && typeof (e as { date?: unknown }).date === 'string' && inPeriod((e as { date: string }).date, period),
    );
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
