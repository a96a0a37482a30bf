import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import { alignedConverter, convertAligned, scriptScore, toSimplified, traditionalLines, traditionalToSimplified } from '../../src/text/script.js';
import { writtenForm, writtenSpan } from '../../src/text/written.js';
import { normalizeText } from '../../src/text/normalize.js';

const tw2s = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** Code point starts of s. */
const starts = (s: string): number[] => {
  const out: number[] = [];
  for (let i = 0; i < s.length; i += s.codePointAt(i)! > 0xffff ? 2 : 1) out.push(i);
  return out;
};
const cpEnd = (s: string, i: number) => i + (s.codePointAt(i)! > 0xffff ? 2 : 1);

/** The map's invariants: one entry per unit plus the end, non-decreasing, on code point starts. */
function expectMapShape(given: string, out: string, map: Int32Array): void {
  expect(map.length).toBe(out.length + 1);
  expect(map[out.length]).toBe(given.length);
  const cps = new Set(starts(given));
  for (let j = 0; j < out.length; j++) {
    expect(cps.has(map[j]!)).toBe(true);
    if (j > 0) expect(map[j]!).toBeGreaterThanOrEqual(map[j - 1]!);
  }
}

// Units of random text: traditional characters and phrases, simplified ones, characters valid in both, an
// astral ideograph, a CJK compatibility ideograph, Latin, digits, punctuation, white space.
const UNITS = [
  '烏',
  '蘭',
  '黨',
  '書',
  '記',
  '說',
  '著',
  '顯著',
  '看著',
  '乾隆',
  '乾淨',
  '裡',
  '為',
  '乌',
  '兰',
  '党',
  '书',
  '说',
  '干',
  '里',
  '云',
  '台',
  '嘎',
  '查',
  '𠮷',
  '\uf900',
  'a',
  'B',
  '7',
  '，',
  '。',
  ' ',
  '\n',
  '\u3000',
];
const textArb = fc.array(fc.constantFrom(...UNITS), { maxLength: 40 }).map((u) => u.join(''));

describe('aligned OpenCC conversion (tw2s)', () => {
  it('gives exactly the text opencc-js gives', () => {
    fc.assert(
      fc.property(textArb, (s) => {
        expect(convertAligned(traditionalToSimplified(), s).text).toBe(tw2s(s));
      }),
      { numRuns: 300 },
    );
  });

  it('maps every output character to exactly one input character, in order', () => {
    fc.assert(
      fc.property(textArb, (s) => {
        const { text, map } = convertAligned(traditionalToSimplified(), s);
        expectMapShape(s, text, map);
        // tw2s replaces characters one for one: the sources of the output code points are the input's
        // code points, each once, so every output slice maps to an input slice of as many characters.
        expect(starts(text).map((j) => map[j]!)).toEqual(starts(s));
        for (const j of starts(text)) {
          const src = s.slice(map[j], cpEnd(s, map[j]!));
          const ch = text.slice(j, cpEnd(text, j));
          // unchanged, or that very character's own conversion (the phrases among the units convert their
          // characters as they convert alone, or keep them: 顯著 keeps 著, 乾隆 keeps 乾)
          if (src !== ch) expect(tw2s(src), src).toBe(ch);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('converts a traditional name and points each character at the one it was written as', () => {
    const given = '據報道，烏蘭敖都嘎查黨支部書記在會上說';
    const { text, map } = convertAligned(traditionalToSimplified(), given);
    expect(text).toBe('据报道，乌兰敖都嘎查党支部书记在会上说');
    const at = text.indexOf('乌兰敖都嘎查');
    expect(given.slice(map[at], map[at + 6])).toBe('烏蘭敖都嘎查');
  });
});

describe('aligned conversion with replacements of another length', () => {
  // A dictionary of our own whose replacements change length (as OpenCC's regional phrase tables do).
  const dict: Array<[string, string]> = [
    ['甲乙丙', '子丑'],
    ['丁', '寅卯辰'],
    ['戊', '己'],
    ['𠀀', '午'],
  ];
  const conv = alignedConverter({ conversionChain: [[dict]] });
  const reference = OpenCC.CustomConverter(dict);
  const arb = fc.array(fc.constantFrom('甲', '乙', '丙', '丁', '戊', '𠀀', 'a', ' ', '甲乙丙'), { maxLength: 30 }).map((u) => u.join(''));

  it('gives the text opencc-js gives, with a monotone map', () => {
    fc.assert(
      fc.property(arb, (s) => {
        const { text, map } = convertAligned(conv, s);
        expect(text).toBe(reference(s));
        expectMapShape(s, text, map);
      }),
      { numRuns: 300 },
    );
  });

  it('maps a whole replacement to its whole source, and its first and last characters to the source ends', () => {
    const given = 'a甲乙丙丁戊𠀀b';
    const { text, map } = convertAligned(conv, given);
    expect(text).toBe('a子丑寅卯辰己午b');
    const source = (s: number, e: number) => given.slice(map[s], cpEnd(given, map[e - 1]!));
    expect(source(1, 3)).toBe('甲乙丙');
    expect(source(1, 2)).toBe('甲');
    expect(source(2, 3)).toBe('丙');
    expect(source(3, 6)).toBe('丁');
    expect(source(4, 5)).toBe('丁');
    expect(source(6, 7)).toBe('戊');
    expect(source(7, 8)).toBe('𠀀');
    expect(source(0, text.length)).toBe(given);
  });

  it('writes the analysis text back as given, a replacement once', () => {
    fc.assert(
      fc.property(arb, (s) => {
        const c = convertAligned(conv, s);
        const n = normalizeText(c.text);
        const w = writtenForm(n.text, n.map, c, s);
        // the repaired given text: what normalization makes of the given text itself
        expect(w.text).toBe(normalizeText(s).text);
        expect(w.map.length).toBe(n.text.length + 1);
        for (let i = 1; i < w.map.length; i++) expect(w.map[i]!).toBeGreaterThanOrEqual(w.map[i - 1]!);
        const [a, b] = writtenSpan(w, 0, n.text.length);
        expect(w.text.slice(a, b)).toBe(w.text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('which text is converted', () => {
  it('scores traditional characters up and simplified ones down', () => {
    expect(scriptScore('烏蘭敖都嘎查黨支部')).toBe(3);
    expect(scriptScore('乌兰敖都嘎查党支部')).toBe(-3);
    expect(scriptScore('嘎查 abc')).toBe(0);
  });

  it('leaves simplified text alone, also with characters OpenCC would change', () => {
    for (const s of ['任命崔永乾为主任，成绩显著。', '他说：乾隆年间的事。', '嘎查', '']) expect(toSimplified(s)).toEqual({ text: s });
  });

  it('converts traditional lines, and short lines as their document goes', () => {
    const doc = '烏蘭敖都嘎查黨支部書記說\n國\n说的是乌兰\n乾';
    expect(traditionalLines(doc).map(([a, b]) => doc.slice(a, b))).toEqual(['烏蘭敖都嘎查黨支部書記說', '國', '乾']);
    const c = toSimplified(doc);
    expect(c.text).toBe('乌兰敖都嘎查党支部书记说\n国\n说的是乌兰\n干');
    expectMapShape(doc, c.text, c.map!);
    // a simplified document keeps its one-character line
    expect(toSimplified('说的是乌兰\n乾').map).toBeUndefined();
  });
});
