/** Evidence records: the sentence of an article that supports a node or an edge, with mention offsets. */
import type { Article, Evidence, Sentence } from '../types.js';
import { writtenSpan } from './written.js';

/** The sentence of `article` that contains normalized index `at` (binary search). */
export function sentenceAt(article: Article, at: number): Sentence | undefined {
  const ss = article.sentences;
  let lo = 0;
  let hi = ss.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = ss[mid]!;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/**
 * The code-point ranges of the source file that normalized [s, e) came from. Usually one range; two or
 * more when the layout repair stitched the text together from different places of the page (a caption
 * whose beginning was printed after its end).
 */
export function sourcePieces(map: Int32Array, s: number, e: number): Array<[number, number]> {
  if (e <= s) return [[map[s]!, map[s]!]];
  const pieces: Array<[number, number]> = [];
  let start = map[s]!;
  let prev = start;
  for (let i = s + 1; i < e; i++) {
    const at = map[i]!;
    if (at < prev) {
      pieces.push([start, prev + 1]);
      start = at;
    }
    prev = at;
  }
  pieces.push([start, prev + 1]);
  return pieces;
}

/**
 * The `sentence` of `makeEvidence(article, spans)` when the first span starts at `at` (undefined: no spans),
 * without making the rest of the record.
 */
export function evidenceSentence(article: Article, at: number | undefined): string {
  const sentence = at === undefined ? undefined : sentenceAt(article, at);
  const w = article.written;
  if (!w) return sentence?.text ?? '';
  const [ws, we] = sentence ? writtenSpan(w, sentence.start, sentence.end) : [0, 0];
  return w.text.slice(ws, we);
}

/**
 * Evidence for spans given in the article's normalized text. The sentence is shown as written (an article
 * converted from traditional script shows its traditional sentence); spans in the record are relative to
 * that sentence (UTF-16); `sourceSpans` are code points in the source file.
 */
export function makeEvidence(article: Article, spans: Array<[number, number]>): Evidence {
  const first = spans[0];
  const sentence = first ? sentenceAt(article, first[0]) : undefined;
  const map = article.map;
  const w = article.written;
  let text = sentence?.text ?? '';
  let local = spans.map(([s, e]) => [s - (sentence?.start ?? 0), e - (sentence?.start ?? 0)] as [number, number]);
  if (w) {
    const [ws, we] = sentence ? writtenSpan(w, sentence.start, sentence.end) : [0, 0];
    text = w.text.slice(ws, we);
    local = spans.map(([s, e]) => {
      const [a, b] = writtenSpan(w, s, e);
      return [a - ws, b - ws] as [number, number];
    });
  }
  return {
    article: article.id,
    sentence: text,
    spans: local,
    sourceSpans: spans.flatMap(([s, e]) => sourcePieces(map, s, e)),
    source: article.source,
    ...(article.page !== undefined ? { page: article.page } : {}),
    ...(article.date ? { date: article.date } : {}),
  };
}

/** `makeEvidence` of spans stored flat: `count` pairs of offsets in `spans` from `from` (relation facts kept in the store). */
export function spanEvidence(article: Article, spans: ArrayLike<number>, from: number, count: number): Evidence {
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k < count; k++) pairs.push([spans[from + 2 * k]!, spans[from + 2 * k + 1]!]);
  return makeEvidence(article, pairs);
}
