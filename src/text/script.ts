/**
 * Traditional script. Text written in traditional characters is converted to simplified for analysis with
 * OpenCC (opencc-js, its `tw2s` configuration: Taiwan variants, then traditional phrases and characters;
 * it also reads the OpenCC-standard and Hong Kong forms of the common characters), and every converted
 * UTF-16 unit keeps the index of the character it was written as, so offsets and evidence point into the
 * text as given.
 *
 * Only lines detected as traditional are converted: simplified text goes through unchanged (OpenCC's t2s
 * is not the identity on simplified text: 乾 in a name becomes 干, 显著 becomes 显着 under tw2s).
 */
import { Trie } from 'opencc-js/core';
import { configs } from 'opencc-js/preset/t2cn';
import type { DictLike } from 'opencc-js/core';
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import ST_CHARACTERS from 'opencc-js/dict/STCharacters';
import { unitsAt } from './codepoints.js';

/** Text after script conversion. */
export interface ScriptConversion {
  /** The text for analysis: simplified where the input was traditional, else the input itself. */
  text: string;
  /**
   * `map[j]`: the UTF-16 index, in the text as given, of the first unit of the character that unit j of
   * `text` was converted from; `map[text.length]` is the given text's length. Non-decreasing. Absent when
   * nothing was converted (the map is then the identity).
   */
  map?: Int32Array;
}

/** An OpenCC conversion: whole-text normalization tries, a segmentation trie, then conversion tries. */
export interface AlignedConverter {
  normalization: Trie[];
  segmentation?: Trie;
  conversion: Trie[];
}

function trieOf(group: readonly DictLike[]): Trie {
  const t = new Trie();
  t.loadDictGroup(group);
  return t;
}

/**
 * Builds an aligned converter from dictionary groups, in the shape of opencc-js's configurations: the
 * output text is the same as opencc-js's for that configuration.
 */
export function alignedConverter(spec: {
  normalizationChain?: readonly (readonly DictLike[])[];
  segmentation?: DictLike | readonly DictLike[];
  conversionChain: readonly (readonly DictLike[])[];
}): AlignedConverter {
  let segmentation: Trie | undefined;
  if (spec.segmentation) {
    segmentation = new Trie();
    const seg = spec.segmentation;
    if (Array.isArray(seg) && seg.every((d) => typeof d === 'string')) segmentation.loadDictGroup(seg);
    else segmentation.loadDict(seg as DictLike);
  }
  return {
    normalization: (spec.normalizationChain ?? []).map(trieOf),
    ...(segmentation ? { segmentation } : {}),
    conversion: spec.conversionChain.map(trieOf),
  };
}

/** Grows an Int32Array as units are appended. */
class IndexBuffer {
  data = new Int32Array(64);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  finish(sentinel: number): Int32Array {
    const out = new Int32Array(this.length + 1);
    out.set(this.data.subarray(0, this.length));
    out[this.length] = sentinel;
    return out;
  }
}

/** Starts (UTF-16 indices) of the code points of s[from, to). */
function codePointStarts(s: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i += unitsAt(s, i)) out.push(i);
  return out;
}

/**
 * One trie pass (greedy longest match, as opencc-js's `Trie.convert`) over s[from, to), appending to
 * `parts`/`map`. A match replaced by as many code points maps code point k to code point k; a match
 * replaced by a different number (phrase conversions can do that) maps its output spread evenly over its
 * source, the first output code point to the first source code point and the last to the last, so a span
 * that covers the whole match maps to the whole source.
 */
function convertRange(trie: Trie, s: string, m: Int32Array, from: number, to: number, parts: string[], map: IndexBuffer): void {
  const seg = from === 0 && to === s.length ? s : s.slice(from, to);
  let i = 0;
  let run = 0; // start of the current run of unmatched units
  const n = seg.length;
  const flush = () => {
    if (run < i) parts.push(seg.slice(run, i));
  };
  while (i < n) {
    const match = trie.matchPrefix(seg, i);
    if (!match) {
      // unmatched: copied unit by unit (opencc-js skips whole code points and description sequences)
      map.push(m[from + i]!);
      i++;
      continue;
    }
    flush();
    const value = match.value;
    parts.push(value);
    if (value.length === match.end - i && !hasSurrogate(value) && !hasSurrogate(seg, i, match.end)) {
      for (let k = 0; k < value.length; k++) map.push(m[from + i + k]!);
    } else {
      const src = codePointStarts(seg, i, match.end);
      const out = codePointStarts(value, 0, value.length);
      for (let k = 0; k < out.length; k++) {
        const at = src.length === out.length ? k : out.length === 1 ? 0 : Math.round((k * (src.length - 1)) / (out.length - 1));
        const origin = m[from + src[at]!]!;
        for (let u = 0; u < unitsAt(value, out[k]!); u++) map.push(origin);
      }
    }
    i = match.end;
    run = i;
  }
  flush();
}

function hasSurrogate(s: string, from = 0, to = s.length): boolean {
  for (let i = from; i < to; i++) if ((s.charCodeAt(i) & 0xf800) === 0xd800) return true;
  return false;
}

function pass(trie: Trie, s: string, m: Int32Array, segments: Array<[number, number]>): { s: string; m: Int32Array } {
  const parts: string[] = [];
  const map = new IndexBuffer();
  for (const [from, to] of segments) convertRange(trie, s, m, from, to, parts, map);
  return { s: parts.join(''), m: map.finish(m[s.length]!) };
}

