import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNameSpans, markPieces } from '../../viewer/src/marks.js';

const S = '增收路上,我引路,苏吉嘎查第一书记金宝介 绍说';

describe('evidence highlighting', () => {
  it('marks the given UTF-16 spans', () => {
    const i = S.indexOf('金宝');
    const pieces = markPieces(S, [[i, i + 2]]);
    expect(pieces.filter((p) => p.mark).map((p) => p.text)).toEqual(['金宝']);
    expect(pieces.map((p) => p.text).join('')).toBe(S);
  });

  it('merges overlapping spans and drops empty or out-of-range ones', () => {
    const pieces = markPieces('abcdef', [
      [1, 3],
      [2, 4],
      [5, 5],
      [-3, 0],
      [10, 12],
    ]);
    expect(pieces).toEqual([
      { text: 'a', mark: false },
      { text: 'bcd', mark: true },
      { text: 'ef', mark: false },
    ]);
  });

  it('keeps a sentence without spans whole', () => {
    expect(markPieces('abc', undefined)).toEqual([{ text: 'abc', mark: false }]);
    expect(markPieces('', [])).toEqual([{ text: '', mark: false }]);
  });

  it('always reassembles the sentence, and marked text lies inside some span', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        fc.array(fc.tuple(fc.integer({ min: -5, max: 40 }), fc.integer({ min: -5, max: 40 })), { maxLength: 6 }),
        (s, spans) => {
          const pieces = markPieces(s, spans);
          expect(pieces.map((p) => p.text).join('')).toBe(s);
          let at = 0;
          for (const p of pieces) {
            for (let k = at; k < at + p.text.length; k++) {
              const inSpan = spans.some(([a, b]) => k >= a && k < b);
              expect(inSpan).toBe(p.mark);
            }
            at += p.text.length;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds names for evidence without offsets, longest first', () => {
    const s = '苏吉嘎查党支部联系苏吉嘎查牧民';
    const spans = findNameSpans(s, ['苏吉嘎查', '苏吉嘎查党支部', '']);
    expect(
      markPieces(s, spans)
        .filter((p) => p.mark)
        .map((p) => p.text),
    ).toEqual(['苏吉嘎查党支部', '苏吉嘎查']);
  });
});
