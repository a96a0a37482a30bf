/**
 * Writes the format fixtures of test/fixtures/formats/ from the bundled page (data/000_*.txt):
 *
 * - `page.html`: the page as a saved web page: title, meta tags, a canonical link, JSON-LD, navigation,
 *   a comment section and scripts around an <article> holding the page's blocks (one <p> or heading each).
 * - `page.pdf`: the same blocks (one template, `body()`) in a two-column print layout on one tall sheet, as
 *   a daily's digital edition gives one PDF page per newspaper page (section marks and the first headline
 *   span both columns), printed by headless Chromium (--print-to-pdf) with Noto CJK fonts from a print page
 *   written to a temporary folder.
 * - `pages.pdf`: three A4 pages of sentences written for this fixture, an entity on each page, for page
 *   numbers and offsets in evidence.
 * - `scan.html` → `scan.pdf`: a page whose only content is a picture of text (no text layer), from a
 *   Chromium screenshot of a sentence written for this fixture.
 * - `encrypted.pdf`: a one-sentence page (written for this fixture) encrypted with a user password (qpdf,
 *   AES-256).
 *
 * Needs `chromium`, `fonts-noto-cjk` and `qpdf` (Debian); run `npx tsx scripts/make-format-fixtures.ts`
 * from the repository root. The PDFs carry their creation time, so bytes differ from run to run; the tests
 * read the kept files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'test/fixtures/formats');
const page = readdirSync(join(root, 'data')).find((n) => /^000_.*\.txt$/.test(n))!;
const text = readFileSync(join(root, 'data', page), 'utf8');
const blocks = text
  .split(/\n[ \t\u3000\r]*\n/)
  .map((b) => b.trim())
  .filter(Boolean);

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const SECTION = /^[^\u4e00-\u9fff]{0,3}■/;
const SHORT = (b: string) => b.length <= 24 && !/[。！？!?；;…”」』）),，]$/.test(b) && !/[，,]/.test(b);

/** The page's blocks as HTML elements: ■ lines and the first headline as h1-level, other short lines h2. */
function body(spanClass: string): string {
  let firstTitle = true;
  return blocks
    .map((b) => {
      if (SECTION.test(b)) return `<p class="section ${spanClass}">${esc(b)}</p>`;
      if (b.startsWith('□')) return `<p class="byline">${esc(b)}</p>`;
      if (SHORT(b)) {
        if (firstTitle) {
          firstTitle = false;
          return `<h1 class="${spanClass}">${esc(b)}</h1>`;
        }
        return `<h2>${esc(b)}</h2>`;
      }
      return `<p>${esc(b)}</p>`;
    })
    .join('\n');
}

const title = blocks.find((b) => SHORT(b) && !SECTION.test(b))!;

const webPage = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(title)} - 示例日报网</title>
<meta property="og:title" content="${esc(title)}">
<meta property="article:published_time" content="2020-02-07T08:30:00+08:00">
<link rel="canonical" href="https://news.example.org/2020-02/07/page-3.html">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"${esc(title)}","datePublished":"2020-02-07T08:30:00+08:00"}</script>
<script>window.tracker = { channel: "鄂尔多斯市频道" }; document.write("包头市新闻");</script>
<style>body { font-family: sans-serif; } .ad { color: red; }</style>
</head>
<body>
<header class="site-header"><a href="/">示例日报网</a></header>
<nav class="main-nav"><ul><li><a href="/a">鄂尔多斯市新闻</a></li><li><a href="/b">包头市新闻</a></li><li><a href="/c">乌海市新闻</a></li></ul></nav>
<main>
<article class="article">
${body('')}
</article>
<section id="comments" class="comments"><h3>网友评论</h3>
<div class="comment"><p class="comment-author">巴彦淖尔市网友</p><p>阿拉善盟的做法也很好，值得学习。</p></div>
<div class="comment"><p class="comment-author">乌海市网友</p><p>点赞！</p></div>
</section>
</main>
<aside class="sidebar"><h3>热门</h3><ul><li><a href="/d">兴安盟召开会议</a></li></ul></aside>
<footer class="site-footer">示例日报网 版权所有</footer>
<script>console.log("乌兰察布市");</script>
</body>
</html>
`;
writeFileSync(join(out, 'page.html'), webPage);

const printPage = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
@page { size: 260mm 1200mm; margin: 15mm 15mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 10.5pt; line-height: 1.6; column-count: 2; column-gap: 8mm; }
.span { column-span: all; }
h1 { font-size: 20pt; text-align: center; margin: 4mm 0 6mm; }
h2 { font-size: 12pt; margin: 3mm 0 2mm; }
p { margin: 0 0 2mm; text-align: justify; }
p.section { font-size: 13pt; font-weight: bold; }
p.byline { text-align: center; }
</style></head>
<body>
${body('span')}
</body></html>
`;
const tmp = mkdtempSync(join(tmpdir(), 'zhkg-fixtures-'));
const chromium = (args: string[]) =>
  execFileSync(CHROMIUM_PATH, ['--headless', ...CHROMIUM_ARGS, `--user-data-dir=${join(tmp, 'profile')}`, ...args], { stdio: 'ignore', timeout: 120_000 });
try {
  writeFileSync(join(tmp, 'page-print.html'), printPage);
  chromium(['--no-pdf-header-footer', `--print-to-pdf=${join(out, 'page.pdf')}`, `file://${join(tmp, 'page-print.html')}`]);

  const pages = join(tmp, 'pages.html');
  writeFileSync(
    pages,
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>三页测试</title></head><body style="font: 12pt \'Noto Sans CJK SC\'">' +
      '<h2>第一页</h2><p>通辽市委组织部召开会议，部署春耕工作。</p>' +
      '<h2 style="break-before: page">第二页</h2><p>科尔沁区委书记介绍了合作社的情况。</p>' +
      '<h2 style="break-before: page">第三页</h2><p>赤峰市林西县推行村村响工作机制。</p></body></html>',
  );
  chromium(['--no-pdf-header-footer', `--print-to-pdf=${join(out, 'pages.pdf')}`, `file://${pages}`]);

  // A "scanned" page: a picture of a sentence, no text layer.
  const shot = join(tmp, 'shot.html');
  writeFileSync(
    shot,
    '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="font: 28px \'Noto Sans CJK SC\'; margin: 20px">苏吉嘎查第一书记介绍说，合作社今年扩大了规模。</body></html>',
  );
  chromium(['--window-size=900,120', `--screenshot=${join(tmp, 'shot.png')}`, `file://${shot}`]);
  const png = readFileSync(join(tmp, 'shot.png')).toString('base64');
  writeFileSync(join(tmp, 'scan.html'), `<!DOCTYPE html><html><body style="margin:0"><img src="data:image/png;base64,${png}" width="900"></body></html>`);
  chromium(['--no-pdf-header-footer', `--print-to-pdf=${join(out, 'scan.pdf')}`, `file://${join(tmp, 'scan.html')}`]);

  const small = join(tmp, 'small.html');
  writeFileSync(
    small,
    '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="font-family: \'Noto Sans CJK SC\'">合作社今年扩大了规模，带动周边农户增收。</body></html>',
  );
  chromium(['--no-pdf-header-footer', `--print-to-pdf=${join(tmp, 'small.pdf')}`, `file://${small}`]);
  execFileSync('qpdf', ['--encrypt', 'user-secret', 'owner-secret', '256', '--', join(tmp, 'small.pdf'), join(out, 'encrypted.pdf')]);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`wrote ${out}/{page.html,page.pdf,pages.pdf,scan.pdf,encrypted.pdf}`);
