import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickLabels, type LabelCandidate } from '../../viewer/src/labels.js';

const VIEW = { width: 800, height: 600 };

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Where a label is drawn, written here from the rule rather than taken from the code under test (labels.ts'
 * own box): sigma starts a node's label 3 px right of its disc (its drawDiscNodeLabel: text at
 * x + size + 3); the box is the label's measured width long and spans the glyphs from 3/4 of the font size
 * above the node's centre to 2/5 below it.
 */
function ruleBox(c: { x: number; y: number; r: number; width: number }, fontSize: number): Box {
  const left = c.x + c.r + 3;
  return { x0: left, x1: left + c.width, y0: c.y - fontSize * 0.75, y1: c.y + fontSize * 0.4 };
}

/** pickLabels' rule, checked box against box: in priority order, a label is drawn when its box touches the
 * viewport, its padded box overlaps no label drawn before, and (avoidNodes) its box crosses no other node's disc. */
function oracle(cs: LabelCandidate[], opts: { fontSize: number; padding: number; minRadius?: number; avoidNodes?: boolean }): string[] {
  const sorted = [...cs].sort((a, b) => b.priority - a.priority || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const over = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  const drawn: Box[] = [];
  const out: string[] = [];
  const p = opts.padding;
  for (const c of sorted) {
    if (c.r < (opts.minRadius ?? 0)) continue;
    const b = ruleBox(c, opts.fontSize);
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
            const a = ruleBox(picked[i]!, 13);
            const b = ruleBox(picked[j]!, 13);
            expect(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1).toBe(false);
          }
        }
        // the most important visible node always gets its label when nothing blocks it
        if (cs.length === 1 && ruleBox(cs[0]!, 13).x0 <= VIEW.width) expect(picked).toHaveLength(1);
      }),
      { numRuns: 150 },
    );
  });

  it("draws a label whose box clears another label, a disc or the viewport's edge by a quarter pixel, not one a quarter pixel over", () => {
    const fs = 13;
    const opts = { fontSize: fs, padding: 0, viewport: VIEW };
    const a: LabelCandidate = { key: 'a', x: 300, y: 300, r: 4, width: 50, priority: 2 };
    const box = ruleBox(a, fs);
    const h = box.y1 - box.y0;
    // a second label `d` pixels clear of a's box (d < 0: over it), on each side (b's own disc, r 2, out of the way)
    const beside = (d: number): LabelCandidate[] => [
      { key: 'right', x: box.x1 + d - 3 - 2, y: a.y, r: 2, width: 30, priority: 1 },
      { key: 'left', x: box.x0 - d - 30 - 3 - 2, y: a.y, r: 2, width: 30, priority: 1 },
    ];
    const stacked = (d: number): LabelCandidate[] => [
      { key: 'below', x: a.x, y: a.y + h + d, r: 2, width: 30, priority: 1 },
      { key: 'above', x: a.x, y: a.y - h - d, r: 2, width: 30, priority: 1 },
    ];
    for (const [d, drawn] of [
      [0.25, true],
      [-0.25, false],
    ] as const) {
      for (const b of [...beside(d), ...stacked(d)]) {
        const picked = [...pickLabels([a, b], { ...opts, avoidNodes: false })].sort();
        expect(picked).toEqual(oracle([a, b], { ...opts, avoidNodes: false }));
        expect(picked).toEqual(drawn ? ['a', b.key].sort() : ['a']);
      }
      // another node's disc just past the label's end, level with it
      const disc: LabelCandidate = { key: 'z', x: box.x1 + d + 5, y: a.y, r: 5, width: 0, priority: 0 };
      expect(pickLabels([a, disc], opts).has('a')).toBe(drawn);
      // a label whose box reaches `d` pixels into the viewport past each edge (d < 0: stops short of it)
      const edges: LabelCandidate[] = [
        { key: 'l', x: d - 30 - 3 - 2, y: 300, r: 2, width: 30, priority: 1 },
        { key: 'r', x: VIEW.width - d - 3 - 2, y: 100, r: 2, width: 30, priority: 1 },
        { key: 't', x: 100, y: d - fs * 0.4, r: 2, width: 30, priority: 1 },
        { key: 'b', x: 500, y: VIEW.height - d + fs * 0.75, r: 2, width: 30, priority: 1 },
      ];
      for (const e of edges) expect([...pickLabels([e], opts)]).toEqual(drawn ? [e.key] : []);
    }
  });

  it('picks exactly the labels the rule checked box against box picks (on screen and off, overlapping, tiny, negative padding)', () => {
    // Pixels in steps of 1/8, spread evenly over each range (fast-check's doubles crowd near zero and the
    // bounds: most boxes then sat at the origin, and a box moved by a pixel went unnoticed), then doubles
    // as they come, for the odd values.
    const px = (min: number, max: number) =>
      fc.oneof({ arbitrary: fc.integer({ min: min * 8, max: max * 8 }).map((v) => v / 8), weight: 4 }, fc.double({ min, max, noNaN: true }));
    const cand = fc.record({
      x: px(-300, 1100),
      y: px(-300, 900),
      r: px(0, 40),
      width: px(0, 200),
      priority: fc.integer({ min: 0, max: 8 }),
    });
    fc.assert(
      fc.property(
        fc.array(cand, { maxLength: 120, size: 'max' }),
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
