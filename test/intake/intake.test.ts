import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { READERS, isInputName, readerFor } from '../../src/intake/index.js';
import { listInputs, readSources } from '../../src/text/read.js';
import { articlesOfDocs, buildFromSources } from '../../src/pipeline.js';
import type { SourceDoc } from '../../src/types.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('intake: readers behind one interface', () => {
  it('every reader names a format and its file endings (lower case, with the dot)', () => {
    expect(READERS.length).toBeGreaterThan(0);
    for (const r of READERS) {
      expect(r.format).toMatch(/^[a-z]+$/);
      for (const e of r.extensions) expect(e).toMatch(/^\.[a-z0-9]+$/);
    }
    expect(READERS.map((r) => r.format)).toContain('text');
  });

  it('plain text is the fallback: unknown endings and no ending are read as text', () => {
    expect(readerFor(enc('苏吉嘎查第一书记金宝'), 'a.txt').format).toBe('text');
    expect(readerFor(enc('苏吉嘎查第一书记金宝'), 'notes').format).toBe('text');
    expect(readerFor(enc('苏吉嘎查第一书记金宝'), 'a.md').format).toBe('text');
    expect(isInputName('A.TXT')).toBe(true);
    expect(isInputName('a.md')).toBe(false);
  });

  it('a text file gives one document, its format recorded, its text as decoded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-intake-'));
    const f = join(dir, 'a.txt');
    writeFileSync(f, '\ufeff通辽市委组织部\n');
    const docs = await readSources(f);
    expect(docs).toEqual([{ path: f, encoding: 'utf-8', text: '通辽市委组织部\n', format: 'text' }]);
  });

  it('folders list the endings the readers know, sorted, other files left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-intake-'));
    for (const n of ['b.txt', 'a.TXT', 'c.md', 'd.json']) writeFileSync(join(dir, n), '金宝');
    const listed = (await listInputs([dir])).map((p) => p.slice(dir.length + 1));
    expect(listed).toEqual(['a.TXT', 'b.txt']);
  });

  it('documents of one file (pages) number their articles on, and carry page, date and URL to the articles', () => {
    const page = (n: number, text: string): SourceDoc => ({
      path: 'p/paper.pdf',
      encoding: 'utf-8',
      text,
      format: 'pdf',
      page: n,
      meta: { date: '2020-02-07', dateSource: 'test', url: 'https://example.org/a' },
    });
    const docs = [
      page(1, '通辽市委召开会议\n\n□本报记者 及庆玲\n\n通辽市委组织部部长介绍了情况。\n\n苏吉嘎查第一书记金宝说明了情况。'),
      page(2, '科尔沁区举行培训\n\n□本报记者 王瑞新\n\n科尔沁区委组织部负责同志出席。'),
    ];
    const articles = articlesOfDocs(docs);
    expect(articles.map((a) => a.id)).toEqual(['paper#1', 'paper#2']);
    expect(articles.map((a) => a.page)).toEqual([1, 2]);
    expect(articles.every((a) => a.date === '2020-02-07' && a.dateSource === 'test' && a.url === 'https://example.org/a')).toBe(true);
    const { graph } = buildFromSources(docs, { layout: false });
    const node = graph.getNodeAttributes('ARTICLE:paper#2');
    expect(node).toMatchObject({ page: 2, date: '2020-02-07', date_source: 'test', url: 'https://example.org/a' });
    // evidence of an entity found on page 2 names that page
    let pages = 0;
    graph.forEachNode((_k, a) => {
      if (a.label === '王瑞新') pages = (a.evidence as Array<{ page?: number }>)[0]!.page ?? 0;
    });
    expect(pages).toBe(2);
  });

  it("a single-article document takes the document's title", () => {
    const [a] = articlesOfDocs([{ path: 'x.html', encoding: 'utf-8', text: '金宝介绍说，代加工服务只收取加工费。', meta: { title: ' 苏吉嘎查的  新办法 ' } }]);
    expect(a!.title).toBe('苏吉嘎查的 新办法');
  });
});
