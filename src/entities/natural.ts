/**
 * Natural places named by a region and a landform (巴尔虎草原, 科尔沁沙地, 乌兰布和沙漠): where the recognizer reads the
 * region as a place and a landform head follows it, nested readings (the graph's) read the whole as the place, as the
 * genre's news names it (科尔沁草原 is a place of the genre gold, its stem no place of its own there). jieba knows some
 * such names as one place word (rules/place.ts `naturalPlaces`); the others the model reads as the region alone. Flat
 * readings keep the stem, as People's Daily marks it (flat.ts).
 */
import type { Mention } from '../types.js';

/** Landform heads after a region's name, longest first. */
const LANDFORM = /^(大草原|草原|沙地|沙漠|高原|盆地|山脉|湿地|戈壁|草甸)/;

/** The last character of a division's name with its level (旗, 县, 市 …). */
const DIVISION_LEVEL = /[省市县区旗盟州镇乡村]$/;

/** The full name of a province-level division. */
const PROVINCE = /(省|自治区)$/;

/** `mentions` with each place that a landform head follows widened over the head (see above), in order. */
export function withNaturalWholes<M extends Mention & { rule?: string }>(text: string, mentions: readonly M[], rule?: string): M[] {
  return mentions.map((p) => {
    // A division's grassland (X旗草原) is the division's land, not a natural place's name.
    // Nor is a province's (内蒙古草原, 内蒙古沙漠: what lies in the province, not one place).
    if (p.kind !== 'PLACE' || DIVISION_LEVEL.test(p.text) || PROVINCE.test(p.canonical ?? '')) return p;
    const head = LANDFORM.exec(text.slice(p.end, p.end + 3))?.[1];
    if (!head) return p;
    const end = p.end + head.length;
    // Where another reading covers the head (a body named after the grassland, a name that starts there), it stays.
    if (mentions.some((o) => o !== p && o.start < end && o.end > p.end)) return p;
    const { canonical: _canonical, ...rest } = p;
    return { ...rest, end, text: text.slice(p.start, end), ...(rule ? { rule } : {}) } as M;
  });
}
