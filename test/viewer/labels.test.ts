import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelBox, pickLabels, type LabelCandidate } from '../../viewer/src/labels.js';

const VIEW = { width: 800, height: 600 };

/** pickLabels' rule, checked box against box: in priority order, a label is drawn when its box touches the
 * viewport, its padded box overlaps no label drawn before, and (avoidNodes) its box crosses no other node's disc. */
function oracle(cs: LabelCandidate[], opts: { fontSize: number; padding: number; minRadius?: number; avoidNodes?: boolean }): string[] {
  const sorted = [...cs].sort((a, b) => b.priority - a.priority || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const over = (a: { x0: number; y0: number; x1: number; y1: number }, b: typeof a) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  const drawn: ReturnType<typeof labelBox>[] = [];
  const out: string[] = [];
  const p = opts.padding;
  for (const c of sorted) {
    if (c.r < (opts.minRadius ?? 0)) continue;
    const b = labelBox(c, opts.fontSize);
    if (b.x1 < 0 || b.y1 < 0 || b.x0 > VIEW.width || b.y0 > VIEW.height) continue;
    if (drawn.some((d) => over(d, { x0: b.x0 - p, y0: b.y0 - p, x1: b.x1 + p, y1: b.y1 + p }))) continue;
    if (opts.avoidNodes !== false && sorted.some((o) => o.key !== c.key && over({ x0: o.x - o.r, y0: o.y - o.r, x1: o.x + o.r, y1: o.y + o.r }, b))) continue;
    drawn.push(b);
    out.push(c.key);
  }
  return out.sort();
}

describe('label picking', () => {
  it('drops the less important of two colliding labels', () => {
    const a: LabelCandidate = { key: 'a', x: 100, y: 100, r: 5, width: 60, priority: 2 };
    const b: LabelCandidate = { key: 'b', x: 110, y: 104, r: 3, width: 60, priority: 1 };
    const far: LabelCandidate = { key: 'c', x: 400, y: 300, r: 3, width: 60, priority: 0 };
    expect([...pickLabels([b, far, a], { fontSize: 13, padding: 2, viewport: VIEW, avoidNodes: false })].sort()).toEqual(['a', 'c']);
  });

  it('refuses a label crossing another node unless told otherwise', () => {
    const a: LabelCandidate = { key: 'a', x: 100, y: 100, r: 4, width: 80, priority: 2 };
    const blocker: LabelCandidate = { key: 'z', x: 140, y: 100, r: 6, width: 10, priority: 1 };
    expect(pickLabels([a, blocker], { fontSize: 13, padding: 0, viewport: VIEW }).has('a')).toBe(false);
    expect(pickLabels([a, blocker], { fontSize: 13, padding: 0, viewport: VIEW, avoidNodes: false }).has('a')).toBe(true);
  });

  it('skips off-screen and too small nodes, and rejects a bad font size', () => {
    const off: LabelCandidate = { key: 'o', x: -500, y: 10, r: 5, width: 40, priority: 1 };
    const tiny: LabelCandidate = { key: 't', x: 300, y: 300, r: 1, width: 40, priority: 1 };
    expect(pickLabels([off, tiny], { fontSize: 13, padding: 0, viewport: VIEW, minRadius: 2 }).size).toBe(0);
    expect(() => pickLabels([], { fontSize: 0, padding: 0, viewport: VIEW })).toThrow(RangeError);
  });

  it('never returns two overlapping label boxes', () => {
    const cand = fc.record({
      x: fc.integer({ min: 0, max: 800 }),
      y: fc.integer({ min: 0, max: 600 }),
      r: fc.integer({ min: 1, max: 12 }),
      width: fc.integer({ min: 10, max: 120 }),
      priority: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(cand, { maxLength: 60 }), fc.integer({ min: 0, max: 10 }), (raw, padding) => {
        const cs = raw.map((c, i) => ({ ...c, key: `n${i}` }));
        const picked = cs.filter((c) => pickLabels(cs, { fontSize: 13, padding, viewport: VIEW }).has(c.key));
        for (let i = 0; i < picked.length; i++) {
          for (let j = i + 1; j < picked.length; j++) {
            const a = labelBox(picked[i]!, 13);
            const b = labelBox(picked[j]!, 13);
            expect(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1).toBe(false);
          }
        }
        // the most important visible node always gets its label when nothing blocks it
        if (cs.length === 1 && labelBox(cs[0]!, 13).x0 <= VIEW.width) expect(picked).toHaveLength(1);
      }),
      { numRuns: 150 },
    );
  });

  it('picks exactly the labels the rule checked box against box picks (on screen and off, overlapping, tiny, negative padding)', () => {
    const cand = fc.record({
      x: fc.double({ min: -300, max: 1100, noNaN: true }),
      y: fc.double({ min: -300, max: 900, noNaN: true }),
      r: fc.double({ min: 0, max: 40, noNaN: true }),
      width: fc.double({ min: 0, max: 200, noNaN: true }),
      priority: fc.integer({ min: 0, max: 8 }),
    });
    fc.assert(
      fc.property(
        fc.array(cand, { maxLength: 120 }),
        fc.integer({ min: -6, max: 14 }),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        (raw, padding, minRadius, avoidNodes) => {
          const cs = raw.map((c, i) => ({ ...c, key: `n${i}` }));
          const opts = { fontSize: 13, padding, minRadius, avoidNodes };
          expect([...pickLabels(cs, { ...opts, viewport: VIEW })].sort()).toEqual(oracle(cs, opts));
        },
      ),
      { numRuns: 400 },
    );
    // a coordinate that is not a number (no cell: never in the way, never blocked), a label far wider than the view
    const odd: LabelCandidate[] = [
      { key: 'a', x: Number.NaN, y: 10, r: 3, width: 40, priority: 3 },
      { key: 'b', x: 100, y: 100, r: 4, width: 60, priority: 2 },
      { key: 'c', x: 110, y: 102, r: 4, width: 60, priority: 1 },
    ];
    expect([...pickLabels(odd, { fontSize: 13, padding: 0, viewport: VIEW })].sort()).toEqual(oracle(odd, { fontSize: 13, padding: 0 }));
    expect(oracle(odd, { fontSize: 13, padding: 0 })).toEqual(['a', 'c']);
    const wide: LabelCandidate[] = [
      { key: 'w', x: -1e9, y: 300, r: 2, width: 2e9, priority: 2 },
      { key: 'v', x: 400, y: 300, r: 2, width: 40, priority: 1 },
    ];
    expect([...pickLabels(wide, { fontSize: 13, padding: 0, viewport: VIEW })].sort()).toEqual(oracle(wide, { fontSize: 13, padding: 0 }));
  });
});
