import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { AmbiguousEntityError, findEntities, resolveEntity, UnknownEntityError } from '../../src/query/find.js';
import { loadGraph } from '../../src/query/load.js';
import { SAMPLE_JSON } from './helpers.js';

const g = loadGraph(SAMPLE_JSON);

describe('findEntities', () => {
  it('ranks exact label before alias before substring', () => {
    // 二连浩特市: alias 二连浩特 exact; nothing has the label 二连浩特
    const byAlias = findEntities(g, '二连浩特');
    expect(byAlias.map((m) => [m.key, m.match])).toEqual([['PLACE:二连浩特市', 'alias']]);
    const bySub = findEntities(g, '嘎查');
    expect(bySub.every((m) => m.match === 'substring')).toBe(true);
    expect(bySub.map((m) => m.key).sort()).toEqual(['ORGANIZATION:苏吉嘎查党支部', 'PLACE:伊和乌拉嘎查', 'PLACE:苏吉嘎查'].sort());
    // more mentions first within a tier: 苏吉嘎查 has 4 mentions, the others 1
    expect(bySub[0]!.key).toBe('PLACE:苏吉嘎查');
    const exact = findEntities(g, '苏吉嘎查');
    expect(exact[0]).toMatchObject({ key: 'PLACE:苏吉嘎查', match: 'label' });
    expect(exact[1]).toMatchObject({ key: 'ORGANIZATION:苏吉嘎查党支部', match: 'substring' });
  });

  it('filters by kind and describes what tells same names apart', () => {
    expect(findEntities(g, '苏吉嘎查', { kind: 'ORGANIZATION' }).map((m) => m.key)).toEqual(['ORGANIZATION:苏吉嘎查党支部']);
    const wangs = findEntities(g, '王伟');
    expect(wangs.map((m) => m.context).sort()).toEqual(['role:党支部书记 → 苏吉嘎查党支部', 'role:第一书记 → 伊和乌拉嘎查']);
  });

  it('looks a name written in traditional script up in simplified as well', () => {
    // labels and aliases of the fixture are simplified; 蘇吉嘎查 is 苏吉嘎查 in traditional script
    expect(findEntities(g, '蘇吉嘎查')[0]).toMatchObject({ key: 'PLACE:苏吉嘎查', match: 'label', matched: '苏吉嘎查' });
    expect(findEntities(g, '二連浩特')).toEqual(findEntities(g, '二连浩特'));
    expect(findEntities(g, '蘇吉嘎查').map((m) => m.key)).toEqual(findEntities(g, '苏吉嘎查').map((m) => m.key));
  });

  it('is deterministic and rejects an empty name', () => {
    expect(findEntities(g, '王')).toEqual(findEntities(g, '王'));
    expect(findEntities(g, '不存在的名字')).toEqual([]);
    expect(() => findEntities(g, '  ')).toThrow(InputError);
  });
});

describe('resolveEntity', () => {
  it('accepts a key, a unique label, an alias or a unique substring', () => {
    expect(resolveEntity(g, 'PERSON:王伟@伊和乌拉嘎查')).toBe('PERSON:王伟@伊和乌拉嘎查');
    expect(resolveEntity(g, '金宝')).toBe('PERSON:金宝');
    expect(resolveEntity(g, '新左旗')).toBe('PLACE:新巴尔虎左旗');
    expect(resolveEntity(g, '锡林郭勒')).toBe('PLACE:锡林郭勒盟');
  });

  it('prefers the exact label over substring matches of other entities', () => {
    // 苏吉嘎查 is also a substring of 苏吉嘎查党支部: the exact label wins, no ambiguity
    expect(resolveEntity(g, '苏吉嘎查')).toBe('PLACE:苏吉嘎查');
  });

  it('throws AmbiguousEntityError with every candidate for two 王伟', () => {
    let caught: unknown;
    try {
      resolveEntity(g, '王伟');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AmbiguousEntityError);
    expect(caught).toBeInstanceOf(InputError);
    const err = caught as AmbiguousEntityError;
    expect(err.candidates.map((c) => c.key).sort()).toEqual(['PERSON:王伟@伊和乌拉嘎查', 'PERSON:王伟@苏吉嘎查']);
    expect(err.message).toContain('PERSON:王伟@伊和乌拉嘎查');
    expect(err.message).not.toContain('\n');
    // a substring shared by several entities is ambiguous too
    expect(() => resolveEntity(g, '嘎查')).toThrow(AmbiguousEntityError);
  });

  it('throws UnknownEntityError for unknown names and kind mismatches', () => {
    expect(() => resolveEntity(g, '张三')).toThrow(UnknownEntityError);
    expect(() => resolveEntity(g, '金宝', { kind: 'PLACE' })).toThrow(/of kind PLACE/);
  });
});
