/**
 * When a node or edge is attested, and whether that falls in a period. Pure, with no graph behind it:
 * shared by the query library's period views (period.ts) and the viewer's time range
 * (viewer/src/app.ts), so both keep the same things for the same range.
 */
import type { Attributes } from 'graphology-types';
import { toStringList } from './attributes.js';

/** Inclusive ISO days; a missing bound is open. */
export interface Period {
  from?: string;
  to?: string;
}

/** Inclusive [start, end] ISO days. */
export type DayRange = [start: string, end: string];

const ISO = /^\d{4}-\d{2}-\d{2}/;

/** Whether the day lies in the period. */
export function inPeriod(day: string, period: Period): boolean {
  return (!period.from || day >= period.from) && (!period.to || day <= period.to);
}

/** Whether the range and the period share a day. */
export function overlaps([start, end]: DayRange, period: Period): boolean {
  return (!period.to || start <= period.to) && (!period.from || end >= period.from);
}

/** The attested days of a node or edge as ranges, from `dates`, else `spells`, else `first_seen`/`last_seen`. */
export function attestedRanges(attrs: Attributes): DayRange[] {
  const dates = toStringList(attrs.dates).filter((d) => ISO.test(d));
  if (dates.length > 0) return dates.map((d) => [d.slice(0, 10), d.slice(0, 10)]);
  if (Array.isArray(attrs.spells)) {
    const out: DayRange[] = [];
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

/** Whether a node's or edge's attributes say it is attested in the period (undated: never). */
export function attestedIn(attrs: Attributes, period: Period): boolean {
  return attestedRanges(attrs).some((r) => overlaps(r, period));
}
