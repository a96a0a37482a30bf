/**
 * Gazetteer entries for the model's soft-dictionary features, built at training time from resources the
 * project ships (never from the training sentences, so no fold sees its own names through them):
 * - Chinese administrative divisions down to township level from `data/divisions.tsv.gz`, as full names
 *   (河北省, 石家庄市, 东华门街道) and as stems without the level suffix (河北, 石家庄, 东华门) and derived
 *   abbreviations (科左中旗), which is how newspapers mostly write them. Villages (620k rows) are left out:
 *   they would make the model file ten times larger and slower to load, and village names are rare in news.
 * - World places (`data/lexicon/world-places.txt`: continents, regions, countries, capitals).
 * The entries travel inside the model file (see format.ts), so run time needs no extra loading.
 */
import { readFileSync } from 'node:fs';
import { dataPath } from '../../paths.js';
import { derivedAliases, divisionIndex } from '../../lexicon/divisions.js';
import { LEX_DIV_HIGH, LEX_DIV_HIGH_STEM, LEX_DIV_TOWN, LEX_DIV_TOWN_STEM, LEX_WORLD } from './features.js';

/** Level suffixes stripped to get a division's stem, longest first. */
const LEVEL_SUFFIXES = ['特别行政区', '自治区', '自治州', '自治县', '自治旗', '地区', '街道', '苏木', '省', '市', '盟', '县', '旗', '区', '镇', '乡'];

function stem(name: string): string | undefined {
  for (const s of LEVEL_SUFFIXES) {
    if (name.length > s.length && name.endsWith(s)) {
      // Autonomous units (广西壮族自治区 → 广西) are left to derivedAliases, which knows their patterns.
      if (s.startsWith('自治')) return undefined;
      const st = name.slice(0, -s.length);
      return st.length >= 2 ? st : undefined;
    }
  }
  return undefined;
}

/** Names of the divisions down to township level, and world places, with their LEX_* gazetteer flags. */
export function gazetteerEntries(): Array<[string, number]> {
  const m = new Map<string, number>();
  const add = (w: string, bit: number): void => {
    if (w.length >= 2) m.set(w, (m.get(w) ?? 0) | bit);
  };
  const index = divisionIndex();
  for (let row = 0; row < index.count; row++) {
    const tab = index.codeLengthAt(row);
    if (tab === 3) continue; // village
    const name = index.nameAt(row);
    const high = tab <= 6;
    add(name, high ? LEX_DIV_HIGH : LEX_DIV_TOWN);
    const st = stem(name);
    if (st !== undefined && st !== name) add(st, high ? LEX_DIV_HIGH_STEM : LEX_DIV_TOWN_STEM);
    if (high) for (const a of derivedAliases(name)) add(a, LEX_DIV_HIGH_STEM);
  }
  for (const line of readFileSync(dataPath('lexicon/world-places.txt'), 'utf8').split('\n')) {
    if (line.startsWith('#')) continue;
    for (const w of line.split(/\s+/)) if (w) add(w, LEX_WORLD);
  }
  return [...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
