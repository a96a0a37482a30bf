/**
 * Reading order of a PDF page: positioned text items → text, paragraphs separated by blank lines (the
 * form the page splitter of src/text/articles.ts reads).
 *
 * 1. Items on one baseline form a row; a row splits into line segments where the horizontal gap is wider
 *    than COLUMN_GAP_EM (the gap between two columns).
 * 2. A region of lines is cut recursively. If a vertical gutter (a free x-interval at least COLUMN_GAP_EM
 *    wide) runs through all its lines, it splits into columns, read left to right. Otherwise its lines are
 *    taken top to bottom in bands (lines that overlap vertically) and consecutive bands that share a gutter,
 *    or that have none, are grouped; a band that crosses the gutter of its neighbours (a headline spanning
 *    columns) starts a group of its own. Groups are read top to bottom, each cut again.
 * 3. Within a group that no longer cuts, lines are read top to bottom; a paragraph ends where the spacing
 *    grows, the font size changes, the next line is indented, or the line stops short of the right edge.
 *    Lines of one paragraph join without a space between CJK characters, with one between other text.
 */
import { isCjk } from '../text/normalize.js';

/** One text item of a page, in PDF user space (y grows upwards); `y` is the baseline. */
export interface PageItem {
  text: string;
  x: number;
  y: number;
  width: number;
  /** Font size (height of an em). */
  size: number;
}

interface Line {
  text: string;
  x0: number;
  x1: number;
  /** Baseline. */
  y: number;
  top: number;
  bottom: number;
  size: number;
}

/** Gap that separates columns, in ems of the smaller font. */
const COLUMN_GAP_EM = 0.8;
/** Deepest recursion of the cuts (deeper structure is read in plain row order). */
const MAX_DEPTH = 12;

/** The character at the end (or start) of a string is CJK as the text repair sees it (src/text/normalize.ts). */
const cjk = (ch: string) => ch !== '' && isCjk(ch.charCodeAt(0));

/** The page's text in reading order. */
export function pageText(items: readonly PageItem[]): string {
  const lines = linesOf(items.filter((i) => i.text.length > 0 && i.size > 0 && Number.isFinite(i.x + i.y + i.width + i.size)));
  if (lines.length === 0) return '';
  const blocks = order(lines, 0);
  return blocks
    .map(paragraphs)
    .flat()
    .filter((p) => p.trim().length > 0)
    .join('\n\n');
}

/** Rows by baseline, split into segments at column-wide gaps. */
function linesOf(items: PageItem[]): Line[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PageItem[][] = [];
  for (const it of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0]!.y - it.y) <= 0.3 * Math.min(row[0]!.size, it.size)) row.push(it);
    else rows.push([it]);
  }
  const lines: Line[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let seg: PageItem[] = [];
    const flush = () => {
      if (seg.some((i) => i.text.trim().length > 0)) lines.push(lineOf(seg));
      seg = [];
    };
    for (const it of row) {
      const prev = seg[seg.length - 1];
      if (prev && it.x - (prev.x + prev.width) > COLUMN_GAP_EM * Math.min(prev.size, it.size) && it.text.trim() !== '') flush();
      seg.push(it);
    }
    flush();
  }
  return lines;
}

function lineOf(items: PageItem[]): Line {
  let text = '';
  let prev: PageItem | undefined;
  for (const it of items) {
    if (prev) {
      const gap = it.x - (prev.x + prev.width);
      const a = prev.text.at(-1) ?? '';
      const b = it.text[0] ?? '';
      const latin = !cjk(a) && !cjk(b);
      if (!/\s/.test(a) && !/\s/.test(b) && gap > (latin ? 0.15 : 0.6) * Math.min(prev.size, it.size)) text += ' ';
    }
    text += it.text;
    prev = it;
  }
  const visible = items.filter((i) => i.text.trim().length > 0);
  const size = Math.max(...visible.map((i) => i.size));
  const y = visible[0]!.y;
  return {
    text: text.replace(/\s+$/, '').replace(/^\s+/, ''),
    x0: Math.min(...visible.map((i) => i.x)),
    x1: Math.max(...visible.map((i) => i.x + i.width)),
    y,
    top: Math.max(...visible.map((i) => i.y + 0.88 * i.size)),
    bottom: Math.min(...visible.map((i) => i.y - 0.12 * i.size)),
    size,
  };
}

type Interval = [number, number];

/** Free x-intervals of at least `minGap` within [lo, hi] not covered by any line. */
function freeIntervals(lines: readonly Line[], lo: number, hi: number, minGap: number): Interval[] {
  const covered = lines.map((l) => [l.x0, l.x1] as Interval).sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  let at = lo;
  for (const [s, e] of covered) {
    if (s - at >= minGap) out.push([at, s]);
    at = Math.max(at, e);
  }
  if (hi - at >= minGap) out.push([at, hi]);
  return out;
}

function intersect(a: readonly Interval[], b: readonly Interval[], minGap: number): Interval[] {
  const out: Interval[] = [];
  for (const [s1, e1] of a) {
    for (const [s2, e2] of b) {
      const s = Math.max(s1, s2);
      const e = Math.min(e1, e2);
      if (e - s >= minGap) out.push([s, e]);
    }
  }
  return out;
}

