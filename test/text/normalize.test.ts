import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeText, toOriginalSpan, withoutReadings } from '../../src/text/normalize.js';

describe('normalizeText', () => {
  it('removes spaces and line breaks between Chinese characters and records both as gaps', () => {
    const n = normalizeText('打造 林西小 笨鸡 绿色品牌');
    expect(n.text).toBe('打造林西小笨鸡绿色品牌');
    expect(n.gaps.map((g) => n.text.slice(g, g + 2))).toEqual(['林西', '笨鸡', '绿色']);
    // A line break is a gap as well: a byline or an outlet ends its line (王小明 | 入秋以后).
    const lines = normalizeText('记者 王小明\n入秋以后');
    expect(lines.text).toBe('记者王小明入秋以后');
    expect(lines.gaps.map((g) => lines.text.slice(g, g + 2))).toEqual(['王小', '入秋']);
  });

  it('keeps one space between Latin words and drops leading/trailing blanks', () => {
    expect(normalizeText('  COVID   19 test  ').text).toBe('COVID 19 test');
    expect(normalizeText('推送 H5、短视频').text).toBe('推送H5、短视频');
  });

  it('maps every normalized character back to the same original character', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('金', '宝', ' ', '\n', 'a', 'b', '，', '\u3000', '9') }), (s) => {
        const n = normalizeText(s);
        expect(n.map.length).toBe(n.text.length + 1);
        for (let i = 0; i < n.text.length; i++) {
          const ch = n.text[i]!;
          // collapsed Latin spaces map to the first blank of their run
          if (ch === ' ') expect(/\s/.test(s[n.map[i]!]!)).toBe(true);
          else expect(s[n.map[i]!]).toBe(ch);
        }
        for (let i = 1; i < n.text.length; i++) expect(n.map[i]!).toBeGreaterThan(n.map[i - 1]!);
      }),
    );
  });

  it('drops the pinyin readings a mirror prints after characters, and nothing else in brackets', () => {
    const original = '鄉(xiāng)村的學(xué)校在內(nèi)蒙古(2019年)';
    const n = normalizeText(original);
    expect(n.text).toBe('鄉村的學校在內蒙古(2019年)');
    for (let i = 0; i < n.text.length; i++) expect(original[n.map[i]!]).toBe(n.text[i]);
    // Latin in brackets without a tone mark, or after a non-Han character, stays.
    expect(normalizeText('联合国(un)与a(ā)').text).toBe('联合国(un)与a(ā)');
    expect(withoutReadings('內(nèi)蒙古的鄉(xiāng)村 (2019)')).toBe('內蒙古的鄉村 (2019)');
  });

  it('maps spans back to the original text', () => {
    const original = '天山口镇水泉沟 村第一书记王瑞新';
    const n = normalizeText(original);
    const at = n.text.indexOf('水泉沟村');
    const [s, e] = toOriginalSpan(n, at, at + 4);
    expect(original.slice(s, e)).toBe('水泉沟 村');
  });
});
