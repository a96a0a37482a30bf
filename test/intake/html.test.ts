import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { htmlReader, looksLikeHtml } from '../../src/intake/html.js';
import { httpUrl } from '../../src/intake/url.js';
import { findDate } from '../../src/text/dates.js';
import { readerFor } from '../../src/intake/index.js';
import { buildFromSources } from '../../src/pipeline.js';
import type { SourceDoc } from '../../src/types.js';

const BODY =
  '<p>苏吉嘎查第一书记金宝介绍说，代加工服务只收取加工费，不收取其他费用。</p><p>合作社今年扩大了规模，带动周边农户增收，群众得到了实惠。</p><p>下一步，嘎查党支部将继续组织党员为群众办实事，让大家的日子越过越好。</p>';

function page(head: string, body = `<article><h1>嘎查的新办法</h1>${BODY}</article>`): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>嘎查的新办法 - 示例网</title>${head}</head><body>${body}</body></html>`;
}

async function read(html: string | Uint8Array, path = 'p.html'): Promise<{ docs: SourceDoc[]; warnings: string[] }> {
  const warnings: string[] = [];
  const docs: SourceDoc[] = [];
  const bytes = typeof html === 'string' ? new TextEncoder().encode(html) : html;
  for await (const d of htmlReader.read(bytes, path, { onWarning: (m) => warnings.push(m) })) docs.push(d);
  return { docs, warnings };
}

describe('web pages', () => {
  it('are found by content (doctype, <html>, <head>), or by name', () => {
    expect(looksLikeHtml(new TextEncoder().encode('\ufeff\n<!-- saved -->\n<!doctype HTML><html>'))).toBe(true);
    expect(looksLikeHtml(new TextEncoder().encode('<p>金宝</p>'))).toBe(false);
    expect(readerFor(new TextEncoder().encode('<html><body>x</body></html>'), 'a.txt').format).toBe('html');
    expect(readerFor(new TextEncoder().encode('<p>金宝</p>'), 'a.htm').format).toBe('html');
  });

  it('read the article text, one block per paragraph, the title on top', async () => {
    const { docs } = await read(page(''));
    expect(docs).toHaveLength(1);
    const blocks = docs[0]!.text.trim().split('\n\n');
    expect(blocks[0]).toBe('嘎查的新办法');
    expect(blocks.slice(1)).toEqual([...BODY.matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1]));
    expect(docs[0]!.meta?.title).toBe('嘎查的新办法');
  });

  it.each([
    ['article:published_time', '<meta property="article:published_time" content="2021-03-04T23:30:00-05:00">', '2021-03-04', 'html:article:published_time'],
    ['pubdate', '<meta name="pubdate" content="2021/3/5">', '2021-03-05', 'html:meta:pubdate'],
    [
      'JSON-LD datePublished',
      '<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2021-03-06"}]}</script>',
      '2021-03-06',
      'html:json-ld',
    ],
  ])('date from %s', async (_name, head, date, source) => {
    const { docs } = await read(page(head));
    expect(docs[0]!.meta).toMatchObject({ date, dateSource: source });
  });

  it('date from a date line near the title', async () => {
    const { docs } = await read(page('', `<article><h1>嘎查的新办法</h1><div class="info">2021年3月7日 10:20 来源：示例网</div>${BODY}</article>`));
    expect(docs[0]!.meta).toMatchObject({ date: '2021-03-07', dateSource: 'html:date-line' });
  });

  it('dates before 1949, after today or impossible are not taken', () => {
    expect(findDate('1948-12-31')).toBeUndefined();
    expect(findDate('2021-02-30')).toBeUndefined();
    expect(findDate('2031-01-01', { today: '2030-06-01' })).toBeUndefined();
    expect(findDate('2030-05-31T23:00:00Z', { today: '2030-06-01' })).toBe('2030-05-31');
    expect(findDate('发布时间：２０２１年３月７日 10:20')).toBe('2021-03-07');
    expect(findDate('12021-03-07')).toBeUndefined();
  });

  it('canonical URL: http(s) only, relative ones resolved against og:url', async () => {
    expect((await read(page('<link rel="canonical" href="https://example.org/a/b.html">'))).docs[0]!.meta?.url).toBe('https://example.org/a/b.html');
    expect((await read(page('<meta property="og:url" content="https://example.org/x/"><link rel="canonical" href="c.html">'))).docs[0]!.meta?.url).toBe(
      'https://example.org/x/c.html',
    );
    expect((await read(page('<link rel="canonical" href="javascript:alert(1)">'))).docs[0]!.meta?.url).toBeUndefined();
    expect(httpUrl('ftp://example.org/')).toBeUndefined();
    expect(httpUrl('data:text/html,<b>x</b>')).toBeUndefined();
  });

  it('navigation, asides, comments, scripts and styles are never read', async () => {
    const body = `<nav><a>鄂尔多斯市新闻</a></nav><script>var s = "包头市";</script><style>.x{content:"乌海市"}</style>
      <article><h1>嘎查的新办法</h1>${BODY}<div id="comments"><p>巴彦淖尔市网友：阿拉善盟的做法也很好，值得学习和推广。</p></div></article>
      <aside>兴安盟召开会议</aside><noscript>乌兰察布市</noscript>`;
    const { docs } = await read(page('', body));
    for (const w of ['鄂尔多斯市', '包头市', '乌海市', '巴彦淖尔市', '阿拉善盟', '兴安盟', '乌兰察布市']) expect(docs[0]!.text).not.toContain(w);
    expect(docs[0]!.text).toContain('金宝');
  });

  it('a page without an article body: a warning and no document, so no nodes', async () => {
    const { docs, warnings } = await read(
      '<!DOCTYPE html><html><head><title>首页</title></head><body><nav><a>新闻</a></nav><script>x()</script></body></html>',
      'empty.html',
    );
    expect(docs).toEqual([]);
    expect(warnings).toEqual(['empty.html: no article body found in the web page; nothing read from it']);
    expect(buildFromSources(docs, { layout: false }).graph.order).toBe(0);
  });

  it('a page declared GBK is decoded as GB18030', async () => {
    const html = page('').replace('<meta charset="utf-8">', '<meta charset="gbk">');
    const { docs } = await read(iconv.encode(html, 'gb18030'));
    expect(docs[0]!.text).toContain('苏吉嘎查第一书记金宝');
    expect(docs[0]!.encoding).toBe('gb18030');
  });

  it('a page declared Big5 is decoded as Big5', async () => {
    const body = '<article><h1>蘭黨</h1><p>蘭黨蘭黨蘭黨蘭黨蘭黨蘭黨蘭黨蘭黨蘭黨蘭黨蘭黨蘭黨蘭黨蘭黨蘭黨蘭黨。</p></article>';
    const html = page('', body).replace('<meta charset="utf-8">', '<meta charset="big5">').replace('嘎查的新办法 - 示例网', 'x');
    const { docs } = await read(iconv.encode(html, 'big5'));
    expect(docs[0]!.text).toContain('蘭黨蘭黨');
    expect(docs[0]!.encoding).toBe('big5');
  });

  it('markup in text is data: an entity name written with tags around it is read as text, never run', async () => {
    const { docs } = await read(
      page('', `<article><h1>嘎查的新办法</h1>${BODY}<p>&lt;img src=x onerror=alert(1)&gt; 是一段文字，不是标记，照样作为文字读出来。</p></article>`),
    );
    expect(docs[0]!.text).toContain('<img src=x onerror=alert(1)> 是一段文字');
  });
});
