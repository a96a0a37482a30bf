/** Evidence records: the sentence of an article that supports a node or an edge, with mention offsets. */
import type { Article, Evidence, Sentence } from '../types.js';

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
 * Evidence for spans given in the article's normalized text. Spans in the record are relative to the
 * sentence (UTF-16); `sourceSpans` are code points in the source file.
 */
export function makeEvidence(article: Article, spans: Array<[number, number]>): Evidence {
  const first = spans[0];
  const sentence = first ? sentenceAt(article, first[0]) : undefined;
  const base = sentence?.start ?? 0;
  const map = article.map;
  return {
    article: article.id,
    sentence: sentence?.text ?? '',
    spans: spans.map(([s, e]) => [s - base, e - base] as [number, number]),
    sourceSpans: spans.map(([s, e]) => [map[s]!, e > s ? map[e - 1]! + 1 : map[s]!] as [number, number]),
    source: article.source,
  };
}
