/**
 * The viewer's time model (pure, no DOM): article counts per day or month. Whether a date falls in the
 * selected range is the query library's rule (src/query/attested.ts). A node or edge is attested on its
 * `dates` (ISO days, written by the build).
 */

export type BinUnit = 'day' | 'month';

export interface Bin {
  /** First day of the bin (ISO). */
  start: string;
  /** Last day of the bin (ISO). */
  end: string;
  /** Label: YYYY-MM-DD or YYYY-MM. */
  label: string;
  count: number;
}

const DAY = 86_400_000;
const ISO = /^\d{4}-\d{2}-\d{2}$/;
/** Above this many days from first to last date, bins are months. */
export const MAX_DAY_BINS = 92;

export const isIsoDay = (s: unknown): s is string =>
  typeof s === 'string' && ISO.test(s) && !Number.isNaN(Date.parse(s)) && new Date(Date.parse(s)).toISOString().slice(0, 10) === s;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const monthEnd = (y: number, m: number) => iso(Date.UTC(y, m, 0));

/** Bins covering every day (or month) from the first to the last date, with the number of dates in each. */
export function binDates(dates: readonly string[]): { unit: BinUnit; bins: Bin[] } {
  const days = dates.filter(isIsoDay).sort();
  if (days.length === 0) return { unit: 'day', bins: [] };
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const span = (Date.parse(last) - Date.parse(first)) / DAY + 1;
  const counts = new Map<string, number>();
  const unit: BinUnit = span <= MAX_DAY_BINS ? 'day' : 'month';
  for (const d of days) {
    const k = unit === 'day' ? d : d.slice(0, 7);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const bins: Bin[] = [];
  if (unit === 'day') {
    for (let t = Date.parse(first); t <= Date.parse(last); t += DAY) {
      const d = iso(t);
      bins.push({ start: d, end: d, label: d, count: counts.get(d) ?? 0 });
    }
  } else {
    let y = Number(first.slice(0, 4));
    let m = Number(first.slice(5, 7));
    const ly = Number(last.slice(0, 4));
    const lm = Number(last.slice(5, 7));
    while (y < ly || (y === ly && m <= lm)) {
      const label = `${y}-${String(m).padStart(2, '0')}`;
      bins.push({ start: `${label}-01`, end: monthEnd(y, m), label, count: counts.get(label) ?? 0 });
      m++;
      if (m > 12) {
        m = 1;
        y++;
      }
    }
  }
  return { unit, bins };
}
