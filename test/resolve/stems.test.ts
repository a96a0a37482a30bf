import { describe, expect, it } from 'vitest';
import { resolveArticlePlaces } from '../../src/resolve/places.js';

describe('bare stems and the division index', () => {
  it('does not read a bare stem as a village or community the article does not place', () => {
    // 北疆 and 硅谷 are stems of villages and communities somewhere in China, and of nothing the text names.
    const out = resolveArticlePlaces(['北疆', '硅谷', '杭州']);
    expect(out.get('北疆')!.label).toBe('北疆');
    expect(out.get('硅谷')!.label).toBe('硅谷');
    expect(out.get('杭州')!.label).toBe('杭州市');
  });
  it('still completes a stem whose county the article names', () => {
    // 伊和乌拉 → 伊和乌拉嘎查 when 新巴尔虎左旗 (its county) is named too.
    const out = resolveArticlePlaces(['伊和乌拉', '新巴尔虎左旗']);
    expect(out.get('伊和乌拉')!.label).toBe('伊和乌拉嘎查');
  });
});
