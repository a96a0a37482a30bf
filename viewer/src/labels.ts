/**
 * Which node labels to draw. Sigma's own label grid keeps at least one label per grid cell, so labels of
 * neighbouring cells still pile up ("overlap soup" on a dense news graph). This is a greedy collision
 * check in screen space instead: most important nodes first, a label is drawn only if its box (plus
 * padding) touches no box already taken. Pure: the caller measures text and projects positions.
 */

export interface LabelCandidate {
  key: string;
  /** node centre and radius in viewport pixels */
  x: number;
  y: number;
  r: number;
  /** label width in pixels */
  width: number;
  /** higher first */
  priority: number;
}

export interface LabelOptions {
  fontSize: number;
  /** extra free space required around each label box, in pixels (negative tolerates slight overlap) */
  padding: number;
  viewport: { width: number; height: number };
  /** nodes rendered smaller than this get no label (unless forced by the caller) */
  minRadius?: number;
  /** also refuse labels that would cross another node's disc (default true) */
  avoidNodes?: boolean;
  /** the candidates are already in priority order (highest first, ties by key): not sorted again */
  sorted?: boolean;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const CELL = 64;

/** The box sigma draws a label in: right of the disc, vertically centred on the node. */
export function labelBox(c: LabelCandidate, fontSize: number): Box {
  const x0 = c.x + c.r + 3;
  return { x0, y0: c.y - fontSize * 0.75, x1: x0 + c.width, y1: c.y + fontSize * 0.4 };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** A grid cell's key: column and row packed into one number (a Map keyed by numbers, not "i,j" strings). */
const cell = (i: number, j: number): number => i * 4294967296 + j;

/** Adds `box` to every cell of `grid` it touches. */
function file<B extends Box>(grid: Map<number, B[]>, box: B): void {
  const i1 = Math.floor(box.x1 / CELL);
  const j0 = Math.floor(box.y0 / CELL);
  const j1 = Math.floor(box.y1 / CELL);
  for (let i = Math.floor(box.x0 / CELL); i <= i1; i++) {
    for (let j = j0; j <= j1; j++) {
      const k = cell(i, j);
      const list = grid.get(k);
      if (list) list.push(box);
      else grid.set(k, [box]);
    }
  }
}

/** Whether a box of `grid` (other than `self`'s disc) overlaps `box`. */
function hits(grid: Map<number, (Box & { key?: string })[]>, box: Box, self?: string): boolean {
  const i1 = Math.floor(box.x1 / CELL);
  const j0 = Math.floor(box.y0 / CELL);
  const j1 = Math.floor(box.y1 / CELL);
  for (let i = Math.floor(box.x0 / CELL); i <= i1; i++) {
    for (let j = j0; j <= j1; j++) {
      const list = grid.get(cell(i, j));
      if (!list) continue;
      for (const b of list) if (overlaps(b, box) && (self === undefined || b.key !== self)) return true;
    }
  }
  return false;
}

export function pickLabels(candidates: readonly LabelCandidate[], opts: LabelOptions): Set<string> {
  if (!(opts.fontSize > 0)) throw new RangeError(`pickLabels: fontSize must be positive, got ${opts.fontSize}`);
  const { width, height } = opts.viewport;
  const minRadius = opts.minRadius ?? 0;
  const sorted = opts.sorted ? candidates : [...candidates].sort((a, b) => b.priority - a.priority || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const avoidNodes = opts.avoidNodes !== false;
  // Every node's disc is an obstacle: a label drawn across another node is as unreadable as two labels.
  const discs = new Map<number, (Box & { key: string })[]>();
  if (avoidNodes) for (const c of sorted) file(discs, { key: c.key, x0: c.x - c.r, y0: c.y - c.r, x1: c.x + c.r, y1: c.y + c.r });
  const grid = new Map<number, Box[]>();
  const taken = new Set<string>();
  const p = opts.padding;
  for (const c of sorted) {
    if (c.r < minRadius) continue;
    const box = labelBox(c, opts.fontSize);
    if (box.x1 < 0 || box.y1 < 0 || box.x0 > width || box.y0 > height) continue; // off screen
    if (hits(grid, { x0: box.x0 - p, y0: box.y0 - p, x1: box.x1 + p, y1: box.y1 + p })) continue;
    if (avoidNodes && hits(discs, box, c.key)) continue;
    taken.add(c.key);
    file(grid, box);
  }
  return taken;
}
