/**
 * The text as written. When traditional script was converted to simplified for analysis, an article keeps
 * its repaired text in the script of the source (`Article.written`) with a map from each analysis unit to
 * where it is written; evidence sentences and surface forms are read from there.
 */
import type { Article, WrittenText } from '../types.js';
import type { ScriptConversion } from './script.js';
import { unitsAt } from './codepoints.js';

/**
 * Writes analysis text `text` back in the given script. `toConverted[i]` is the index in the converted
 * text `conv.text` that unit i of `text` was taken from (the layout repair's map; units the repair
 * inserted, a line break or a space, are not copies and stay as they are). Consecutive units that come
 * from one written character (or one phrase OpenCC replaced by a different number of characters) are
 * written once.
 */
export function writtenForm(text: string, toConverted: Int32Array, conv: ScriptConversion, given: string): WrittenText {
  const cmap = conv.map;
  const parts: string[] = [];
  const map = new Int32Array(text.length + 1);
  let length = 0;
  let emittedEnd = -1; // end (given index) of the last written source character
  let emittedAt = 0; // written index where that character starts
  let prevConverted = -2;
  for (let i = 0; i < text.length; i++) {
    const j = toConverted[i]!;
    const copied = j < conv.text.length && conv.text.charCodeAt(j) === text.charCodeAt(i);
    if (!copied || !cmap) {
      map[i] = length;
      parts.push(text[i]!);
      length++;
      emittedEnd = -1;
      prevConverted = -2;
      continue;
    }
    const from = cmap[j]!;
    const cpEnd = from + unitsAt(given, from);
    if (from < emittedEnd && j === prevConverted + 1) {
      // the same written character (or phrase) as the unit before
      map[i] = emittedAt;
    } else {
      // Contiguous with the unit before: also write what a shorter replacement skipped.
      const start = j === prevConverted + 1 && emittedEnd >= 0 && emittedEnd < from ? emittedEnd : from;
      const piece = given.slice(start, cpEnd);
      map[i] = length;
      emittedAt = length;
      parts.push(piece);
      length += piece.length;
      emittedEnd = cpEnd;
    }
    prevConverted = j;
  }
  map[text.length] = length;
  return { text: parts.join(''), map };
}

/** The span of the written text where analysis span [s, e) of `article` is written. */
export function writtenSpan(w: WrittenText, s: number, e: number): [number, number] {
  const n = w.map.length - 1;
  const start = w.map[Math.max(0, Math.min(s, n))]!;
  if (e <= s) return [start, start];
  const last = w.map[Math.min(e - 1, n)]!;
  let k = Math.min(e, n);
  while (k < n && w.map[k]! <= last) k++;
  return [start, w.map[k]!];
}

/** The surface form of analysis span [s, e) as the article writes it. */
export function writtenText(article: Pick<Article, 'text' | 'written'>, s: number, e: number): string {
  if (!article.written) return article.text.slice(s, e);
  const [a, b] = writtenSpan(article.written, s, e);
  return article.written.text.slice(a, b);
}
