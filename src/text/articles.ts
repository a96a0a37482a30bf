/**
 * Page layout analysis: splits a newspaper page (as copied out of a PDF) into articles.
 *
 * Signals, as they appear in 内蒙古日报-style pages: `■` starts a section (an article), `□` a byline,
 * a short line without final punctuation is a title or a subheading, a block with 图为 or ending in
 * "<name> 摄" is a photo caption (an article of its own). Paragraphs broken by the column layout in the
 * middle of a sentence (…和嘎 | 查村…) are joined again.
 */
import { BYLINE_TITLE_GROUP, CREDIT_SLASH, SOURCE_CUES, photoCredit } from './bylines.js';
import { basename, extname } from 'node:path';
import type { Article, Author, SourceDoc } from '../types.js';
import { MappedTextBuilder, appendRepaired, normalizeText, withoutReadings } from './normalize.js';
import { splitSentences } from './sentences.js';
import { utf16ToCodePointTable } from './codepoints.js';
import { givenIndex, toSimplified } from './script.js';
import { writtenForm } from './written.js';
import { articleDate, fileDates, isHeaderLine, type DateOptions } from './dates.js';

type BlockKind = 'section' | 'byline' | 'short' | 'caption' | 'body' | 'junk';

interface Block {
  start: number;
  end: number;
  /** Repaired text of the block (for classification only). */
  clean: string;
  kind: BlockKind;
}

/** A source cue with its colon (来源：). */
const SOURCE_LINE = new RegExp(`(${SOURCE_CUES.join('|')})[：:]`);
const SENTENCE_END = /[。！？!?；;…”」』）)]$/;
const SHORT_MAX = 24;
const CREDIT = /([\u4e00-\u9fff·]{2,8})\s*摄\s*$/;

function classify(original: string, start: number, end: number): Block {
  const raw = original.slice(start, end);
  const clean = normalizeText(raw).text;
  let kind: BlockKind;
  if (clean.length === 0 || (clean.length <= 2 && !/[\u4e00-\u9fff]/.test(clean))) kind = 'junk';
  // The page header (2020年2月7日 星期五, 内蒙古日报 2020年2月7日 第3版) is not an article's title.
  // A dated source line (2019年04月04日09:49 来源：农民日报) is kept: it names the outlet.
  else if (isHeaderLine(clean) && !SOURCE_LINE.test(clean)) kind = 'junk';
  else if (/^[^\u4e00-\u9fff]{0,3}■/.test(clean)) kind = 'section';
  else if (/^[^\u4e00-\u9fff]{0,3}□/.test(clean)) kind = 'byline';
  else if (clean.includes('图为') || (CREDIT.test(raw.trim()) && clean.length > SHORT_MAX)) kind = 'caption';
  else if (clean.length <= SHORT_MAX && !SENTENCE_END.test(clean) && !/[，,]/.test(clean)) kind = 'short';
  else kind = 'body';
  return { start, end, clean, kind };
}

/** Splits the text into blank-line separated blocks. */
function blocksOf(original: string): Block[] {
  const blocks: Block[] = [];
  const re = /\n[ \t\u3000\r]*\n/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(original)) !== null) {
    if (m.index > last) blocks.push(classify(original, last, m.index));
    last = m.index + m[0].length;
  }
  if (last < original.length) blocks.push(classify(original, last, original.length));
  return blocks.filter((b) => b.clean.length > 0);
}

/** Parses a byline such as "□本报记者 巴依斯古楞 二连浩特报记者 李晓英" into authors (offsets set later). */
const BYLINE_CHUNK = new RegExp(`^(.*?)${BYLINE_TITLE_GROUP}(.*)$`);
/**
 * Where a byline's names end at the latest: a credit's slash (哈某文/图, 文/某) or the end of a sentence. A byline the
 * page runs on into its first paragraph (□本报记者某某□本报见习记者某某文/图仲夏时节，…。) names its people before it;
 * the clauses after it are no names.
 */
const BYLINE_END = new RegExp(`${CREDIT_SLASH.source}|[。！？；]`);

