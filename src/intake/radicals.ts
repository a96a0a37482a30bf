/**
 * Radical code points in PDF text. Fonts that share one glyph between an ideograph and its radical (Noto
 * CJK printed by Chromium: 践⾏初⼼ for 践行初心) make PDF text extraction return the radical for about one
 * character in ten. Kangxi Radicals (U+2F00–U+2FD5) go to their ideograph through NFKC; the CJK Radicals
 * Supplement forms that NFKC leaves alone, and ⼾ (which NFKC makes the traditional 戶), are mapped here.
 * Every replacement is one UTF-16 unit for one, so offsets into the text do not move.
 */
const SUPPLEMENT: Record<string, string> = {
  '\u2ea0': '民', // ⺠
  '\u2ec6': '角', // ⻆
  '\u2ec4': '西', // ⻄
  '\u2ed8': '青', // ⻘
  '\u2ecb': '车', // ⻋
  '\u2ee3': '骨', // ⻣
  '\u2ed3': '长', // ⻓
  '\u2ed4': '门', // ⻔
  '\u2edb': '风', // ⻛
  '\u2edd': '食', // ⻝
  '\u2ec9': '贝', // ⻉
  '\u2ee2': '马', // ⻢
  '\u2ee9': '黄', // ⻩
  '\u2edc': '飞', // ⻜
  '\u2ee4': '鬼', // ⻤
  '\u2eda': '页', // ⻚
  '\u2ec5': '见', // ⻅
  '\u2ee5': '鱼', // ⻥
  '\u2ee6': '鸟', // ⻦
  '\u2ee7': '卤', // ⻧
  '\u2ee8': '麦', // ⻨
  '\u2eec': '齐', // ⻬
  '\u2eee': '齿', // ⻮
  '\u2ef0': '龙', // ⻰
  '\u2e9d': '月', // ⺝
  '\u2f3e': '户', // ⼾ (NFKC: 戶)
};

const RADICAL = /[\u2e80-\u2eff\u2f00-\u2fdf]/g;

/** The ideographs for radical code points; the text keeps its length. */
export function unifyRadicals(text: string): string {
  return text.replace(RADICAL, (c) => {
    const mapped = SUPPLEMENT[c];
    if (mapped) return mapped;
    const n = c.normalize('NFKC');
    return n.length === 1 ? n : c;
  });
}
