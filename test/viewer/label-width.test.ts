/**
 * A large graph's label widths are sums of their characters' widths (label-choice.ts): a character outside
 * the BMP (a rare CJK character such as 𠀀, two UTF-16 units) is measured as one character, and a label
 * made of it is measured without recursing forever.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabelChooser } from '../../viewer/src/label-choice.js';

type Widths = { labelWidth(label: string, large: boolean): number };

describe('label widths', () => {
  const measured: string[] = [];
  beforeEach(() => {
    // a canvas whose measureText gives 10 px per UTF-16 unit, recording what it measured
    (globalThis as Record<string, unknown>).document = {
      createElement: () => ({
        getContext: () => ({
          font: '',
          measureText: (t: string) => (measured.push(t), { width: 10 * t.length }),
        }),
      }),
    };
  });
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).document;
    measured.length = 0;
  });

  it('sums the characters of a large graph’s label, a character outside the BMP measured once as itself', () => {
    const c = new LabelChooser() as unknown as Widths;
    expect(c.labelWidth('𠀀甲𠀀', true)).toBe(20 + 10 + 20);
    expect(c.labelWidth('甲乙', true)).toBe(20);
    expect(measured).toEqual(['𠀀', '甲', '乙']);
    // a small graph measures the whole label
    expect(c.labelWidth('甲乙', false)).toBe(20);
    expect(measured).toEqual(['𠀀', '甲', '乙', '甲乙']);
  });
});
