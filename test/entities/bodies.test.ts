import { describe, expect, it } from 'vitest';
import { withLevelBodies } from '../../src/entities/bodies.js';
import type { Mention } from '../../src/types.js';

const m = (text: string, kind: Mention['kind'], canonical?: string): Mention => ({
  start: 0,
  end: text.length,
  text,
  kind,
  ...(canonical ? { canonical } : {}),
});

describe('withLevelBodies', () => {
  it('names a bare level body after the one place of its level', () => {
    const out = withLevelBodies([m('辽宁', 'PLACE', '辽宁省'), m('省委', 'ORGANIZATION'), m('省人大常委会', 'ORGANIZATION'), m('市委', 'ORGANIZATION')]);
    expect(out.map((x) => x.canonical)).toEqual(['辽宁省', '辽宁省委', '辽宁省人大常委会', undefined]);
  });
  it('leaves it alone with two places of the level, or none', () => {
    expect(withLevelBodies([m('辽宁省', 'PLACE'), m('吉林省', 'PLACE'), m('省委', 'ORGANIZATION')])[2]!.canonical).toBeUndefined();
    expect(withLevelBodies([m('锦州市', 'PLACE'), m('省政府', 'ORGANIZATION')])[1]!.canonical).toBeUndefined();
  });
  it('keeps other organizations and their canonical names', () => {
    const kept = m('省委党校', 'ORGANIZATION');
    expect(withLevelBodies([m('辽宁省', 'PLACE'), kept])[1]).toBe(kept);
  });
});
