/**
 * Bounds on the unit of work, the article. Resolution and several relation families compare the
 * mentions of one article with each other, which is harmless for a newspaper article (a few thousand
 * characters) but quadratic for a "page" that is one 10 MB line. Articles longer than MAX_ARTICLE_CHARS are
 * therefore cut, at sentence boundaries, into consecutive articles; the articles of that source file are
 * renumbered (`<stem>#<n>` stays dense and in page order). Inputs without such articles are unchanged.
 * Recognition compares the candidates of one text with each other too: `zhkg extract` recognizes a long line
 * in parts cut by the same rule (`cutPoints`, src/extract.ts), and a file in the articles cut here.
 */
import type { Article, WrittenText } from '../types.js';
import { writtenSpan } from '../text/written.js';

/** Longest article handed to resolution and relations (characters of normalized text). */
export const MAX_ARTICLE_CHARS = 20_000;

/** Cuts over-long articles of one source file; returns the input array itself when none is too long. */
export function boundArticles(articles: Article[], max = MAX_ARTICLE_CHARS): Article[] {
  if (!(max >= 1)) throw new RangeError(`boundArticles: max must be ≥ 1, got ${max}`);
  if (articles.every((a) => a.text.length <= max)) return articles;
  const out = articles.flatMap((a) => (a.text.length <= max ? [a] : cutArticle(a, max)));
  return out.map((a, i) => ({ ...a, id: `${a.id.slice(0, a.id.lastIndexOf('#'))}#${i + 1}` }));
}

/**
 * The ends of the parts of `text` (the last one `text.length`), none longer than `max`: after whole sentences
 * (`sentenceEnds`, ascending) while they fit, hard cuts inside a sentence longer than `max`.
 */
export function cutPoints(text: string, sentenceEnds: readonly number[], max: number): number[] {
  const cuts: number[] = [];
  let start = 0;
  let lastFit = -1; // the last sentence end after `start` that fits in a part starting at `start`
  const ends = [...sentenceEnds, text.length];
  for (const end of ends) {
    while (end - start > max) {
      let cut = lastFit > start ? lastFit : start + max;
      const c = text.charCodeAt(cut - 1);
      if (cut !== lastFit && c >= 0xd800 && c <= 0xdbff) cut--; // never between surrogate halves
      cuts.push(cut);
      start = cut;
      lastFit = -1;
    }
    if (end > start) lastFit = end;
  }
  if (start < text.length) cuts.push(text.length);
  return cuts;
}

/** The written text of analysis part [s, e), its map rebased. */
function cutWritten(w: WrittenText, s: number, e: number): WrittenText {
  const [ws, we] = writtenSpan(w, s, e);
  const map = w.map.slice(s, e + 1).map((x) => Math.min(x - ws, we - ws));
  map[e - s] = we - ws;
  return { text: w.text.slice(ws, we), map };
}

function cutArticle(a: Article, max: number): Article[] {
  const parts: Article[] = [];
  let s = 0;
  const sentenceEnds = a.sentences.map((x) => x.end);
  for (const e of cutPoints(a.text, sentenceEnds, max)) {
    if (e <= s) continue;
    parts.push({
      ...a,
      text: a.text.slice(s, e),
      map: a.map.slice(s, e + 1),
      gaps: a.gaps.filter((g) => g > s && g < e).map((g) => g - s),
      // A sentence cut by a hard cut is clipped to each part.
      sentences: a.sentences
        .filter((x) => x.end > s && x.start < e)
        .map((x, index) => {
          const from = Math.max(x.start, s);
          const to = Math.min(x.end, e);
          return { index, start: from - s, end: to - s, text: a.text.slice(from, to) };
        }),
      authors: a.authors.filter((x) => x.start >= s && x.end <= e).map((x) => ({ ...x, start: x.start - s, end: x.end - s })),
      ...(a.written ? { written: cutWritten(a.written, s, e) } : {}),
    });
    s = e;
  }
  return parts;
}
