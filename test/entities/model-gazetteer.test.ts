/**
 * Gazetteer features of the NER model: the entries built from the shipped division
 * index and world-place list, and the features they fire.
 */
import { describe, expect, it } from 'vitest';
import type { Token } from '../../src/types.js';
import { gazetteerEntries } from '../../src/entities/model/gazetteer.js';
import { LEX_DIV_HIGH, LEX_DIV_HIGH_STEM, LEX_DIV_TOWN, LEX_WORLD, NUM_TEMPLATES, buildLexicon, extractFeatures } from '../../src/entities/model/features.js';

describe('gazetteer entries', () => {
  const entries = new Map(gazetteerEntries());

  it('holds divisions down to township level as full names and as stems', () => {
    expect(entries.get('河北省')! & LEX_DIV_HIGH).toBeTruthy();
    expect(entries.get('河北')! & LEX_DIV_HIGH_STEM).toBeTruthy();
    expect(entries.get('库伦旗')! & LEX_DIV_HIGH).toBeTruthy();
    // Derived abbreviations of banners and autonomous regions.
    expect(entries.get('科左中旗')! & LEX_DIV_HIGH_STEM).toBeTruthy();
    expect(entries.get('广西')! & LEX_DIV_HIGH_STEM).toBeTruthy();
    expect(entries.get('东华门街道')! & LEX_DIV_TOWN).toBeTruthy();
  });

  it('leaves villages out and keeps no one-character entry', () => {
    // 多福巷社区 is a village-level row of the index (under 东华门街道).
    expect(entries.has('多福巷社区')).toBe(false);
    for (const w of entries.keys()) expect(w.length).toBeGreaterThanOrEqual(2);
  });

  it('holds world places from data/lexicon/world-places.txt', () => {
    for (const w of ['美国', '巴黎', '非洲', '太平洋']) expect(entries.get(w)! & LEX_WORLD).toBeTruthy();
  });

  it('is sorted and deterministic', () => {
    const a = gazetteerEntries();
    expect(a).toEqual(gazetteerEntries());
    for (let i = 1; i < a.length; i++) expect(a[i - 1]![0] < a[i]![0]).toBe(true);
  });
});

describe('gazetteer features', () => {
  const text = '他去了库伦旗和美国';
  const tokens: Token[] = [
    { word: '他', tag: 'r', start: 0, end: 1 },
    { word: '去', tag: 'v', start: 1, end: 2 },
    { word: '了', tag: 'ul', start: 2, end: 3 },
    { word: '库伦旗', tag: 'ns', start: 3, end: 6 },
    { word: '和', tag: 'c', start: 6, end: 7 },
    { word: '美国', tag: 'ns', start: 7, end: 9 },
  ];
  const changedUnits = (a: Uint32Array, b: Uint32Array): boolean[] =>
    [...text].map((_, i) => {
      for (let f = 0; f < NUM_TEMPLATES; f++) if (a[i * NUM_TEMPLATES + f] !== b[i * NUM_TEMPLATES + f]) return true;
      return false;
    });

  it('fire on exactly the characters of gazetteer entries', () => {
    const lex = buildLexicon([
      ['库伦旗', LEX_DIV_HIGH],
      ['美国', LEX_WORLD],
    ]);
    expect(changedUnits(extractFeatures(text, tokens, lex), extractFeatures(text, tokens))).toEqual([false, false, false, true, true, true, false, true, true]);
  });

  it('distinguish entry kinds and positions', () => {
    const asDivision = extractFeatures(text, tokens, buildLexicon([['美国', LEX_DIV_HIGH]]));
    const asWorld = extractFeatures(text, tokens, buildLexicon([['美国', LEX_WORLD]]));
    const row = (f: Uint32Array, i: number): number[] => [...f.subarray(i * NUM_TEMPLATES, (i + 1) * NUM_TEMPLATES)];
    expect(row(asDivision, 7)).not.toEqual(row(asWorld, 7));
    // Begin and end of the same entry fire different features.
    expect(row(asWorld, 7).filter((h) => h !== 0)).not.toEqual(row(asWorld, 8).filter((h) => h !== 0));
  });
});