const interior = (iv: readonly Interval[], lo: number, hi: number) => iv.filter(([s, e]) => s > lo && e < hi);

/** Cuts a region into blocks of lines in reading order. */
function order(lines: Line[], depth: number): Line[][] {
  if (lines.length <= 1 || depth > MAX_DEPTH) return [byRows(lines)];
  const lo = Math.min(...lines.map((l) => l.x0));
  const hi = Math.max(...lines.map((l) => l.x1));
  const gap = COLUMN_GAP_EM * median(lines.map((l) => l.size));

  // Headings alone at their height (a section mark over both columns that is too short to cross the
  // gutter): the region is cut above and below them first.
  const seps = separators(lines);
  if (seps.length > 0 && seps.length < lines.length) {
    const parts: Line[][] = [];
    let rest = byRows(lines);
    for (const sep of seps) {
      parts.push(
        rest.filter((l) => l !== sep && l.bottom > sep.top - 1e-6 && l.y > sep.y),
        [sep],
      );
      rest = rest.filter((l) => l !== sep && !(l.bottom > sep.top - 1e-6 && l.y > sep.y));
    }
    parts.push(rest);
    return parts.filter((p) => p.length > 0).flatMap((p) => order(p, depth + 1));
  }

  // Columns: gutters through every line.
  const gutters = interior(freeIntervals(lines, lo, hi, gap), lo, hi);
  if (gutters.length > 0) {
    const cuts = gutters.map(([s, e]) => (s + e) / 2);
    const columns: Line[][] = cuts.map(() => []);
    columns.push([]);
    for (const l of lines) columns[cuts.filter((c) => c < l.x0).length]!.push(l);
    return columns.filter((c) => c.length > 0).flatMap((c) => order(c, depth + 1));
  }

  // Bands top to bottom, grouped while their column structure stays the same.
  const bands = bandsOf(lines);
  if (bands.length <= 1) return [byRows(lines)];
  const groups: Line[][] = [];
  let group: Line[] = [];
  let shared: Interval[] = [];
  for (const band of bands) {
    const free = freeIntervals(band, lo, hi, gap);
    const gutters = interior(free, lo, hi);
    if (group.length === 0) {
      group = [...band];
      shared = gutters;
      continue;
    }
    // A band shares the group's gutter when that stays free in it (a line of the left column alone leaves
    // the gutter free too); bands without any gutter go together (one column).
    const both = intersect(shared, free, gap);
    if (both.length > 0 || (shared.length === 0 && gutters.length === 0)) {
      for (const b of band) group.push(b);
      shared = both;
    } else {
      groups.push(group);
      group = [...band];
      shared = gutters;
    }
  }
  groups.push(group);
  if (groups.length === 1) return [byRows(lines)];
  return groups.flatMap((g) => order(g, depth + 1));
}

/**
 * Lines of a larger font than most (≥ 1.15×) that no other line of the region comes near vertically
 * (within a quarter em), top to bottom; none when the region is a single band.
 */
function separators(lines: Line[]): Line[] {
  const body = median(lines.map((l) => l.size));
  return byRows(lines).filter((h) => {
    if (h.size < 1.15 * body) return false;
    const pad = 0.25 * h.size;
    const near = lines.some((l) => l !== h && l.bottom < h.top + pad && l.top > h.bottom - pad);
    if (near) return false;
    // something both above and below: a separator, not the region's first or last line
    return lines.some((l) => l.bottom >= h.top) && lines.some((l) => l.top <= h.bottom);
  });
}

/** Lines grouped by vertical overlap, top to bottom. */
function bandsOf(lines: Line[]): Line[][] {
  const sorted = [...lines].sort((a, b) => b.top - a.top || a.x0 - b.x0);
  const bands: Line[][] = [];
  let bottom = Infinity;
  for (const l of sorted) {
    if (bands.length > 0 && l.top > bottom) {
      bands[bands.length - 1]!.push(l);
      bottom = Math.min(bottom, l.bottom);
    } else {
      bands.push([l]);
      bottom = l.bottom;
    }
  }
  return bands;
}

function byRows(lines: Line[]): Line[] {
  return [...lines].sort((a, b) => b.y - a.y || a.x0 - b.x0);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** The paragraphs of a block of lines (top to bottom). */
function paragraphs(lines: Line[]): string[] {
  if (lines.length === 0) return [];
  const lo = Math.min(...lines.map((l) => l.x0));
  const hi = Math.max(...lines.map((l) => l.x1));
  const pitches: number[] = [];
  for (let i = 1; i < lines.length; i++) pitches.push(lines[i - 1]!.y - lines[i]!.y);
  const pitch = median(pitches.filter((p) => p > 0));
  const out: string[] = [];
  let cur = lines[0]!.text;
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    const em = Math.min(a.size, b.size);
    const breaks =
      Math.abs(a.size - b.size) > 0.15 * em || (pitch > 0 && a.y - b.y > 1.3 * pitch) || b.x0 - lo > 1.5 * em || hi - a.x1 > 2 * em || a.y - b.y <= 0;
    if (breaks) {
      out.push(cur);
      cur = b.text;
    } else {
      const x = cur.at(-1) ?? '';
      const y = b.text[0] ?? '';
      cur += cjk(x) || cjk(y) ? b.text : ` ${b.text}`;
    }
  }
  out.push(cur);
  return out;
}
