/** The timeline bar's DOM: articles per day or month (timeline.ts bins them), the selected range, dragging across it. */
import { byId, clear, el } from './dom.js';
import type { Bin } from './timeline.js';
import type { ViewState } from './hash-state.js';
import { inPeriod, overlaps, type Period } from '../../src/query/attested.js';

/** What the timeline reads and calls of the application. */
export interface TimelineHost {
  /** Timeline bins of the loaded graph's article dates ([] when it has none). */
  readonly bins: Bin[];
  readonly articleDates: string[];
  readonly state: ViewState;
  /** The selected range as the query library's Period, or null. */
  period(): Period | null;
  setRange(from: string | null, to: string | null): void;
  t(key: string, vars?: Record<string, string | number>): string;
}

/** The bar along the bottom: articles per day or month, the selected range, its label. */
export function renderTimeline(host: TimelineHost): void {
  const box = byId('timeline');
  const main = box.parentElement!;
  const bars = byId('tl-bars');
  const bins = host.bins;
  box.hidden = bins.length === 0;
  main.classList.toggle('has-timeline', bins.length > 0);
  if (bins.length === 0) {
    clear(bars);
    return;
  }
  const { from, to } = host.state;
  const period = host.period();
  const ranged = period !== null;
  if (bars.childElementCount !== bins.length || bars.dataset.first !== bins[0]!.start) {
    const max = Math.max(...bins.map((b) => b.count), 1);
    bars.replaceChildren(
      ...bins.map((b, i) => {
        const bar = el('div', { class: 'bar' });
        bar.style.height = b.count === 0 ? '2px' : `${Math.max(8, Math.round((100 * b.count) / max))}%`;
        return el(
          'div',
          {
            class: b.count === 0 ? 'bin empty' : 'bin',
            title: `${b.label}: ${b.count}`,
            attrs: { 'data-index': String(i), 'data-start': b.start, 'data-end': b.end, 'data-count': String(b.count) },
          },
          bar,
        );
      }),
    );
    bars.dataset.first = bins[0]!.start;
    byId('tl-first').textContent = bins[0]!.label;
    byId('tl-last').textContent = bins[bins.length - 1]!.label;
  }
  bars.classList.toggle('ranged', ranged);
  for (const node of bars.children) {
    const b = node as HTMLElement;
    b.classList.toggle('in', period !== null && overlaps([b.dataset.start!, b.dataset.end!], period));
  }
  const articles = period === null ? host.articleDates.length : host.articleDates.filter((d) => inPeriod(d, period)).length;
  byId('tl-info').textContent = ranged
    ? host.t('timeline.range', { from: from ?? bins[0]!.start, to: to ?? bins[bins.length - 1]!.end, articles })
    : host.t('timeline.all', { articles });
  byId('tl-clear').hidden = !ranged;
  byId('timeline').dataset.from = from ?? '';
  byId('timeline').dataset.to = to ?? '';
}

/** Drag (or click) across the bars selects a range of bins. */
export function wireTimeline(host: TimelineHost): void {
  const bars = byId('tl-bars');
  let anchor: number | null = null;
  const indexAt = (ev: PointerEvent): number | null => {
    const n = host.bins.length;
    if (n === 0) return null;
    const r = bars.getBoundingClientRect();
    if (r.width <= 0) return null;
    return Math.max(0, Math.min(n - 1, Math.floor(((ev.clientX - r.left) / r.width) * n)));
  };
  const preview = (a: number, b: number) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    bars.classList.add('ranged');
    for (const node of bars.children) {
      const i = Number((node as HTMLElement).dataset.index);
      node.classList.toggle('in', i >= lo && i <= hi);
    }
  };
  bars.addEventListener('pointerdown', (ev) => {
    anchor = indexAt(ev);
    if (anchor === null) return;
    bars.setPointerCapture?.(ev.pointerId);
    preview(anchor, anchor);
    ev.preventDefault();
  });
  bars.addEventListener('pointermove', (ev) => {
    if (anchor === null) return;
    const i = indexAt(ev);
    if (i !== null) preview(anchor, i);
  });
  const finish = (ev: PointerEvent) => {
    if (anchor === null) return;
    const i = indexAt(ev) ?? anchor;
    const [lo, hi] = anchor <= i ? [anchor, i] : [i, anchor];
    anchor = null;
    host.setRange(host.bins[lo]!.start, host.bins[hi]!.end);
  };
  bars.addEventListener('pointerup', finish);
  bars.addEventListener('pointercancel', () => {
    anchor = null;
    renderTimeline(host);
  });
  byId('tl-clear').addEventListener('click', () => host.setRange(null, null));
}
