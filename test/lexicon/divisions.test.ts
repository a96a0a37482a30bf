import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { dataPath } from '../../src/paths.js';
import {
  derivedAliases,
  divisionIndex,
  divisionIndexFromTables,
  divisionTables,
  lookupPlace,
  parseDivisions,
  resolvePlace,
} from '../../src/lexicon/divisions.js';
import { villageName } from '../../scripts/build-divisions.js';

describe('build-divisions villageName', () => {
  it('strips committee suffixes to the place name', () => {
    expect(villageName('楼梓庄村委会')).toBe('楼梓庄村');
    expect(villageName('小红门村民委员会')).toBe('小红门村');
    expect(villageName('沟口子村村民委会')).toBe('沟口子村');
    expect(villageName('伊和乌拉嘎查委员会')).toBe('伊和乌拉嘎查');
    expect(villageName('多福巷社区居委会')).toBe('多福巷社区');
    expect(villageName('六铺炕南小街居委会')).toBe('六铺炕南小街社区');
    expect(villageName('苏吉嘎查')).toBe('苏吉嘎查');
  });
});

describe('lookupPlace', () => {
  it('expands derivable abbreviations with code and ancestor chain', () => {
    const [x, ...rest] = lookupPlace('新左旗');
    expect(rest).toEqual([]);
    expect(x).toMatchObject({ name: '新巴尔虎左旗', code: '150726', level: 'county', match: 'abbreviation' });
    expect(x!.ancestors.map((a) => a.name)).toEqual(['内蒙古自治区', '呼伦贝尔市']);
    expect(lookupPlace('科左中旗').map((c) => c.name)).toEqual(['科尔沁左翼中旗']);
    expect(lookupPlace('鄂').map((c) => c.name)).toEqual(['湖北省']);
    expect(lookupPlace('通辽').map((c) => c.code)).toEqual(['1505']);
  });

  it('finds short forms by level suffix, all homonyms of an exact name, nothing for non-places', () => {
    const short = lookupPlace('伊和乌拉');
    expect(short.length).toBeGreaterThanOrEqual(2);
    expect(short.every((c) => c.name === '伊和乌拉嘎查' && c.match === 'suffix' && c.level === 'village')).toBe(true);
    const su = lookupPlace('苏吉嘎查').filter((c) => c.code.startsWith('15'));
    expect(su).toHaveLength(6);
    expect(su.find((c) => c.code === '152501200202')!.ancestors.map((a) => a.name)).toEqual(['内蒙古自治区', '锡林郭勒盟', '二连浩特市', '格日勒敖都苏木']);
    expect(lookupPlace('党员突击队')).toEqual([]);
    expect(lookupPlace('')).toEqual([]);
    expect(() => lookupPlace(3 as never)).toThrow(TypeError);
  });
});

describe('resolvePlace', () => {
  it('picks the homonym whose ancestors the context names, and does not guess otherwise', () => {
    expect(resolvePlace('苏吉嘎查', ['锡林郭勒盟', '二连浩特市', '格日勒敖都苏木'])?.code).toBe('152501200202');
    expect(resolvePlace('苏吉嘎查', [])).toBeUndefined();
    // Two 苏吉嘎查 lie in 巴林右旗: the banner alone is a tie.
    expect(resolvePlace('苏吉嘎查', ['巴林右旗'])).toBeUndefined();
    expect(resolvePlace('苏吉嘎查', ['巴林右旗', '西拉沐沦苏木'])?.code).toBe('150423200200');
    expect(resolvePlace('嵯岗镇', [])?.code).toBe('150726101');
    expect(resolvePlace('碧桂园小区', ['通辽市'])).toBeUndefined();
    expect(() => resolvePlace('苏吉嘎查', 'x' as never)).toThrow(TypeError);
  });

  it('reads a bare name shared by a city and a county of that city as the city, and guesses no further', () => {
    // 乌鲁木齐 is 乌鲁木齐市 (6501) or its county 乌鲁木齐县 (650121): the region named or not, the city.
    expect(lookupPlace('乌鲁木齐').map((c) => c.code)).toEqual(['6501', '650121']);
    expect(resolvePlace('乌鲁木齐', [])?.code).toBe('6501');
    expect(resolvePlace('乌鲁木齐', ['新疆'])?.code).toBe('6501');
    expect(resolvePlace('乌鲁木齐县', ['新疆'])?.code).toBe('650121');
    // 朝阳: districts of 北京 and 长春, a city of 辽宁 and its county; no reading holds all the others.
    expect(resolvePlace('朝阳', [])).toBeUndefined();
    expect(resolvePlace('朝阳', ['辽宁'])?.code).toBe('2113');
  });
});

