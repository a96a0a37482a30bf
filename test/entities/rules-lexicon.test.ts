import { describe, expect, it } from 'vitest';
import { WordList, buildLexicons, loadLexicons, parseLexicon, LEXICON_FILES } from '../../src/entities/rules/lexicon.js';
import { bracketsBalanced, isHan, isHanAt } from '../../src/entities/rules/context.js';
import { firstUnits, unitsMatching } from '../../src/text/units.js';

/** longestAt and longestEndingAt by their definition: every length of the list, longest first, by substring. */
function plainLongestAt(w: WordList, text: string, i: number, maxLen = Infinity): number {
  if (i < 0 || i >= text.length) return 0;
  for (const n of w.lengths) if (n <= maxLen && i + n <= text.length && w.has(text.slice(i, i + n))) return n;
  return 0;
}
function plainLongestEndingAt(w: WordList, text: string, end: number, minStart = 0): number {
  if (end < 1 || end > text.length) return 0;
  for (const n of w.lengths) if (end - n >= minStart && w.has(text.slice(end - n, end))) return n;
  return 0;
}

describe('lexicon files', () => {
  it('parses rows, skipping comments and blank lines', () => {
    expect(parseLexicon('# c\n\n新左旗\t新巴尔虎左旗\n 党员 \n')).toEqual([['新左旗', '新巴尔虎左旗'], ['党员']]);
  });

  it('finds the longest entry starting or ending at a position', () => {
    const w = new WordList(['书记', '第一书记', '党支部书记']);
    expect(w.longestAt('村第一书记金宝', 1)).toBe(4);
    expect(w.longestAt('村第一书记金宝', 3)).toBe(2);
    expect(w.longestAt('村第一书记金宝', 0)).toBe(0);
    expect(w.longestEndingAt('十里铺村党支部书记', 9)).toBe(5);
    expect(w.longestEndingAt('金宝', 2)).toBe(0);
  });

  it('answers as a scan of every length would, at every position of a text, for every list', () => {
    const lex = loadLexicons();
    const lists = Object.values(lex).filter((v): v is WordList => v instanceof WordList);
    expect(lists.length).toBeGreaterThan(10);
    for (const w of lists) {
      // Entries glued into one text, with a character cut off either end of some and one unit of a pair.
      const words = [...w.words];
      const text = words.map((e, k) => (k % 3 === 0 ? e.slice(1) : k % 3 === 1 ? e.slice(0, -1) : e) + (k % 5 === 0 ? '\ud840' : '')).join('');
      for (let i = -1; i <= text.length + 1; i++) {
        expect(w.longestAt(text, i)).toBe(plainLongestAt(w, text, i));
        expect(w.longestAt(text, i, 2)).toBe(plainLongestAt(w, text, i, 2));
        expect(w.longestEndingAt(text, i)).toBe(plainLongestEndingAt(w, text, i));
        expect(w.longestEndingAt(text, i, i - 3)).toBe(plainLongestEndingAt(w, text, i, i - 3));
      }
    }
  });

  it('flags the units that open a word or match a class, as the tests on strings do', () => {
    const first = firstUnits(['记者', '通讯员', '']);
    const flags = unitsMatching(/[\s（(：:丨|]/);
    for (const ch of ['记', '通', '讯', '者', ' ', '\u3000', '（', '丨', '村', '\n']) {
      expect(first[ch.charCodeAt(0)] === 1).toBe(ch === '记' || ch === '通');
      expect(flags[ch.charCodeAt(0)] === 1).toBe(/[\s（(：:丨|]/.test(ch));
    }
    const text = '丨村A\ud840\udc00豫';
    for (let i = -1; i <= text.length; i++) expect(isHanAt(text, i)).toBe(isHan(text[i]));
  });

  it('refuses a missing file and an unknown mode', () => {
    const files: Record<string, string> = Object.fromEntries(LEXICON_FILES.map((f) => [f, '']));
    expect(() => buildLexicons(files)).not.toThrow();
    const { surnames: _drop, ...missing } = files;
    expect(() => buildLexicons(missing)).toThrow(/surnames/);
    expect(() => buildLexicons({ ...files, 'org-suffixes': '公司\tmaybe' })).toThrow(/mode/);
  });

  it('loads the bundled lexicons with the entries the rules rely on', () => {
    const lex = loadLexicons();
    expect(lex.titles.has('第一书记')).toBe(true);
    expect(lex.orgSuffixes.get('合作社')).toBe('strong');
    expect(lex.abbreviations.get('科左中旗')).toBe('科尔沁左翼中旗');
    expect(lex.nonEntities.has('党员')).toBe(true);
    expect(lex.programCues.get('突击队')).toBe('alone');
    expect(loadLexicons()).toBe(lex);
  });
});

describe('bracketsBalanced', () => {
  // Its fast path returns true for a name in which no unit is flagged as a bracket or quote: a unit missing from the
  // flags would make every unbalanced name holding it balanced.
  const pairs: Array<[string, string]> = [
    ['(', ')'],
    ['（', '）'],
    ['[', ']'],
    ['【', '】'],
    ['《', '》'],
    ['〈', '〉'],
    ['“', '”'],
    ['「', '」'],
    ['『', '』'],
    ['‘', '’'],
  ];
  it('finds every opener and closer alone unbalanced, and each pair balanced', () => {
    for (const [open, close] of pairs) {
      expect(bracketsBalanced(`柯达${open}中国`)).toBe(false);
      expect(bracketsBalanced(`中国${close}股份`)).toBe(false);
      expect(bracketsBalanced(`柯达${open}中国${close}股份有限公司`)).toBe(true);
    }
    expect(bracketsBalanced('他说"好')).toBe(false);
    expect(bracketsBalanced('他说"好"')).toBe(true);
  });
  it('finds a name without brackets or quotes balanced, astral characters included', () => {
    expect(bracketsBalanced('十里铺村党支部')).toBe(true);
    expect(bracketsBalanced('𠀋村')).toBe(true);
    expect(bracketsBalanced('')).toBe(true);
  });
});
