/**
 * `extract`: entity mentions of raw texts, with offsets in code points of the text as given (SPEC §5).
 * The text is converted to simplified where it is written in traditional script, and repaired (PDF
 * damage), for recognition; offsets are mapped back through both, so `text` is the mention as written.
 */
import type { Article, EntityKind, SourceDoc, Token } from './types.js';
import { normalizeText } from './text/normalize.js';
import { givenIndex, toSimplified } from './text/script.js';
import { utf16ToCodePointTable } from './text/codepoints.js';
import { splitSentences } from './text/sentences.js';
import { MAX_ARTICLE_CHARS, cutPoints } from './parallel/bounds.js';
import { sourcePieces } from './text/evidence.js';
import { articlesOfFile, extractArticleMentions } from './pipeline.js';
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
  return textEntities(
    ready,
    ready.parts.map((p) => segment(p.text)),
  );
}

/**
 * `extractText` with the segmentation done by `tokensOf` (for instance on a worker thread that loads the
 * dictionary while this one loads the model): the same result when `tokensOf(t)` gives what `segment(t)` gives.
 */
export async function extractTextWith(text: string, tokensOf: (text: string) => Promise<Token[]>): Promise<ExtractResult> {
  const ready = prepareText(text);
  // All asked at once (the worker answers them in order).
  return textEntities(ready, await Promise.all(ready.parts.map((p) => tokensOf(p.text))));
}

interface PreparedText {
  text: string;
  conv: ReturnType<typeof toSimplified>;
  norm: ReturnType<typeof normalizeText>;
  /**
   * What recognition reads (simplified, repaired), each part segmented and recognized on its own: the whole text, or
   * above MAX_ARTICLE_CHARS parts cut after whole sentences, as a build cuts an over-long article
   * (src/parallel/bounds.ts). Recognition compares the candidates of a text with each other: one long line took
   * time quadratic in its length.
   */
  parts: Array<{ start: number; text: string }>;
}

function prepareText(text: string): PreparedText {
  const conv = toSimplified(text);
  const norm = normalizeText(conv.text);
  const t = norm.text;
  if (t.length <= MAX_ARTICLE_CHARS) return { text, conv, norm, parts: [{ start: 0, text: t }] };
  const parts: PreparedText['parts'] = [];
  let start = 0;
  const sentenceEnds = splitSentences(t).map((x) => x.end);
  for (const end of cutPoints(t, sentenceEnds, MAX_ARTICLE_CHARS)) {
    if (end > start) parts.push({ start, text: t.slice(start, end) });
    start = end;
  }
  return { text, conv, norm, parts };
}

function textEntities({ text, conv, norm: n, parts }: PreparedText, tokens: Token[][]): ExtractResult {
  const cp = utf16ToCodePointTable(text);
  const slice = codePointSlicer(text, cp);
  const entities: ExtractedEntity[] = [];
  parts.forEach(({ start, text: part }, i) => {
    const gaps = parts.length === 1 ? n.gaps : n.gaps.filter((g) => g > start && g < start + part.length).map((g) => g - start);
    // Flat output, as NER consumers expect: no place reported again inside an organization's name.
    for (const m of recognize(part, { tokens: tokens[i]!, gaps, nested: false })) {
      if (m.end <= m.start) continue;
      const s = cp[givenIndex(conv, n.map[start + m.start]!)]!;
      // the code point after the one the last unit was written as
      const e = conv.map ? cp[givenIndex(conv, n.map[start + m.end - 1]!)]! + 1 : cp[n.map[start + m.end - 1]! + 1]!;
      entities.push({ start: s, end: e, kind: m.kind, text: slice(s, e) });
    }
  });
  return { text, entities: dedupe(entities) };
}

/** Entities of a whole file (a page): split into articles first, so the layout repair applies. */
export function extractDocument(doc: SourceDoc): ExtractResult {
  const articles = articlesOfFile([doc]);
  return documentEntities(doc, articles, (a) => segment(a.text));
}

/** `extractDocument` with the segmentation done by `tokensOf` (see extractTextWith). */
export async function extractDocumentWith(doc: SourceDoc, tokensOf: (text: string) => Promise<Token[]>): Promise<ExtractResult> {
  const articles = articlesOfFile([doc]);
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