describe('parseDivisions', () => {
  it('links parents through full and 3-digit village lines, and derives aliases', () => {
    const text = '15\t内蒙古自治区\n1507\t呼伦贝尔市\n150726\t新巴尔虎左旗\n150726101\t嵯岗镇\n201\t伊和乌拉嘎查\n';
    const idx = parseDivisions(gzipSync(Buffer.from(text)));
    const [c] = lookupPlace('伊和乌拉', idx);
    expect(c!.code).toBe('150726101201');
    expect(c!.ancestors.map((a) => a.code)).toEqual(['15', '1507', '150726', '150726101']);
    expect(lookupPlace('新左旗', idx)[0]!.name).toBe('新巴尔虎左旗');
    expect(idx.count).toBe(5);
    // a row's parts are its line's
    expect([0, 1, 2, 3, 4].map((r) => `${idx.codeAt(r)}\t${idx.nameAt(r)}`)).toEqual(text.trimEnd().split('\n'));
    expect([0, 1, 2, 3, 4].map((r) => [idx.nameAt(r), idx.codeLengthAt(r)])).toEqual([
      ['内蒙古自治区', 2],
      ['呼伦贝尔市', 4],
      ['新巴尔虎左旗', 6],
      ['嵯岗镇', 9],
      ['伊和乌拉嘎查', 3],
    ]);
    // A last line without its newline is a row too; a line without a tab, or an empty one, is refused.
    expect(parseDivisions(gzipSync(Buffer.from('15\t内蒙古自治区\n1507\t呼伦贝尔市'))).nameAt(1)).toBe('呼伦贝尔市');
    expect(() => parseDivisions(gzipSync(Buffer.from('15\t内蒙古自治区\n\n1507\t呼伦贝尔市\n')))).toThrow(/malformed line 2/);
    expect(() => parseDivisions(gzipSync(Buffer.from('15 内蒙古\n')))).toThrow(/malformed/);
    expect(() => parseDivisions(gzipSync(Buffer.from('201\t某村\n')))).toThrow(/before any township/);
    expect(derivedAliases('科尔沁左翼后旗')).toContain('科左后旗');
    expect(derivedAliases('鄂温克族自治旗')).toContain('鄂温克旗');
  });

  it('makes the same index again from its arrays, and refuses arrays that do not fit together', () => {
    const idx = parseDivisions(gzipSync(Buffer.from('15\t内蒙古自治区\n1507\t呼伦贝尔市\n150726\t新巴尔虎左旗\n150726101\t嵯岗镇\n201\t伊和乌拉嘎查')));
    const t = divisionTables(idx);
    const again = divisionIndexFromTables(t);
    expect([0, 1, 2, 3, 4].map((r) => again.nameAt(r))).toEqual([0, 1, 2, 3, 4].map((r) => idx.nameAt(r)));
    expect(lookupPlace('伊和乌拉', again)).toEqual(lookupPlace('伊和乌拉', idx));
    expect([...again.byAlias]).toEqual([...idx.byAlias]);
    expect(() => divisionIndexFromTables({ ...t, parent: t.parent.subarray(1) })).toThrow(RangeError);
    expect(() => divisionIndexFromTables({ ...t, units: t.units.subarray(0, 10) })).toThrow(RangeError);
    expect(() => divisionIndexFromTables({ ...t, codeLength: Uint8Array.of(2, 4, 5, 9, 3) })).toThrow(/bad row 2/);
    expect(() => divisionIndexFromTables({ ...t, names: new Int32Array(8) })).toThrow(/name table/);
    expect(() => divisionIndexFromTables({ ...t, names: new Int32Array(t.names.length).fill(1) })).toThrow(/empty slot/);
    expect(() => divisionIndexFromTables({ ...t, names: new Int32Array(t.names.length).fill(9) })).toThrow(/names no row/);
    expect(() => divisionTables({ ...idx })).toThrow(TypeError);
  });

  it('finds each name of the bundled index as a Map of its lines does: the last row so named, chained to the ones before', () => {
    const ix = divisionIndex();
    const last = new Map<string, number>();
    const wrong: string[] = [];
    // the file's lines, read here on their own
    const lines = gunzipSync(readFileSync(dataPath('divisions.tsv.gz')))
      .toString('utf8')
      .trimEnd()
      .split('\n');
    expect(ix.count).toBe(lines.length);
    lines.forEach((line, row) => {
      const tab = line.indexOf('\t');
      const name = line.slice(tab + 1);
      if (ix.nameAt(row) !== name || ix.codeLengthAt(row) !== tab || ix.codeAt(row) !== line.slice(0, tab)) wrong.push(`parts of ${row}`);
      if (ix.next[row] !== (last.get(name) ?? -1)) wrong.push(`next of ${row}`);
      last.set(name, row);
    });
    for (const [name, row] of last) {
      if (ix.byName.get(name) !== row) wrong.push(name);
      // Names that are not there: one character more or less (a prefix of a longer name, or an extension).
      if (ix.byName.has(`${name}某`) || (name.length > 1 && !last.has(name.slice(0, -1)) && ix.byName.has(name.slice(0, -1)))) wrong.push(`near ${name}`);
    }
    expect(last.size).toBeGreaterThan(300_000);
    expect(wrong).toEqual([]);
    expect(ix.byName.get('')).toBeUndefined();
  });
});
