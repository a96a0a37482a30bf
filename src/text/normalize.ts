/**
 * Repair of PDF damage: white space inside words and lost quotation marks between Chinese characters.
 * Every normalized character keeps the index of the original character it came from, so evidence can
 * point back into the file as given.
 */
import type { NormalizedText } from '../types.js';

/** Han ideographs, CJK punctuation, fullwidth forms, Chinese quotation marks and dashes. */
export function isCjk(code: number): boolean {
  return (
    (code >= 0x2e80 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xffef) ||
    (code >= 0x2018 && code <= 0x201d) ||
    code === 0x2014 ||
    code === 0x2026 ||
    code === 0x00b7 ||
    // surrogates: CJK extension B–F ideographs (and emoji, where removing a space is harmless too)
    (code >= 0xd800 && code <= 0xdfff)
  );
}

/** White space as PDF extraction produces it: ASCII blanks, NBSP, ideographic space, line breaks. */
export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c || code === 0xa0 || code === 0x3000 || code === 0x0b;
}

/** Accumulates normalized text together with its map to original indices. */
export class MappedTextBuilder {
  private readonly parts: string[] = [];
  private readonly offsets: number[] = [];
  readonly gaps: number[] = [];
  length = 0;

  /** Appends original[i] (one UTF-16 unit) at original index i. */
  push(ch: string, originalIndex: number): void {
    this.parts.push(ch);
    this.offsets.push(originalIndex);
    this.length++;
  }

  /** Marks that white space was removed just before the next character. */
  markGap(): void {
    if (this.gaps[this.gaps.length - 1] !== this.length) this.gaps.push(this.length);
  }

  /** The text appended since index `from` (a byline or a caption just written). */
  textFrom(from: number): string {
    return this.parts.slice(from).join('');
  }

  lastChar(): string {
    return this.parts[this.parts.length - 1] ?? '';
  }

  /**
   * Finishes the text. `originalEnd` is the original index just past the last character (map sentinel).
   */
  build(originalEnd: number): NormalizedText {
    const map = new Int32Array(this.length + 1);
    for (let i = 0; i < this.length; i++) map[i] = this.offsets[i]!;
    map[this.length] = this.length > 0 ? this.offsets[this.length - 1]! + 1 : originalEnd;
    return { text: this.parts.join(''), map, gaps: this.gaps.filter((g) => g > 0 && g < this.length) };
  }
}

/**
 * A pronunciation some web mirrors print after every character of a converted page (鄉(xiāng)村, 內(nèi)蒙古): a pinyin
 * syllable in ASCII brackets with a tone mark, right after a Han character.
 */
const READING_SOURCE = '\\([a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,5}\\)';
/** Han ideographs (BMP blocks), as a character class's contents. */
const HAN_UNITS = '\\u3400-\\u9fff\\uf900-\\ufaff';
const HAN_UNIT = new RegExp(`^[${HAN_UNITS}]$`);
const READING = new RegExp(`^${READING_SOURCE}`);
const READINGS = new RegExp(`(?<=[${HAN_UNITS}])${READING_SOURCE}`, 'g');

/** `s` without the pinyin readings a mirror prints after characters (for titles shown as written). */
export function withoutReadings(s: string): string {
  return s.includes('(') ? s.replace(READINGS, '') : s;
}

/**
 * Appends original[start, end) to the builder, dropping the pinyin readings some mirrors insert after
 * characters (鄉(xiāng)村 → 鄉村) and removing each white-space run that touches a Chinese
 * character on either side (PDF damage) and collapsing other runs (between Latin words) to one space.
 * Leading and trailing white space of the range is dropped.
 */
export function appendRepaired(b: MappedTextBuilder, original: string, start: number, end: number): void {
  let i = start;
  while (i < end) {
    const code = original.charCodeAt(i);
    if (code === 0x28 && HAN_UNIT.test(b.lastChar())) {
      const reading = READING.exec(original.slice(i, Math.min(end, i + 14)));
      if (reading) {
        i += reading[0].length;
        continue;
      }
    }
    if (!isSpace(code)) {
      b.push(original[i]!, i);
      i++;
      continue;
    }
    let j = i;
    while (j < end && isSpace(original.charCodeAt(j))) j++;
    const prev = b.length > 0 ? b.lastChar().charCodeAt(0) : -1;
    const next = j < end ? original.charCodeAt(j) : -1;
    if (prev >= 0 && next >= 0) {
      if (isCjk(prev) || isCjk(next)) {
        // A line break is a gap too: on a web page it ends a line of its own (a byline, a time stamp and
        // its outlet); in a PDF it may be a wrap inside a word, as a space may be.
        b.markGap();
      } else {
        b.push(' ', i);
      }
    }
    i = j;
  }
}

/** Normalizes a whole text (one line or one document) without any layout analysis. */
export function normalizeText(original: string): NormalizedText {
  const b = new MappedTextBuilder();
  appendRepaired(b, original, 0, original.length);
  return b.build(original.length);
}

/** Maps a normalized half-open span back to a half-open span of the original text. */
export function toOriginalSpan(n: { map: Int32Array }, start: number, end: number): [number, number] {
  if (end <= start) {
    const at = n.map[Math.min(start, n.map.length - 1)]!;
    return [at, at];
  }
  return [n.map[start]!, n.map[end - 1]! + 1];
}