export function parseByline(line: string): Array<{ name: string; title?: string; outlet?: string }> {
  const end = BYLINE_END.exec(line);
  const text = (end ? line.slice(0, end.index) : line).replace(/^[□\s]+/, '');
  // Names are set apart by white space or by the □ of a further title (□本报记者某某□通讯员某某).
  const chunks = text.split(/[\s\u3000□]+/).filter(Boolean);
  const out: Array<{ name: string; title?: string; outlet?: string }> = [];
  let title: string | undefined;
  let outlet: string | undefined;
  for (const chunk of chunks) {
    const m = BYLINE_CHUNK.exec(chunk);
    let rest = chunk;
    if (m) {
      const org = m[1]!;
      title = `${org}${m[2]!}`;
      outlet = org && org !== '本报' ? org : undefined;
      rest = m[3]!;
    } else if (/[，,]/.test(chunk)) break; // a clause of the paragraph after the byline, not a list of names
    for (const name of rest.split(/[、，,]/)) {
      if (!/^[\u4e00-\u9fff·]{2,8}$/.test(name)) break;
      out.push({ name, ...(title ? { title } : {}), ...(outlet ? { outlet } : {}) });
    }
  }
  return out;
}

interface Draft {
  section: string;
  title?: Block;
  bylines: Block[];
  /** Paragraphs: each a list of blocks joined without a break (a paragraph broken by the layout). */
  paragraphs: Block[][];
  caption: boolean;
}

/** A page's field of record: 来源：…, 作者：…, 浏览：…, 发布时间：… */
const RECORD_FIELD = /(?:来源|作者|编辑|责编|浏览|点击|阅读|时间|日期|发布)[：:]/g;
/**
 * A web page's record line (时间：… 来源：… 作者：… 浏览：…) holds two fields or more; it never runs on into the
 * paragraph after it, though it ends with no full stop.
 */
const isRecordLine = (b: Block) => (b.clean.match(RECORD_FIELD)?.length ?? 0) >= 2;
const endsMidSentence = (b: Block) => b.kind === 'body' && !SENTENCE_END.test(b.clean) && !/[：:]$/.test(b.clean) && !isRecordLine(b);
/** A text block (body, or a short one of some length) that stops in the middle of a sentence. */
const cutText = (b: Block) => (b.kind === 'body' || (b.kind === 'short' && b.clean.length >= 10)) && !SENTENCE_END.test(b.clean);

/** Groups blocks into article drafts. */
function draftArticles(blocks: Block[]): Draft[] {
  const drafts: Draft[] = [];
  let main: Draft | undefined;
  const newDraft = (section = '', caption = false): Draft => {
    const d: Draft = { section, bylines: [], paragraphs: [], caption };
    drafts.push(d);
    return d;
  };
  const hasBody = (d: Draft | undefined) => !!d && d.paragraphs.some((p) => p.some((b) => b.kind !== 'short'));
  const nextContent = (i: number) => {
    let j = i;
    while (j < blocks.length && blocks[j]!.kind === 'junk') j++;
    return j;
  };

  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === 'junk') continue;
    if (b.kind === 'section') {
      main = newDraft(b.clean.replace(/^[^\u4e00-\u9fff]{0,3}■/, ''));
      continue;
    }
    if (b.kind === 'byline') {
      if (!main) main = newDraft();
      main.bylines.push(b);
      continue;
    }
    if (b.kind === 'short') {
      const j = nextContent(i + 1);
      const next = blocks[j];
      // A short line right before a byline: the title of a new article (or of the current, still empty one).
      if (next?.kind === 'byline') {
        if (!main || hasBody(main) || main.title) main = newDraft();
        main.title = b;
        continue;
      }
      // A short line right before a caption: the caption's title.
      if (next?.kind === 'caption') {
        const cap = newDraft('', true);
        cap.title = b;
        cap.paragraphs.push([next]);
        i = j;
        continue;
      }
      if (main && !main.title && !hasBody(main) && main.bylines.length === 0) {
        main.title = b;
        continue;
      }
      if (!main) {
        main = newDraft();
        main.title = b;
        continue;
      }
      main.paragraphs.push([b]);
      continue;
    }
    if (b.kind === 'caption') {
      // A caption fragment whose beginning the layout put after it: [short title][body cut mid-sentence].
      const j = nextContent(i + 1);
      const k = nextContent(j + 1);
      if (blocks[j]?.kind === 'short' && blocks[k] && cutText(blocks[k])) {
        const cap = newDraft('', true);
        cap.title = blocks[j];
        cap.paragraphs.push([blocks[k], b]);
        i = k;
        continue;
      }
      const cap = newDraft('', true);
      cap.paragraphs.push([b]);
      continue;
    }
    // body
    if (!main) main = newDraft();
    const paras = main.paragraphs;
    const prev = paras[paras.length - 1];
    const prevLast = prev?.[prev.length - 1];
    if (prevLast && endsMidSentence(prevLast)) prev.push(b);
    else if (prevLast?.kind === 'short' && paras.length >= 2) {
      // a subheading dropped into the middle of a broken sentence: join around it
      const before = paras[paras.length - 2]!;
      const beforeLast = before[before.length - 1]!;
      if (endsMidSentence(beforeLast)) {
        before.push(b);
        continue;
      }
      paras.push([b]);
    } else paras.push([b]);
  }
  return drafts.filter((d) => d.paragraphs.length > 0 || d.bylines.length > 0 || d.title);
}

