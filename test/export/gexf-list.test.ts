import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatGexfList, parseGexfList } from '../../src/export/index.js';

describe('GEXF list values', () => {
  it('are JSON arrays of strings', () => {
    expect(formatGexfList(['新左旗', 'a, "b"\\c'])).toBe('["新左旗", "a, \\"b\\"\\\\c"]');
    expect(formatGexfList([])).toBe('[]');
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' })), (items) => {
        // Lone surrogates aside (JSON.parse cannot tell them apart), the value is JSON.
        const clean = items.map((s) =>
          s.replace(/[\uD800-\uDFFF]/g, 'x').replace(/[\u0000-\u001f]/g, (c) => (c === '\n' || c === '\t' || c === '\r' ? c : '?')),
        );
        expect(JSON.parse(formatGexfList(clean))).toEqual(clean);
      }),
    );
  });

  it('parse back exactly what was formatted', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' })), (items) => {
        expect(parseGexfList(formatGexfList(items))).toEqual(items);
      }),
    );
  });

  it("read other tools' forms: bare items, single quotes, pipes, a lone value", () => {
    expect(parseGexfList('[a, b ,c]')).toEqual(['a', 'b', 'c']);
    expect(parseGexfList('[\'x, y\', "z"]')).toEqual(['x, y', 'z']);
    expect(parseGexfList('a|b')).toEqual(['a', 'b']);
    expect(parseGexfList('solo')).toEqual(['solo']);
    expect(parseGexfList('[]')).toEqual([]);
    expect(parseGexfList('')).toEqual([]);
  });

  it('reject malformed quoted lists', () => {
    expect(() => parseGexfList('["open]')).toThrow(/unterminated/);
    expect(() => parseGexfList('["a" "b"]')).toThrow(/expected ","/);
  });
});
