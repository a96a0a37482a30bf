import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultViewState, formatHash, parseHash, type ViewState } from '../../viewer/src/hash-state.js';

describe('URL hash state', () => {
  it('omits defaults', () => {
    expect(formatHash(defaultViewState())).toBe('');
  });

  it('keeps node keys with reserved characters intact', () => {
    const s = { ...defaultViewState(), node: 'PLACE:苏吉嘎查&x=#1', hiddenRelations: ['co_occurs'] };
    expect(parseHash(formatHash(s))).toEqual(s);
  });

  it('falls back to defaults on nonsense', () => {
    const s = parseHash('#color=purple&size=big&labels=9&lang=fr&hideKinds=,,');
    expect(s).toEqual(defaultViewState());
  });

  it('keeps the data table: tab, sorted column and direction, search', () => {
    const s: ViewState = { ...defaultViewState(), table: { kind: 'edges', sort: 'label', desc: false, query: '嘎查 &#x' } };
    expect(formatHash(s)).toContain('table=edges&sort=label&tq=');
    expect(parseHash(formatHash(s))).toEqual(s);
    expect(parseHash('#table=nodes&sort=-degree').table).toEqual({ kind: 'nodes', sort: 'degree', desc: true, query: '' });
    expect(parseHash('#table=rows&sort=x').table).toBeNull();
  });

  it('keeps a time range; drops bad days; orders the bounds', () => {
    const s = { ...defaultViewState(), from: '2020-02-03', to: '2020-02-10' };
    expect(formatHash(s)).toBe('#from=2020-02-03&to=2020-02-10');
    expect(parseHash(formatHash(s))).toEqual(s);
    expect(parseHash('#from=2020-02-30&to=May')).toEqual(defaultViewState());
    expect(parseHash('#from=2020-05-01&to=2020-02-01')).toMatchObject({ from: '2020-02-01', to: '2020-05-01' });
  });

  it('keeps focus trail, depth, path ends, ranges and community; drops nonsense', () => {
    const s = { ...defaultViewState(), focus: ['a,b', 'PLACE:苏吉&x'], depth: 3, pathFrom: 'p:1', pathTo: 'p:2', community: 4 };
    s.ranges = { ...s.ranges, degree: { min: 2, max: null }, confidence: { min: 0.5, max: 0.9 } };
    expect(parseHash(formatHash(s))).toEqual(s);
    expect(formatHash(s)).toContain('degree=2..');
    expect(parseHash('#depth=7&degree=x..y&community=-1&mentions=..')).toEqual(defaultViewState());
    expect(parseHash('#mentions=9..3').ranges.mentions).toEqual({ min: 3, max: 9 });
  });

  it('round-trips any state', () => {
    const bound = () => fc.option(fc.integer({ min: 0, max: 50 }), { nil: null });
    const range = () => fc.tuple(bound(), bound()).map(([a, b]) => (a !== null && b !== null && a > b ? { min: b, max: a } : { min: a, max: b }));
    const name = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !s.includes(','));
    const state: fc.Arbitrary<ViewState> = fc.record({
      node: fc.option(fc.string({ minLength: 1, maxLength: 10 }), { nil: null }),
      edge: fc.option(fc.string({ minLength: 1, maxLength: 10 }), { nil: null }),
      hiddenKinds: fc.uniqueArray(name, { maxLength: 3 }).map((a) => a.sort()),
      hiddenRelations: fc.uniqueArray(name, { maxLength: 3 }).map((a) => a.sort()),
      colorBy: fc.constantFrom('kind' as const, 'community' as const),
      sizeBy: fc.constantFrom('size' as const, 'degree' as const, 'pagerank' as const),
      labels: fc.integer({ min: 0, max: 4 }),
      lang: fc.constantFrom('zh' as const, 'en' as const),
      from: fc.option(fc.constantFrom('2020-02-03', '2020-02-10'), { nil: null }),
      to: fc.option(fc.constantFrom('2020-02-10', '2020-05-12'), { nil: null }),
      focus: fc.array(fc.string({ minLength: 1, maxLength: 10 }), { maxLength: 3 }),
      depth: fc.integer({ min: 1, max: 3 }),
      pathFrom: fc.option(fc.string({ minLength: 1, maxLength: 10 }), { nil: null }),
      pathTo: fc.option(fc.string({ minLength: 1, maxLength: 10 }), { nil: null }),
      ranges: fc.record({ degree: range(), mentions: range(), confidence: range() }),
      community: fc.option(fc.nat(40), { nil: null }),
      table: fc.option(
        fc.record({
          kind: fc.constantFrom('nodes' as const, 'edges' as const),
          sort: fc.option(fc.constantFrom('label', 'degree', 'weight'), { nil: null }),
          desc: fc.boolean(),
          query: fc.string({ maxLength: 8 }),
        }),
        { nil: null },
      ),
    });
    fc.assert(
      fc.property(state, (s) => {
        // no sorted column: the default direction (descending) is what comes back
        if (s.table && s.table.sort === null) s.table.desc = true;
        expect(parseHash(formatHash(s))).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });
});
