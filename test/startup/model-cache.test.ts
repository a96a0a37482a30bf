/**
 * The cache of the model's inference tables (src/parallel/model-cache.ts): what it reads back is the tables
 * the model file gives, byte for byte, and they tag alike; a damaged or foreign file (records without their tags
 * too) is ignored; only the
 * newest files stay in the folder. A one-shot build's extraction worker reads it (and the division index's) too.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelCache } from '../../src/parallel/model-cache.js';
import { cacheDir } from '../../src/util/table-file.js';
import { adoptSharedModel, loadModel, modelTables, tagSpans } from '../../src/entities/model/index.js';
import { segment } from '../../src/segment/jieba.js';
import { buildGraphFromPaths } from '../../src/pipeline.js';
import { toJSON } from '../../src/export/index.js';

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('model table cache', () => {
  it('reads back the tables the model file gives, which tag alike', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-cache-'));
    expect(modelCache.read(dir)).toBeUndefined();
    expect(modelCache.write(dir)).toBe(true);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const got = modelCache.read(dir)!;
    const want = modelTables();
    expect(got.path).toBe(want.path);
    expect(got.header).toEqual(want.header);
    expect(got.lexiconMaxLen).toBe(want.lexiconMaxLen);
    expect(got.packed.mask).toBe(want.packed.mask);
    expect(got.lexicon.zero).toBe(want.lexicon.zero);
    const pairs: Array<[ArrayBufferView | undefined, ArrayBufferView | undefined]> = [
      [got.trans, want.trans],
      [got.end, want.end],
      [got.packed.keys, want.packed.keys],
      [got.packed.weights, want.packed.weights],
      [got.packed.codes, want.packed.codes],
      [got.packed.values, want.packed.values],
      [got.lexicon.keys, want.lexicon.keys],
      [got.lexicon.vals, want.lexicon.vals],
    ];
    for (const [a, b] of pairs) {
      expect(a?.constructor).toBe(b?.constructor);
      if (a && b) expect(bytes(a).equals(bytes(b))).toBe(true);
    }
    const cached = adoptSharedModel({ ...got, path: '/nonexistent/cached-model.bin' });
    const text = '内蒙古自治区通辽市科尔沁区的王瑞新说，合作社负责人路国庆介绍了情况。新华社记者张建国报道。';
    const tokens = segment(text);
    const spans = tagSpans(text, tokens, cached, { scores: true });
    expect(spans.length).toBeGreaterThan(3);
    expect(spans).toEqual(tagSpans(text, tokens, loadModel(), { scores: true }));
  });

  it('ignores a damaged or foreign file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-cache-'));
    expect(modelCache.write(dir)).toBe(true);
    const file = join(dir, readdirSync(dir)[0]!);
    const good = readFileSync(file);
    expect(modelCache.read(dir)).toBeDefined();
    writeFileSync(file, Buffer.from('not a table file'));
    expect(modelCache.read(dir)).toBeUndefined();
    writeFileSync(file, Buffer.concat([Buffer.from('ZHKGTAB1'), Buffer.from([2, 0, 0, 0]), Buffer.from('{}')]));
    expect(modelCache.read(dir)).toBeUndefined();
    writeFileSync(file, good.subarray(0, good.length - 1000)); // cut short
    expect(modelCache.read(dir)).toBeUndefined();
    // A table of one-byte codes whose records lost their keys' tags (the lookup reads them): no table either.
    const codes = modelTables().packed.codes!;
    const at = good.indexOf(bytes(codes));
    expect(at).toBeGreaterThan(0);
    const keys = modelTables().packed.keys;
    const slot = keys.findIndex((h) => h !== 0);
    const untagged = Buffer.from(good);
    untagged.fill(0, at + slot * 16 + 13, at + slot * 16 + 16);
    writeFileSync(file, untagged);
    expect(modelCache.read(dir)).toBeUndefined();
    writeFileSync(file, good);
    expect(modelCache.read(dir)).toBeDefined();
  });

  it('keeps the newest four files of the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-cache-'));
    const old = ['a', 'b', 'c', 'd', 'e'].map((v, i) => {
      const name = `ner-tables-${v}-v8-0.bin`;
      writeFileSync(join(dir, name), 'x');
      const t = Date.now() / 1000 - 1000 + i; // e newest
      utimesSync(join(dir, name), t, t);
      return name;
    });
    writeFileSync(join(dir, 'other.txt'), 'kept');
    expect(modelCache.write(dir)).toBe(true);
    const left = readdirSync(dir).sort();
    expect(left).toHaveLength(5);
    expect(left).toContain('other.txt');
    expect(left.filter((n) => old.includes(n))).toEqual(['ner-tables-c-v8-0.bin', 'ner-tables-d-v8-0.bin', 'ner-tables-e-v8-0.bin']);
  });

  it('a folder that cannot be made is no cache, and ZHKG_CACHE_DIR= turns it off', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-cache-'));
    writeFileSync(join(dir, 'file'), 'x');
    expect(modelCache.write(join(dir, 'file', 'sub'))).toBe(false);
    expect(modelCache.read(join(dir, 'file', 'sub'))).toBeUndefined();
    expect(cacheDir({ ZHKG_CACHE_DIR: '' })).toBeUndefined();
    expect(cacheDir({ ZHKG_CACHE_DIR: '/x/y' })).toBe('/x/y');
    expect(cacheDir({ XDG_CACHE_HOME: '/c' })).toBe('/c/zhkg');
  });

  it('serves the extraction worker of a one-shot build, which writes the caches when they are empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-cache-'));
    const page = join(import.meta.dirname, '..', '..', 'data', '000_6a6b28fc1a4d90e2.txt');
    const before = process.env['ZHKG_CACHE_DIR'];
    // Read by the worker threads the build starts (they take the environment as it is then).
    process.env['ZHKG_CACHE_DIR'] = dir;
    try {
      // On the pool (parallelMinBytes 0): the main thread segments, one worker recognizes.
      const options = { workers: 2, parallelMinBytes: 0, oneShot: true, layout: false, facts: false } as const;
      const first = await buildGraphFromPaths([page], options);
      const tables = readdirSync(dir).filter((n) => n.startsWith('ner-tables-') || n.startsWith('divisions-'));
      expect(tables.map((n) => n.split('-')[0]).sort()).toEqual(['divisions', 'ner']);
      const written = tables.map((n) => statSync(join(dir, n)));
      const second = await buildGraphFromPaths([page], options);
      // The second build's worker read the files: one that found no usable cache would have written new ones.
      expect(tables.map((n) => statSync(join(dir, n))).map((a) => [a.ino, a.mtimeMs])).toEqual(written.map((w) => [w.ino, w.mtimeMs]));
      expect(first.graph.order).toBeGreaterThan(50);
      expect(toJSON(second.graph)).toBe(toJSON(first.graph));
    } finally {
      if (before === undefined) delete process.env['ZHKG_CACHE_DIR'];
      else process.env['ZHKG_CACHE_DIR'] = before;
    }
  });
});
