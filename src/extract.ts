/**
 * `extract`: entity mentions of raw texts, with offsets in code points of the text as given (SPEC §5).
 * The text is converted to simplified where it is written in traditional script, and repaired (PDF
 * damage), for recognition; offsets are mapped back through both, so `text` is the mention as written.
 */
import type { Article, EntityKind, Mention, SourceDoc, Token } from './types.js';
import { normalizeText } from './text/normalize.js';
import { givenIndex, toSimplified } from './text/script.js';
import { utf16ToCodePointTable } from './text/codepoints.js';
import { splitArticles } from './text/articles.js';
import { splitSentences } from './text/sentences.js';
import { MAX_ARTICLE_CHARS, boundArticles, cutPoints } from './parallel/bounds.js';
import { sourcePieces } from './text/evidence.js';
import { extractArticleMentions } from './pipeline.js';
import { segment } from './segment/jieba.js';
import { recognize } from './entities/index.js';

export interface ExtractedEntity {
  start: number;
  end: number;
  kind: EntityKind;
  text: string;
}

export interface ExtractResult {
  text: string;
  entities: ExtractedEntity[];
}

/**
 * Slicer of `text` by code point offsets. The inverse of `cp` is built once per text, so a long text with
 * many entities costs linear time (a scan per entity was quadratic on a 10 MB line).
 */
function codePointSlicer(text: string, cp: Int32Array): (start: number, end: number) => string {
  const count = cp[text.length]!;
  const at = new Int32Array(count + 1);
  for (let i = text.length; i >= 0; i--) at[cp[i]!] = i; // the first UTF-16 index of each code point
  at[count] = text.length;
  return (start, end) => text.slice(at[Math.max(0, Math.min(start, count))], at[Math.max(0, Math.min(end, count))]);
}

/** Entities of one text (one line, one short document): no layout analysis. */
export function extractText(text: string): ExtractResult {
  const ready = prepareText(text);
  return textEntities(ready, segment(ready.recognized));
}

/**
 * `extractText` with the segmentation done by `tokensOf` (for instance on a worker thread that loads the
 * dictionary while this one loads the model): the same result when `tokensOf(t)` gives what `segment(t)` gives.
 */
export async function extractTextWith(text: string, tokensOf: (text: string) => Promise<Token[]>): Promise<ExtractResult> {
  const ready = prepareText(text);
  return textEntities(ready, await tokensOf(ready.recognized));
}

interface PreparedText {
  text: string;
  conv: ReturnType<typeof toSimplified>;
  norm: ReturnType<typeof normalizeText>;
  /** The text recognition reads (simplified, repaired): what is segmented. */
  recognized: string;
}

function prepareText(text: string): PreparedText {
  const conv = toSimplified(text);
  const norm = normalizeText(conv.text);
  return { text, conv, norm, recognized: norm.text };
}

function textEntities({ text, conv, norm: n }: PreparedText, tokens: Token[]): ExtractResult {
  const mentions = boundedMentions(n.text, tokens, n.gaps);
  const cp = utf16ToCodePointTable(text);
  const slice = codePointSlicer(text, cp);
  const entities: ExtractedEntity[] = [];
  for (const m of mentions) {
    if (m.end <= m.start) continue;
    const s = cp[givenIndex(conv, n.map[m.start]!)]!;
    // the code point after the one the last unit was written as
    const e = conv.map ? cp[givenIndex(conv, n.map[m.end - 1]!)]! + 1 : cp[n.map[m.end - 1]! + 1]!;
    entities.push({ start: s, end: e, kind: m.kind, text: slice(s, e) });
  }
  return { text, entities: dedupe(entities) };
}

/**
 * The mentions of a normalized text, recognized in parts of at most MAX_ARTICLE_CHARS cut after whole sentences, as
 * a build cuts an over-long article (src/parallel/bounds.ts): recognition compares the candidates of a text with
 * each other, so one long line took time quadratic in its length. `tokens` are the whole text's; one that a part's
 * end cuts (a hard cut inside a sentence longer than the bound) is cut with it. Flat output, as NER consumers
 * expect: no place reported again inside an organization's name.
 */
function boundedMentions(text: string, tokens: Token[], gaps: readonly number[]): Mention[] {
  if (text.length <= MAX_ARTICLE_CHARS) return recognize(text, { tokens, gaps, nested: false });
  const out: Mention[] = [];
  let s = 0;
  let k = 0;
  const sentenceEnds = splitSentences(text).map((x) => x.end);
  for (const e of cutPoints(text, sentenceEnds, MAX_ARTICLE_CHARS)) {
    if (e <= s) continue;
    const part: Token[] = [];
    while (k < tokens.length && tokens[k]!.start < e) {
      const t = tokens[k]!;
      const a = Math.max(t.start, s);
      const b = Math.min(t.end, e);
      if (b > a) part.push({ word: text.slice(a, b), tag: t.tag, start: a - s, end: b - s });
      if (t.end > e) break; // its rest belongs to the next part
      k++;
    }
    const partGaps = gaps.filter((g) => g > s && g < e).map((g) => g - s);
    for (const m of recognize(text.slice(s, e), { tokens: part, gaps: partGaps, nested: false })) out.push({ ...m, start: m.start + s, end: m.end + s });
    s = e;
  }
  return out;
}

/** Entities of a whole file (a page): split into articles first, so the layout repair applies. */
export function extractDocument(doc: SourceDoc): ExtractResult {
  const articles = boundArticles(splitArticles(doc));
  return documentEntities(doc, articles, (a) => segment(a.text));
}

/** `extractDocument` with the segmentation done by `tokensOf` (see extractTextWith). */
export async function extractDocumentWith(doc: SourceDoc, tokensOf: (text: string) => Promise<Token[]>): Promise<ExtractResult> {
  const articles = boundArticles(splitArticles(doc));
  // All asked at once (the worker answers them in order).
  const tokens = await Promise.all(articles.map((a) => tokensOf(a.text)));
  return documentEntities(doc, articles, (_a, i) => tokens[i]!);
}

function documentEntities(doc: SourceDoc, articles: Article[], tokensOf: (article: Article, i: number) => Token[]): ExtractResult {
  const slice = codePointSlicer(doc.text, utf16ToCodePointTable(doc.text));
  const entities: ExtractedEntity[] = [];
  articles.forEach((article, i) => {
    for (const m of extractArticleMentions(article, { nested: false, confidence: false, tokens: tokensOf(article, i) })) {
      if (m.end <= m.start) continue;
      const pieces = sourcePieces(article.map, m.start, m.end);
      // A mention stitched from two places of the page has no contiguous span in the file: not reported.
      if (pieces.length !== 1) continue;
      const [s, e] = pieces[0]!;
      entities.push({ start: s, end: e, kind: m.kind, text: slice(s, e) });
    }
  });
  return { text: doc.text, entities: dedupe(entities) };
}

function dedupe(list: ExtractedEntity[]): ExtractedEntity[] {
  const seen = new Set<string>();
  return list
    .sort((a, b) => a.start - b.start || a.end - b.end || (a.kind < b.kind ? -1 : 1))
    .filter((x) => {
      const k = `${x.start}:${x.end}:${x.kind}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}