/** Inline caption title: "庄严宣誓 日前，…" → 庄严宣誓. */
function inlineTitle(original: string, b: Block): { title: string; skip: number } | undefined {
  const raw = original.slice(b.start, b.end);
  const m = /^\s*([\u4e00-\u9fff]{2,8})[ \u3000]+(?=\S)/.exec(raw);
  if (!m) return undefined;
  return { title: m[1]!, skip: m[0].length };
}

/** All drafts as one article (a document that is one article): first title, all bylines and paragraphs. */
function mergeDrafts(drafts: Draft[]): Draft[] {
  if (drafts.length <= 1) return drafts;
  const titled = drafts.find((d) => d.title);
  return [
    {
      section: drafts.find((d) => d.section)?.section ?? '',
      ...(titled ? { title: titled.title } : {}),
      bylines: drafts.flatMap((d) => d.bylines),
      paragraphs: drafts.flatMap((d) => d.paragraphs),
      caption: false,
    },
  ];
}

/**
 * Splits one source document into articles, numbered from `first` (documents after the first of one file,
 * such as the pages of a PDF, go on counting). The document's page, date and URL go onto every article;
 * its title replaces the found title when the document is a single article. Lines in traditional script
 * are converted to simplified first (src/text/script.ts): layout analysis, recognition and everything
 * after read simplified text, while `map` still points at the file as given and `written` keeps the text
 * as written.
 */
