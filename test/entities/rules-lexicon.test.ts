import { describe, expect, it } from 'vitest';
import { WordList, buildLexicons, loadLexicons, parseLexicon, LEXICON_FILES } from '../../src/entities/rules/lexicon.js';

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
