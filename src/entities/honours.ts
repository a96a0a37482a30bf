/**
 * Honours in quotation marks (“旗级文明村镇”“旗级诚信嘎查”等荣誉, “黄河葡萄第一村”的美誉): the words inside
 * name a distinction, not a place, body or person, though they end like one (村镇, 嘎查, 村).
 */

/** Opening and closing quotation marks. */
const QUOTES: Readonly<Record<string, string>> = { '“': '”', '「': '」', '"': '"' };
/** What follows the last quoted honour of a list: (等)(众多)荣誉 / 称号 / 美誉 / 光荣称号. */
const HONOUR_AFTER = /^(?:等|的)?(?:众多|多项|多个|一系列)?(?:光荣)?(?:荣誉|称号|美誉|殊荣)/;
/** Longest quoted phrase read as an honour. */
const MAX_HONOUR = 24;

/** [start, end) spans of the text inside quotation marks that name honours. */
export function honourSpans(text: string): Array<[number, number]> {
  const quoted: Array<[number, number]> = [];
  for (let i = 0; i < text.length; i++) {
    const close = QUOTES[text[i]!];
    if (!close) continue;
    const j = text.indexOf(close, i + 1);
    if (j < 0 || j - i - 1 > MAX_HONOUR || /[，。；！？\n]/.test(text.slice(i + 1, j))) continue;
    quoted.push([i + 1, j]);
    i = j;
  }
  const out: Array<[number, number]> = [];
  // From the end of each list: a quoted phrase followed by an honour word, and the quoted phrases before it
  // joined by nothing, 、 or 和.
  for (let k = quoted.length - 1; k >= 0; k--) {
    const [s, e] = quoted[k]!;
    if (!HONOUR_AFTER.test(text.slice(e + 1, e + 8))) continue;
    out.push([s, e]);
    let m = k;
    while (m > 0 && /^[、和]?$/.test(text.slice(quoted[m - 1]![1] + 1, quoted[m]![0] - 1))) {
      m--;
      out.push(quoted[m]!);
    }
    k = m;
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** Whether [start, end) lies inside one of `spans`. */
export function insideAny(spans: ReadonlyArray<[number, number]>, start: number, end: number): boolean {
  return spans.some(([s, e]) => start >= s && end <= e);
}
