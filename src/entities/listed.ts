/**
 * People named in a list (华罗庚、茅以升、X、苏步青): an inner item (between two 、) between two people the recognizer
 * found, or beside one in a list where it found three or more, is a person too where nothing else reads it. People's
 * Daily dev 5 right / 1 wrong (scholars, collectors and foreign delegates the model left out beside found ones;
 * wrong: a cartoon character among others); the genre set and 85 fresh genre pages have no case (3 Dec 2026). Beside
 * one person in a list of two it took activities (野餐 among a list of pastimes): dev 0 right / 2 wrong.
 */
import type { Candidate } from './rules/context.js';

/** An item read as a person: two to four Han characters (or ·). */
const ITEM = /^[\u4e00-\u9fff·]{2,4}$/;
/** The longest item a list is walked over. */
const MAX_ITEM = 8;

/** The inner list items beside chosen people (see above) that no chosen mention overlaps, as `person:listed`. */
export function listedPersons(text: string, chosen: readonly Candidate[]): Candidate[] {
  const startAt = new Map<number, Candidate>();
  const endAt = new Map<number, Candidate>();
  for (const c of chosen) {
    if (c.kind !== 'PERSON') continue;
    startAt.set(c.start, c);
    endAt.set(c.end, c);
  }
  const out: Candidate[] = [];
  if (startAt.size < 2 || !text.includes('、')) return out;
  // The separators of each list: 、 no more than MAX_ITEM characters apart, with no other punctuation between.
  const lists: number[][] = [];
  let current: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '、') continue;
    const last = current[current.length - 1];
    if (last !== undefined && (i - last - 1 > MAX_ITEM || !/^[\u4e00-\u9fff·]*$/.test(text.slice(last + 1, i)))) {
      lists.push(current);
      current = [];
    }
    current.push(i);
  }
  lists.push(current);
  for (const seps of lists) {
    if (seps.length < 2) continue;
    // People of the list: ending at one of its 、 or starting right after one (each counted once).
    const people = new Set<Candidate>();
    for (const p of seps) {
      const before = endAt.get(p);
      const after = startAt.get(p + 1);
      if (before) people.add(before);
      if (after) people.add(after);
    }
    if (people.size < 2) continue;
    for (let k = 0; k + 1 < seps.length; k++) {
      const s = seps[k]! + 1;
      const e = seps[k + 1]!;
      const before = endAt.has(s - 1);
      const after = startAt.has(e + 1);
      // Between two people, or beside one in a list of three or more.
      if (!ITEM.test(text.slice(s, e)) || !(before || after) || (!(before && after) && people.size < 3)) continue;
      if (chosen.some((o) => o.start < e && s < o.end)) continue;
      out.push({ start: s, end: e, kind: 'PERSON', priority: 2, rule: 'person:listed' });
    }
  }
  return out;
}
