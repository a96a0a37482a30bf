/**
 * The rules' view of the national division index (src/lexicon/divisions.ts): exact full names and the
 * abbreviations it derives (新左旗 → 新巴尔虎左旗). Absent data file → no index (rules fall back to their
 * own heuristics).
 */
import { existsSync } from 'node:fs';
import { dataPath } from '../paths.js';
import { divisionIndex } from '../lexicon/divisions.js';
import type { PlaceIndex } from './rules/context.js';

let cached: PlaceIndex | null | undefined;

/** Abbreviations are only expanded for names that end like a division (旗 县 区 市 盟 …), never bare stems. */
const DIVISION_END = /(旗|县|区|市|盟|州|省)$/;

export function placeIndex(): PlaceIndex | undefined {
  if (cached !== undefined) return cached ?? undefined;
  if (!existsSync(dataPath('divisions.tsv.gz'))) {
    cached = null;
    return undefined;
  }
  const ix = divisionIndex();
  // A province's row holds its whole two-digit code, a prefecture's four (lower levels hold more digits).
  const codeDigits = (name: string): number => {
    const row = ix.byName.get(name);
    return row === undefined ? 0 : ix.codeLengthAt(row);
  };
  const unique = (name: string): string | undefined => {
    const rows = ix.byAlias.get(name);
    if (!rows || rows.length === 0) return undefined;
    const full = new Set(rows.map((row) => ix.nameAt(row)));
    return full.size === 1 ? [...full][0] : undefined;
  };
  cached = {
    isDivision: (name) => ix.byName.has(name),
    isProvince: (name) => codeDigits(name) === 2,
    isPrefecture: (name) => codeDigits(name) === 4,
    expandShortName: (name) => (name.length >= 2 && !ix.byName.has(name) ? unique(name) : undefined),
    expandAbbreviation: (name) => {
      if (name.length < 3 || !DIVISION_END.test(name) || ix.byName.has(name)) return undefined;
      // 新左旗 → 新巴尔虎左旗 keeps its suffix; 红旗 → 红旗区 is a bare stem that happens to end in 旗.
      const full = unique(name);
      return full && full.endsWith(name[name.length - 1]!) ? full : undefined;
    },
  };
  return cached;
}
