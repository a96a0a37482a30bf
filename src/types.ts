/**
 * Shared data types of the zhkg pipeline:
 * text → segmentation → entities → relations → graph → layout/metrics → export/viewer/query.
 *
 * Offsets: inside the pipeline, `start`/`end` are UTF-16 indices (JavaScript string indices), `end`
 * exclusive. Public outputs that promise code points (the `extract` CLI, evidence in exports) convert at
 * the edge with `src/text/codepoints.ts`.
 */

/** The four entity kinds of SPEC §1. */
export type EntityKind = 'PERSON' | 'ORGANIZATION' | 'PLACE' | 'PROGRAM';
export const ENTITY_KINDS: readonly EntityKind[] = ['PERSON', 'ORGANIZATION', 'PLACE', 'PROGRAM'];

/** Node kinds: entities plus the article nodes. */
export type NodeKind = EntityKind | 'ARTICLE';

/** Relation types of SPEC §2. */
export type RelationType = 'role' | 'located_in' | 'member_of' | 'part_of' | 'runs' | 'participates_in' | 'authored' | 'partner_of' | 'co_occurs';

/** What a reader found about a document besides its text (all optional). */
export interface DocMeta {
  /** Title of the document (web page title, PDF document title). */
  title?: string;
  /** Publication date, ISO `YYYY-MM-DD`. */
  date?: string;
  /** Where `date` was read: e.g. `html:article:published_time`, `html:json-ld`, `html:date-line`. */
  dateSource?: string;
  /** Canonical URL (http or https only). */
  url?: string;
  /** The publication the document comes from (a JSONL record's `source`: 内蒙古日报 …). */
  publisher?: string;
  /** The document is one article: its page-layout blocks are not split into several (JSONL records). */
  single?: boolean;
}

/**
 * Where an article's date came from when zhkg found it (src/text/dates.ts): `metadata` (the input's
 * date field, when the reader names no finer source), `dateline` (新华社呼和浩特2月7日电), `header` (the
 * page header 2020年2月7日 星期五), `filename` (2020-02-07.txt). Readers may record finer sources of
 * metadata dates (`html:json-ld` …).
 */
export type DateSource = 'metadata' | 'dateline' | 'header' | 'filename';

/**
 * A document as a reader produced it (src/intake/): a decoded text file, one page of a PDF, the article
 * text of a web page. `text` is what offsets (evidence `sourceSpans`) count in: the file's full text as
 * decoded (BOM removed) for text files, the extracted text of the page for PDFs and web pages.
 */
export interface SourceDoc {
  /** Path as given by the user (or a synthetic name such as `<stdin>`). */
  path: string;
  /** Encoding that was detected: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5'. */
  encoding: string;
  text: string;
  /** Input format it was read as ('text' when absent): 'text' | 'pdf' | 'html' … */
  format?: string;
  /** Page number (from 1) when the document is one page of a PDF. */
  page?: number;
  meta?: DocMeta;
}

/**
 * Text after PDF-damage repair. `map[i]` is the index in the original text of normalized character i;
 * `map[text.length]` is the original length, so that a half-open span [s, e) maps to [map[s], map[e-1]+1).
 */
export interface NormalizedText {
  text: string;
  map: Int32Array;
  /**
   * Normalized indices i where a run of spaces was removed between text[i-1] and text[i]. The PDF turned
   * quotation marks into such spaces, so they often frame a program's name ( 小养殖 ).
   */
  gaps: number[];
}

/** A segmented word (nodejieba with HMM), with its part-of-speech tag. */
export interface Token {
  word: string;
  tag: string;
  start: number;
  end: number;
}

/** One mention of an entity found in a text (offsets into the text given to the recognizer). */
export interface Mention {
  start: number;
  end: number;
  /** The surface form, `text.slice(start, end)`. */
  text: string;
  kind: EntityKind;
  /** Canonical (fullest) name when the recognizer knows it, e.g. 新巴尔虎左旗 for 新左旗. */
  canonical?: string;
  /** Confidence in [0, 1] when the recognizer provides one. */
  score?: number;
}

