import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pageText, type PageItem } from '../../src/intake/pdf-layout.js';
import { unifyRadicals } from '../../src/intake/radicals.js';
import { createPdfReader, looksLikePdf } from '../../src/intake/pdf.js';
import { readerFor } from '../../src/intake/index.js';
import { MAX_FILE_BYTES, readSources } from '../../src/text/read.js';
import { buildFromSources } from '../../src/pipeline.js';
import { InputError } from '../../src/errors.js';
import { repoRoot } from '../helpers/cli.js';

const fixture = (name: string) => resolve(repoRoot, 'test/fixtures/formats', name);
const tmp = () => mkdtempSync(join(tmpdir(), 'zhkg-pdf-'));

/** Items of one line of text: one item per character, `size` wide each, starting at x. */
function line(text: string, x: number, y: number, size = 10): PageItem[] {
  return Array.from(text).map((ch, i) => ({ text: ch, x: x + i * size, y, width: size, size }));
}

describe('reading order of a page', () => {
  it('reads the left column before the right, under a headline that spans both', () => {
    const items = [
      ...line('两栏标题跨过两栏的中缝', 40, 800, 20),
      // left column x 0..100, right column x 120..220, baselines on one grid
      ...line('左栏第一行文字', 0, 760),
      ...line('右栏第一行文字', 120, 760),
      ...line('左栏第二行文字', 0, 745),
      ...line('右栏第二行文字', 120, 745),
    ];
    expect(pageText(items)).toBe('两栏标题跨过两栏的中缝\n\n左栏第一行文字左栏第二行文字\n\n右栏第一行文字右栏第二行文字');
  });

  it('a short section mark over both columns (not crossing the gutter) still cuts the columns', () => {
    const items = [
      ...line('上左一行字', 0, 800),
      ...line('上右一行字', 120, 800),
      ...line('■栏目', 0, 770, 14),
      ...line('下左一行字', 0, 740),
      ...line('下右一行字', 120, 740),
    ];
    expect(pageText(items)).toBe('上左一行字\n\n上右一行字\n\n■栏目\n\n下左一行字\n\n下右一行字');
  });

  it('a line of one column alone at its height stays in its column', () => {
    const items = [
      ...line('左一行文字内容', 0, 800),
      ...line('右一行文字内容', 120, 800),
      ...line('左二行文字内容', 0, 785),
      ...line('右二行文字内容', 120, 785),
      ...line('左三行', 0, 770),
    ];
    expect(pageText(items)).toBe('左一行文字内容左二行文字内容左三行\n\n右一行文字内容右二行文字内容');
  });

  it('paragraphs end at a short line, an indent or wider spacing; Latin words keep a space across a line break', () => {
    const items = [
      ...line('第一段第一行的文字', 0, 800),
      ...line('结束。', 0, 785),
      ...line('第二段开头的文', 20, 770),
      ...line('字到这里结束了。', 0, 755),
      ...line('abcdefghi', 0, 725),
      ...line('jklm', 0, 710),
    ];
    expect(pageText(items)).toBe('第一段第一行的文字结束。\n\n第二段开头的文字到这里结束了。\n\nabcdefghi jklm');
  });

  it('radicals from CJK fonts become ideographs, the text keeping its length', () => {
    const s = '践⾏初⼼，⺠⻔⻚⼾';
    expect(unifyRadicals(s)).toBe('践行初心，民门页户');
    expect(unifyRadicals(s).length).toBe(s.length);
  });
});

describe('PDF files', () => {
  it('are found by content whatever their name', () => {
    const bytes = readFileSync(fixture('pages.pdf'));
    expect(looksLikePdf(bytes.subarray(0, 1024))).toBe(true);
    expect(readerFor(bytes, 'scan-named.txt').format).toBe('pdf');
  });

  it('one document per page: page numbers, entities on the page they are printed on', async () => {
    const docs = await readSources(fixture('pages.pdf'));
    expect(docs.map((d) => [d.page, d.format])).toEqual([
      [1, 'pdf'],
      [2, 'pdf'],
      [3, 'pdf'],
    ]);
    expect(docs[1]!.text).toContain('科尔沁区委书记');
    expect(docs[1]!.text).not.toMatch(/[\u2e80-\u2fdf]/);
    const { graph } = buildFromSources(docs, { layout: false });
    const node = graph.findNode((_k, a) => a['label'] === '科尔沁区')!;
    const ev = (graph.getNodeAttribute(node, 'evidence') as Array<{ page?: number; sourceSpans: Array<[number, number]> }>)[0]!;
    expect(ev.page).toBe(2);
    const [s, e] = ev.sourceSpans[0]!;
    expect(Array.from(docs[1]!.text).slice(s, e).join('')).toBe('科尔沁区');
  });

  const refused = async (path: string, pattern: RegExp, reader = createPdfReader()) => {
    const bytes = readFileSync(path);
    const run = async () => {
      for await (const _ of reader.read(bytes, path, {})) void _;
    };
    const err = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    const message = (err as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message.startsWith(`${path}: `)).toBe(true);
    expect(message).toMatch(pattern);
  };

  it('encrypted: refused, saying a password is needed', () => refused(fixture('encrypted.pdf'), /encrypted PDF: a password is needed/));

  it('scanned (no text layer): refused, saying OCR is not done', () => refused(fixture('scan.pdf'), /no text layer .*OCR is not done/));

  it('truncated: refused', () => {
    const f = join(tmp(), 'cut.pdf');
    const bytes = readFileSync(fixture('pages.pdf'));
    writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length / 2)));
    return refused(f, /truncated PDF/);
  });

  it('malformed (a PDF header, then garbage): refused', () => {
    const f = join(tmp(), 'bad.pdf');
    writeFileSync(f, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('这不是PDF的内容 '.repeat(200)), Buffer.from('\n%%EOF\n')]));
    return refused(f, /(malformed|unreadable) PDF/);
  });

  it('more pages than the limit: refused before any page is read', () =>
    refused(fixture('pages.pdf'), /too many pages \(3; the limit is 2/, createPdfReader({ maxPages: 2 })));

  it('huge: refused by size before it is read', async () => {
    const f = join(tmp(), 'huge.pdf');
    const fd = openSync(f, 'w');
    ftruncateSync(fd, MAX_FILE_BYTES + 1);
    closeSync(fd);
    await expect(readSources(f)).rejects.toThrow(/huge\.pdf: file too large/);
  });
});
