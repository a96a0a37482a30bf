/**
 * The cache of the division index (src/parallel/divisions-cache.ts): what it reads back is the index the data
 * file gives (its arrays byte for byte, its aliases, and the same answers to lookups); a damaged, foreign or
 * inconsistent file is ignored; the folder keeps its newest files.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { divisionsCache, encodeDivisionTables } from '../../src/parallel/divisions-cache.js';
import { divisionIndex, divisionTables, lookupPlace, resolvePlace } from '../../src/lexicon/divisions.js';

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('division index cache', () => {
  it('reads back the index the data file gives, which answers alike', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-cache-'));
    expect(divisionsCache.read(dir)).toBeUndefined();
    expect(divisionsCache.write(dir)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.startsWith('divisions-'))).toHaveLength(1);
    const got = divisionsCache.read(dir)!;
    const want = divisionIndex();
    expect(got).not.toBe(want);
    expect(got.count).toBe(want.count);
    const [a, b] = [divisionTables(got), divisionTables(want)];
    for (const k of ['units', 'starts', 'codeLength', 'parent', 'next', 'names'] as const) {
      expect(a[k].constructor, k).toBe(b[k].constructor);
      expect(bytes(a[k]).equals(bytes(b[k])), k).toBe(true);
    }
    expect([...got.byAlias]).toEqual([...want.byAlias]);
    for (const row of [0, 1, 1000, 123_456, want.count - 1]) {
      expect(got.nameAt(row)).toBe(want.nameAt(row));
      expect(got.codeAt(row)).toBe(want.codeAt(row));
      expect(got.codeLengthAt(row)).toBe(want.codeLengthAt(row));
    }
    for (const name of ['内蒙古自治区', '通辽', '科左中旗', '新左旗', '鄂', '乌鲁木齐', '东城区', '伊和乌拉', '不是地名的词', '']) {
      expect(lookupPlace(name, got), name).toEqual(lookupPlace(name, want));
    }
    expect(lookupPlace('通辽', got).length).toBeGreaterThan(0);
    expect(resolvePlace('东城区', ['北京市'], got)).toEqual(resolvePlace('东城区', ['北京市'], want));
  });

  it('ignores a damaged, foreign or inconsistent file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-cache-'));
    expect(divisionsCache.write(dir)).toBe(true);
    const file = join(dir, readdirSync(dir)[0]!);
    const good = readFileSync(file);
    expect(divisionsCache.read(dir)).toBeDefined();
    writeFileSync(file, Buffer.from('not a table file'));
    expect(divisionsCache.read(dir)).toBeUndefined();
    writeFileSync(file, good.subarray(0, good.length - 1000)); // cut short
    expect(divisionsCache.read(dir)).toBeUndefined();
    // well-formed sections whose arrays do not make an index: a row longer than the text, a parent after its row
    const t = divisionTables(divisionIndex());
    writeFileSync(file, encodeDivisionTables({ ...t, units: t.units.subarray(0, 1000) }));
    expect(divisionsCache.read(dir)).toBeUndefined();
    const parent = Int32Array.from(t.parent);
    parent[10] = 20;
    writeFileSync(file, encodeDivisionTables({ ...t, parent }));
    expect(divisionsCache.read(dir)).toBeUndefined();
    writeFileSync(file, good);
    expect(divisionsCache.read(dir)).toBeDefined();
  });

  it('a folder that cannot be made is no cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-cache-'));
    writeFileSync(join(dir, 'file'), 'x');
    expect(divisionsCache.write(join(dir, 'file', 'sub'))).toBe(false);
    expect(divisionsCache.read(join(dir, 'file', 'sub'))).toBeUndefined();
    expect(readdirSync(dir)).toEqual(['file']);
  });
});
