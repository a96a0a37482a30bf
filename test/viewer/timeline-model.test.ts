import { describe, expect, it } from 'vitest';
import { binDates, isIsoDay } from '../../viewer/src/timeline.js';

describe('viewer timeline model', () => {
  it('bins by day over short spans, counting every date, with empty days in between', () => {
    const { unit, bins } = binDates(['2020-02-04', '2020-02-03', '2020-02-03', '2020-02-06', 'x']);
    expect(unit).toBe('day');
    expect(bins.map((b) => [b.label, b.count])).toEqual([
      ['2020-02-03', 2],
      ['2020-02-04', 1],
      ['2020-02-05', 0],
      ['2020-02-06', 1],
    ]);
  });
  it('bins by month over long spans, across a year end', () => {
    const { unit, bins } = binDates(['2019-10-30', '2020-02-29', '2020-02-01']);
    expect(unit).toBe('month');
    expect(bins.map((b) => [b.start, b.end, b.count])).toEqual([
      ['2019-10-01', '2019-10-31', 1],
      ['2019-11-01', '2019-11-30', 0],
      ['2019-12-01', '2019-12-31', 0],
      ['2020-01-01', '2020-01-31', 0],
      ['2020-02-01', '2020-02-29', 2],
    ]);
    expect(binDates([]).bins).toEqual([]);
  });
  it('day checks', () => {
    expect(isIsoDay('2020-02-30')).toBe(false);
    expect(isIsoDay('2020-02-29')).toBe(true);
  });
});
