import { describe, expect, it } from 'vitest';
import { edgeDistance, nearestEdge, type EdgeGeometry } from '../../viewer/src/hit.js';

const straight: EdgeGeometry = { key: 's', sx: 0, sy: 0, tx: 100, ty: 0, curvature: 0 };
const curved: EdgeGeometry = { key: 'c', sx: 0, sy: 0, tx: 100, ty: 0, curvature: 0.4 };

describe('edge hit testing', () => {
  it('measures the distance to a segment, ends included', () => {
    expect(edgeDistance(straight, 50, 3)).toBeCloseTo(3);
    expect(edgeDistance(straight, -4, 3)).toBeCloseTo(5);
  });

  it('follows the curve: its middle is half the control offset away from the chord', () => {
    // control point = centre + (dy, -dx)·curvature = (50, -40); the curve's middle is at (50, -20)
    expect(edgeDistance(curved, 50, -20)).toBeLessThan(0.5);
    expect(edgeDistance(curved, 50, 0)).toBeGreaterThan(15);
  });

  it('picks the nearest edge within the tolerance, or none', () => {
    expect(nearestEdge([straight, curved], 50, 2, 5)).toBe('s');
    expect(nearestEdge([straight, curved], 50, -19, 5)).toBe('c');
    expect(nearestEdge([straight, curved], 50, 60, 5)).toBeNull();
    expect(() => nearestEdge([], 0, 0, -1)).toThrow(RangeError);
  });
});
