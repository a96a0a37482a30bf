import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entitiesFromGraph, entitiesFromMentions, loadSeedGold, normalizePage, scoreEntities, type GoldEntity } from '../../src/eval/seed.js';

const gold: GoldEntity[] = [
  { name: '新巴尔虎左旗', type: 'PLACE', aliases: ['新左旗'] },
  { name: '金宝', type: 'PERSON', aliases: [] },
  { name: '尖刀班', type: 'PROGRAM', aliases: [] },
];

describe('seed-page entity scoring', () => {
  it('matches by name or alias within a kind', () => {
    const s = scoreEntities(gold, [
      { kind: 'PLACE', names: ['新左旗'] },
      { kind: 'PLACE', names: ['金宝'] },
      { kind: 'PERSON', names: ['金宝'] },
    ]);
    expect(s.overall.tp).toBe(2);
    expect(s.overall.fp).toBe(1);
    expect(s.overall.fn).toBe(1);
    expect(s.missed.map((e) => e.name)).toEqual(['尖刀班']);
    expect(s.byKind.PERSON.f1).toBe(1);
    expect(s.byKind.PLACE.precision).toBe(0.5);
  });

  it('groups mentions by canonical name and reads graph nodes', () => {
    const e = entitiesFromMentions([
      { start: 0, end: 3, text: '新左旗', kind: 'PLACE', canonical: '新巴尔虎左旗' },
      { start: 9, end: 15, text: '新巴尔虎左旗', kind: 'PLACE' },
    ]);
    expect(e).toEqual([{ kind: 'PLACE', names: ['新巴尔虎左旗', '新左旗'] }]);
    const nodes: Array<[string, Record<string, unknown>]> = [
      ['a', { label: '金宝', kind: 'PERSON', aliases: [] }],
      ['b', { label: 'x', kind: 'ARTICLE' }],
    ];
    const g = { forEachNode: (cb: (k: string, a: Record<string, unknown>) => void) => nodes.forEach(([k, a]) => cb(k, a)) };
    expect(entitiesFromGraph(g)).toEqual([{ kind: 'PERSON', names: ['金宝'] }]);
  });

  it('normalizes PDF damage line by line and reports the gaps', () => {
    const n = normalizePage('本报记者 巴依斯古楞 二连浩特报记者\n推送 H5、短视频');
    expect(n.text).toBe('本报记者巴依斯古楞二连浩特报记者\n推送H5、短视频');
    expect(n.gaps).toEqual([4, 9, 19]);
  });

  it('refuses a gold file without entities or with a bad kind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-seed-'));
    writeFileSync(join(dir, 'a.json'), '{"documents": []}');
    writeFileSync(join(dir, 'b.json'), '{"entities": [{"name": "x", "type": "THING", "aliases": []}]}');
    expect(() => loadSeedGold(join(dir, 'a.json'))).toThrow(/entities/);
    expect(() => loadSeedGold(join(dir, 'b.json'))).toThrow(/bad entity/);
  });
});
