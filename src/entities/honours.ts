/**
 * Honours in quotation marks (“旗级文明村镇”“旗级诚信嘎查”等荣誉, “黄河葡萄第一村”的美誉): the words inside
 * name a distinction, not a place, body or person, though they end like one (村镇, 嘎查, 村).
 */
import { listedAfter, quotedPhrases } from './rules/context.js';

/** What follows the last quoted honour of a list: (等)(众多)荣誉 / 称号 / 美誉 / 光荣称号. */
const HONOUR_AFTER = /^(?:等|的)?(?:众多|多项|多个|一系列)?(?:光荣)?(?:荣誉|称号|美誉|殊荣)/;
/** Longest quoted phrase read as an honour. */
const MAX_HONOUR = 24;

/** [start, end) spans of the text inside quotation marks that name honours. */
export function honourSpans(text: string): Array<[number, number]> {
  const quoted = quotedPhrases(text, MAX_HONOUR).filter(([s, e]) => !/[，。；！？\n]/.test(text.slice(s, e)));
  const out: Array<[number, number]> = [];
  // From the end of each list: a quoted phrase followed by an honour word, and the items listed before it.
  for (let k = quoted.length - 1; k >= 0; k--) {
    const [s, e] = quoted[k]!;
    if (!HONOUR_AFTER.test(text.slice(e + 1, e + 8))) continue;
    out.push([s, e]);
    while (k > 0 && listedAfter(text, quoted[k - 1]!, quoted[k]!)) out.push(quoted[--k]!);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** Whether [start, end) lies inside one of `spans`. */
export function insideAny(spans: ReadonlyArray<[number, number]>, start: number, end: number): boolean {
  return spans.some(([s, e]) => start >= s && end <= e);
}