/** Segments of s (opencc-js's `Trie.segment`) as [from, to) ranges. */
function segmentRanges(trie: Trie | undefined, s: string): Array<[number, number]> {
  if (!trie) return [[0, s.length]];
  const out: Array<[number, number]> = [];
  let at = 0;
  for (const piece of trie.segment(s)) {
    out.push([at, at + piece.length]);
    at += piece.length;
  }
  return out;
}

/**
 * Converts `text` with `conv`, mapping each output unit back to the input (see ScriptConversion.map).
 * `base` is added to every index (for a piece of a larger text).
 */
export function convertAligned(conv: AlignedConverter, text: string, base = 0): { text: string; map: Int32Array } {
  let m: Int32Array = new Int32Array(text.length + 1);
  // every unit of a code point maps to the code point's first unit
  for (let i = 0; i < text.length;) {
    const len = unitsAt(text, i);
    for (let u = 0; u < len; u++) m[i + u] = base + i;
    i += len;
  }
  m[text.length] = base + text.length;
  let s = text;
  for (const t of conv.normalization) ({ s, m } = pass(t, s, m, [[0, s.length]]));
  // The segmentation is computed once, on the normalized text; each segment then goes through the
  // conversion tries one after the other, as in opencc-js.
  let segments = segmentRanges(conv.segmentation, s);
  for (const t of conv.conversion) {
    const parts: string[] = [];
    const map = new IndexBuffer();
    const next: Array<[number, number]> = [];
    let outAt = 0;
    for (const [from, to] of segments) {
      const before = map.length;
      convertRange(t, s, m, from, to, parts, map);
      next.push([outAt, outAt + (map.length - before)]);
      outAt += map.length - before;
    }
    s = parts.join('');
    m = map.finish(m[m.length - 1]!);
    segments = next;
  }
  return { text: s, map: m };
}

// --- the converter zhkg uses, and the detection of traditional text ---

let tw2s: AlignedConverter | undefined;

/** OpenCC `tw2s` (Traditional Chinese, Taiwan → Simplified), built on first use. */
export function traditionalToSimplified(): AlignedConverter {
  const config = (configs as unknown as Record<string, { normalizationChain?: DictLike[][]; segmentation?: DictLike; conversionChain: DictLike[][] }>)['tw2s'];
  if (!config) throw new Error('opencc-js: configuration tw2s not found');
  tw2s ??= alignedConverter(config);
  return tw2s;
}

function changedKeys(dict: DictLike): Set<number> {
  const pairs: ReadonlyArray<readonly [string, string]> = typeof dict === 'string' ? dict.split('|').map((l) => l.split(' ') as [string, string]) : dict;
  const out = new Set<number>();
  for (const [k, v] of pairs) if (k !== v && [...k].length === 1) out.add(k.codePointAt(0)!);
  return out;
}

let markers: { traditional: Set<number>; simplified: Set<number> } | undefined;

/**
 * Script score of s[from, to): characters that OpenCC simplifies (烏, 黨, 說) count +1, characters it
 * would write in traditional (乌, 党, 说) count −1. Characters valid in both scripts (著, 乾 in names,
 * 云, 台) weigh little against a line's worth of either.
 */
export function scriptScore(s: string, from = 0, to = s.length): number {
  markers ??= { traditional: changedKeys(TS_CHARACTERS), simplified: changedKeys(ST_CHARACTERS) };
  let score = 0;
  for (let i = from; i < to;) {
    const c = s.codePointAt(i)!;
    if (c >= 0x3400) {
      if (markers.traditional.has(c)) score++;
      if (markers.simplified.has(c)) score--;
    }
    i += c > 0xffff ? 2 : 1;
  }
  return score;
}

/** A line decides for itself when its score is at least this far from 0; else the document decides. */
const LINE_MARGIN = 2;

/** Lines of `text` (without their line break) whose script is traditional, as [from, to) ranges. */
export function traditionalLines(text: string): Array<[number, number]> {
  const lines: Array<{ from: number; to: number; score: number }> = [];
  let total = 0;
  for (let from = 0; from <= text.length;) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const score = scriptScore(text, from, to);
    total += score;
    lines.push({ from, to, score });
    from = to + 1;
  }
  return lines.filter((l) => l.to > l.from && (Math.abs(l.score) >= LINE_MARGIN ? l.score > 0 : total > 0 && l.score >= 0)).map((l) => [l.from, l.to]);
}

/**
 * The text for analysis: lines detected as traditional converted to simplified (OpenCC tw2s), the rest as
 * given, with the map back to the text as given (absent when nothing changed).
 */
export function toSimplified(text: string): ScriptConversion {
  const lines = traditionalLines(text);
  if (lines.length === 0) return { text };
  const conv = traditionalToSimplified();
  const parts: string[] = [];
  const map = new IndexBuffer();
  let at = 0;
  let changed = false;
  const copy = (from: number, to: number) => {
    parts.push(text.slice(from, to));
    // every unit of a code point maps to the code point's first unit
    for (let i = from; i < to;) {
      const len = unitsAt(text, i);
      for (let u = 0; u < len; u++) map.push(i);
      i += len;
    }
  };
  for (const [from, to] of lines) {
    copy(at, from);
    const line = text.slice(from, to);
    const out = convertAligned(conv, line, from);
    if (out.text !== line) changed = true;
    parts.push(out.text);
    for (let j = 0; j < out.text.length; j++) map.push(out.map[j]!);
    at = to;
  }
  copy(at, text.length);
  if (!changed) return { text };
  return { text: parts.join(''), map: map.finish(text.length) };
}

/**
 * Index in the given text of unit j of the converted text (j may be the end).
 */
export function givenIndex(c: ScriptConversion, j: number): number {
  if (!c.map) return j;
  return c.map[Math.max(0, Math.min(j, c.map.length - 1))]!;
}