export function splitArticles(doc: SourceDoc, first = 1, options: DateOptions = {}): Article[] {
  const conv = toSimplified(doc.text);
  const original = conv.text;
  const blocks = blocksOf(original);
  const drafts = doc.meta?.single ? mergeDrafts(draftArticles(blocks)) : draftArticles(blocks);
  // Dates (src/text/dates.ts): the file's page header and name, then each article's own dateline.
  const dates = fileDates(doc.path, original, options);
  const stem = basename(doc.path, extname(doc.path)) || 'input';
  const articles: Article[] = [];
  const cp = utf16ToCodePointTable(doc.text);
  /** The given text of converted range [from, to). */
  const given = (from: number, to: number) => doc.text.slice(givenIndex(conv, from), givenIndex(conv, to));
  for (const d of drafts) {
    const b = new MappedTextBuilder();
    const newline = (at: number) => {
      if (b.length > 0 && b.lastChar() !== '\n') b.push('\n', at);
    };
    /**
     * The line break after a block stands for the blank line that ends it; a block that ends the page (a
     * byline at the bottom, read before the paragraphs above it) has none after it, so the break stands
     * for the blank line before it (its start follows a line break) instead of pointing past the page.
     */
    const breakAfter = (blk: Block) => newline(blk.end < original.length || blk.start === 0 ? blk.end : blk.start - 1);
    let title = d.title ? displayTitle(given(d.title.start, d.title.end)) : '';
    if (d.title) {
      appendRepaired(b, original, d.title.start, d.title.end);
      breakAfter(d.title);
    }
    const authors: Author[] = [];
    for (const by of d.bylines) {
      const lineStart = b.length;
      const rawStart = original.indexOf('□', by.start);
      appendRepaired(b, original, rawStart >= 0 && rawStart < by.end ? rawStart + 1 : by.start, by.end);
      const lineText = b.textFrom(lineStart);
      for (const a of parseByline(original.slice(by.start, by.end))) {
        const at = lineText.indexOf(a.name);
        if (at < 0) continue;
        authors.push({
          name: a.name,
          role: '撰稿',
          ...(a.title ? { title: a.title } : {}),
          ...(a.outlet ? { outlet: a.outlet } : {}),
          start: lineStart + at,
          end: lineStart + at + a.name.length,
        });
      }
      breakAfter(by);
    }
    for (const para of d.paragraphs) {
      for (const [pi, blk] of para.entries()) {
        let from = blk.start;
        if (d.caption && !title && pi === 0) {
          const inline = inlineTitle(original, blk);
          if (inline) {
            title = conv.map ? displayTitle(given(blk.start, blk.start + inline.skip)) : inline.title;
            appendRepaired(b, original, blk.start, blk.start + inline.skip);
            // The line break stands for the blank that ends the title (the last of `skip`), not for the
            // caption's first character.
            newline(blk.start + inline.skip - 1);
            from = blk.start + inline.skip;
          }
        }
        const paraStart = b.length;
        if (pi > 0 && b.lastChar() !== '\n') b.markGap();
        appendRepaired(b, original, from, blk.end);
        if (blk.kind === 'caption') {
          const gaps = b.gaps.filter((g) => g > paraStart).map((g) => g - paraStart);
          for (const c of photoCredit(b.textFrom(paraStart), gaps)) {
            authors.push({ name: c.name, role: '摄影', start: paraStart + c.start, end: paraStart + c.end });
          }
        }
      }
      breakAfter(para[para.length - 1]!);
    }
    const norm = b.build(d.paragraphs.length ? d.paragraphs[d.paragraphs.length - 1]!.at(-1)!.end : 0);
    let text = norm.text;
    let map = norm.map;
    if (text.endsWith('\n')) {
      text = text.slice(0, -1);
      map = map.slice(0, text.length + 1);
    }
    // The text as written, when conversion changed it (map still indexes the converted text here).
    const written = conv.map ? writtenForm(text, map, conv, doc.text) : undefined;
    // Evidence promises code points of the file as given.
    for (let i = 0; i < map.length; i++) map[i] = cp[givenIndex(conv, Math.min(map[i]!, original.length))]!;
    if (!title) title = d.section || firstWords(written?.text ?? text);
    articles.push({
      id: `${stem}#${first + articles.length}`,
      source: doc.path,
      title,
      section: d.section,
      authors,
      text,
      map,
      gaps: norm.gaps.filter((g) => g < text.length),
      sentences: splitSentences(text),
      ...docFields(doc),
      ...dateFields(text, dates, doc, options),
      ...(written && written.text !== text ? { written } : {}),
    });
  }
  const title = doc.meta?.title?.trim();
  if (title && articles.length === 1) articles[0]!.title = displayTitle(title);
  return articles;
}

/** Page, URL and publisher of the document, for each of its articles. */
function docFields(doc: SourceDoc): Pick<Article, 'page' | 'url' | 'publisher'> {
  const m = doc.meta ?? {};
  return {
    ...(doc.page !== undefined ? { page: doc.page } : {}),
    ...(m.url ? { url: m.url } : {}),
    ...(m.publisher ? { publisher: m.publisher } : {}),
  };
}

/**
 * An article's date: the document's metadata date (checked: a refused date falls through), its
 * dateline, the page header, the file name. A metadata date keeps the reader's `dateSource` when given.
 */
function dateFields(text: string, dates: ReturnType<typeof fileDates>, doc: SourceDoc, options: DateOptions): Pick<Article, 'date' | 'dateSource'> {
  const found = articleDate(text, dates, doc.meta?.date, options);
  if (!found) return {};
  const source = found.date_source === 'metadata' && doc.meta?.dateSource ? doc.meta.dateSource : found.date_source;
  return { date: found.date, dateSource: source };
}

/** Titles keep their inner spacing (做实党建工作 助推脱贫攻坚), collapsed to single spaces. */
function displayTitle(raw: string): string {
  return withoutReadings(raw)
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

function firstWords(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 20 ? `${line.slice(0, 20)}…` : line;
}
