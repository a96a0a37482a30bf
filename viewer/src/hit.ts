/**
 * Finding the edge under a click by geometry. Sigma picks edges from a downsized picking buffer in
 * which a 1–2 px edge can vanish, so thin edges are hard to hit; this fallback accepts a click within a
 * few pixels of the drawn line or curve. Coordinates are viewport pixels (y down).
 */

export interface EdgeGeometry {
  key: string;
  sx: number;
  sy: number;
  tx: number;
  ty: number;
  /** 0 for a straight edge; @sigma/edge-curve's curvature otherwise */
  curvature: number;
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const CURVE_STEPS = 24;

/** Distance from a point to an edge as drawn: a segment, or the quadratic Bézier of @sigma/edge-curve. */
export function edgeDistance(e: EdgeGeometry, px: number, py: number): number {
  if (!e.curvature) return segmentDistance(px, py, e.sx, e.sy, e.tx, e.ty);
  // Control point as in @sigma/edge-curve's label code: centre + (dy, -dx) · curvature.
  const cx = (e.sx + e.tx) / 2 + (e.ty - e.sy) * e.curvature;
  const cy = (e.sy + e.ty) / 2 - (e.tx - e.sx) * e.curvature;
  let best = Infinity;
  let [x0, y0] = [e.sx, e.sy];
  for (let i = 1; i <= CURVE_STEPS; i++) {
    const t = i / CURVE_STEPS;
    const u = 1 - t;
    const x1 = u * u * e.sx + 2 * u * t * cx + t * t * e.tx;
    const y1 = u * u * e.sy + 2 * u * t * cy + t * t * e.ty;
    best = Math.min(best, segmentDistance(px, py, x0, y0, x1, y1));
    [x0, y0] = [x1, y1];
  }
  return best;
}

/** The closest edge within maxDistance pixels of the point, or null. Ties go to the smaller key. */
export function nearestEdge(edges: Iterable<EdgeGeometry>, px: number, py: number, maxDistance: number): string | null {
  if (!(maxDistance >= 0)) throw new RangeError(`nearestEdge: maxDistance must be ≥ 0, got ${maxDistance}`);
  let best: string | null = null;
  let bestD = Infinity;
  for (const e of edges) {
    const d = edgeDistance(e, px, py);
    if (d <= maxDistance && (d < bestD || (d === bestD && best !== null && e.key < best))) {
      best = e.key;
      bestD = d;
    }
  }
  return best;
}
