/**
 * Saved web pages (.html, .htm, or any file that starts like HTML): the article's main text through
 * @mozilla/readability on a linkedom document, one paragraph per block element (headings, paragraphs, list
 * items, captions), blank lines between, so that the page splitter reads it like a text page.
 *
 * Scripts, styles, navigation, asides, forms and comment sections are removed before Readability runs,
 * so they are never read as text. Metadata: title (og:title, else Readability's), date (html-date.ts),
 * canonical URL (link rel=canonical, else og:url; http/https only). A page without an article body gives a
 * warning and no document.
 */
import type { Reader } from './reader.js';
import type { DocMeta } from '../types.js';
import { decodeBytes, type LegacyEncoding } from '../text/decode.js';
import { InputError } from '../errors.js';
import { pageDate } from './html-date.js';
import { httpUrl } from './url.js';
import type { DomDocument, DomNode } from './dom.js';

const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head)\b/i;

/** The first bytes start like an HTML document (after a BOM, white space and comments). */
export function looksLikeHtml(head: Uint8Array): boolean {
  const s = Buffer.from(head)
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '');
  return HTML_START.test(s);
}

/** A GB2312/GBK/GB18030 or Big5 charset the page declares in its first 2 KiB (the text decoder reads it so). */
function declaredCharset(bytes: Uint8Array): LegacyEncoding | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? '';
  if (/^(gb2312|gbk|gb18030|x-gbk)$/.test(declared)) return 'gb18030';
  if (/^(big5|big5-hkscs|x-x-big5)$/.test(declared)) return 'big5';
  return undefined;
}

const REMOVE = 'script, style, noscript, template, iframe, object, embed, svg, canvas, nav, aside, form, button, select, textarea, footer';
const COMMENTS = /(^|[\s_-])(comments?|reply|replies|disqus|respond|discuss)([\s_-]|$)/i;
const BLOCK = new Set([
  'P',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'BLOCKQUOTE',
  'PRE',
  'FIGCAPTION',
  'CAPTION',
  'TD',
  'TH',
  'DT',
  'DD',
  'DIV',
  'SECTION',
  'ARTICLE',
  'HEADER',
  'TABLE',
  'TR',
  'UL',
  'OL',
  'DL',
  'FIGURE',
  'MAIN',
  'ADDRESS',
]);

/** Block texts of an element tree, in document order: each block element's own inline text is one block. */
function blocksOf(root: DomNode): string[] {
  const out: string[] = [];
  let cur = '';
  const flush = () => {
    const t = cur
      .replace(/[ \t\r\f\v]*\n[ \t\r\f\v]*/g, '\n')
      .replace(/[ \t\r\f\v]+/g, ' ')
      .trim();
    if (t) out.push(t);
    cur = '';
  };
  const walk = (n: DomNode) => {
    if (n.nodeType === 3) {
      cur += (n.textContent ?? '').replace(/[\n\r\t]+/g, ' ');
      return;
    }
    if (n.nodeType !== 1) return;
    const tag = n.nodeName.toUpperCase();
    if (tag === 'BR') {
      cur += '\n';
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    for (const c of Array.from(n.childNodes)) walk(c);
    if (block) flush();
  };
  walk(root);
  flush();
  return out;
}

export const htmlReader: Reader = {
  format: 'html',
  extensions: ['.html', '.htm', '.xhtml'],
  sniff: looksLikeHtml,
  async *read(bytes, path, context) {
    const { encoding, text: source } = decodeBytes(bytes, path, declaredCharset(bytes));
    const [{ parseHTML }, { Readability }] = await Promise.all([import('linkedom'), import('@mozilla/readability')]);
    let document: DomDocument;
    try {
      ({ document } = parseHTML(source) as unknown as { document: DomDocument });
    } catch (err) {
      throw new InputError(`unreadable HTML (${String((err as Error)?.message ?? err).split('\n')[0]})`, path);
    }
    const meta: DocMeta = {};
    const attr = (sel: string, name: string) => document.querySelector(sel)?.getAttribute(name)?.trim() || undefined;
    const ogUrl = httpUrl(attr('meta[property="og:url"]', 'content'));
    const url = httpUrl(attr('link[rel~="canonical"]', 'href'), ogUrl) ?? ogUrl;
    if (url) meta.url = url;
    const date = pageDate(document);
    if (date) Object.assign(meta, date);

    const h1 = (document.querySelector('article h1, main h1') ?? document.querySelector('h1'))?.textContent?.replace(/\s+/g, ' ').trim();
    for (const el of Array.from(document.querySelectorAll(REMOVE))) el.remove();
    for (const el of Array.from(document.querySelectorAll('[id], [class]'))) {
      const names = `${el.getAttribute('id') ?? ''} ${el.getAttribute('class') ?? ''}`;
      if (COMMENTS.test(names) && !/^(ARTICLE|MAIN|BODY|HTML)$/i.test(el.tagName)) el.remove();
    }
    for (const el of Array.from(document.querySelectorAll('header'))) if (!el.closest('article, main')) el.remove();

    const article = new Readability(document as never, { keepClasses: false }).parse();
    // og:title, else the main heading when the page title carries it (嘎查的新办法 - 示例网), else Readability's.
    const pageTitle = article?.title?.trim() ?? '';
    const title = (attr('meta[property="og:title"]', 'content') ?? (h1 && pageTitle.includes(h1) ? h1 : pageTitle)).trim();
    if (title) meta.title = title;
    let blocks: string[] = [];
    if (article?.content) {
      const { document: content } = parseHTML(`<!DOCTYPE html><html><body>${article.content}</body></html>`) as unknown as { document: DomDocument };
      blocks = blocksOf(content.body);
    }
    if (!blocks.some((b) => /[\p{L}\p{N}]/u.test(b))) {
      context.onWarning?.(`${path}: no article body found in the web page; nothing read from it`);
      return;
    }
    // Readability takes out a heading that repeats the title and the byline; the page splitter wants them
    // back: the title on top (unless a heading says it), the byline under it.
    const squash = (s: string) => s.replace(/\s+/g, '');
    let at = title ? blocks.slice(0, 4).findIndex((b) => squash(b).includes(squash(title))) : -1;
    if (title && at < 0) {
      blocks.unshift(title);
      at = 0;
    }
    const byline = article?.byline?.replace(/\s+/g, ' ').trim();
    if (byline && !blocks.some((b) => squash(b).includes(squash(byline)))) blocks.splice(at + 1, 0, byline);
    yield { path, encoding, text: `${blocks.join('\n\n')}\n`, meta };
  },
};