/** A byline or photo credit. */
export interface Author {
  name: string;
  /** 撰稿 (wrote) or 摄影 (photographed). */
  role: '撰稿' | '摄影';
  /** Organization the byline names, e.g. 二连浩特报 in "二连浩特报记者 李晓英". */
  outlet?: string;
  /** Title in the byline: 记者, 本报记者 … */
  title?: string;
  /** Offsets in the article's normalized text. */
  start: number;
  end: number;
}

/** A sentence of an article: offsets in the article's normalized text. */
export interface Sentence {
  index: number;
  start: number;
  end: number;
  text: string;
}

/**
 * An article's text as written, where it differs from the analysis text (traditional script converted to
 * simplified). `map[i]` is the index in `text` where unit i of the analysis text is written; units written
 * as one character (a surrogate pair, a phrase) share it; `map[analysis length]` is `text.length`.
 */
export interface WrittenText {
  text: string;
  map: Int32Array;
}

/** An article of a page, after normalization. */
export interface Article {
  /** Stable id: `<file stem>#<n>` (n from 1, in page order). */
  id: string;
  /** Source file path. */
  source: string;
  title: string;
  /** Section mark such as ■视点, or '' */
  section: string;
  authors: Author[];
  /** Normalized text of the whole article (title and body). */
  text: string;
  /**
   * Map from normalized article index to the **code point** index in the source file's original text
   * (`map[text.length]` is the end sentinel), so evidence offsets can be given in code points.
   */
  map: Int32Array;
  /** Normalized indices where spaces were removed (see NormalizedText.gaps). */
  gaps: number[];
  sentences: Sentence[];
  /** Page of the PDF the article was printed on (PDF inputs only). */
  page?: number;
  /**
   * Publication date, ISO `YYYY-MM-DD`, from the input's metadata, a dateline, the page header or the
   * file name (src/text/dates.ts); never today's date by default, never before 1949 or in the future.
   */
  date?: string;
  /** Where `date` came from: a DateSource, or a reader's finer name for a metadata date. */
  dateSource?: string;
  /** Canonical URL of the article's web page (http/https only). */
  url?: string;
  /** The publication, when the input named it (JSONL `source`). */
  publisher?: string;
  /**
   * The same text in the script of the source, when it was converted for analysis (traditional input);
   * absent when `text` is as written. Evidence sentences and aliases are read from here.
   */
  written?: WrittenText;
}

/** Evidence for a node or an edge: where the text says it. */
export interface Evidence {
  article: string;
  /** Sentence text (normalized), as written in the source (traditional script stays traditional). */
  sentence: string;
  /** Offsets of the mention(s) in `sentence` (UTF-16). */
  spans: Array<[number, number]>;
  /**
   * Code-point ranges of the mention(s) in the source file as given, in order. A mention that the layout
   * repair stitched together from two places of the page (a caption printed in two pieces) gives two ranges.
   */
  sourceSpans: Array<[number, number]>;
  source: string;
  /** PDF page of the source (then `sourceSpans` count in that page's extracted text). */
  page?: number;
  /** The article's date (ISO), when it has one. */
  date?: string;
}

/** A mention resolved to an entity within one article. */
export interface EntityMention extends Mention {
  article: string;
  sentence: number;
  /** Key of the entity node it was resolved to. */
  entity: string;
}

/** An entity after resolution (one graph node). */
export interface Entity {
  key: string;
  label: string;
  kind: NodeKind;
  aliases: string[];
  mentions: number;
  articles: string[];
  evidence: Evidence[];
  /** Extra attributes (division `code` for places, …). */
  attributes?: Record<string, string | number | boolean>;
}

/** A relation fact between two entities, stated by a sentence. */
export interface RelationFact {
  source: string;
  target: string;
  relation: RelationType;
  /** Short Chinese label; for `role` the title itself. */
  label: string;
  evidence: Evidence;
}

/** All that extraction produced for one article. */
export interface ArticleExtraction {
  article: Article;
  mentions: EntityMention[];
}
