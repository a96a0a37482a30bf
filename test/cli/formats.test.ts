/** `zhkg build` and `zhkg extract` on mixed inputs: text, PDF and HTML in one folder. */
import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot, runCliHere } from '../helpers/cli.js';

const fixture = (name: string) => resolve(repoRoot, 'test/fixtures/formats', name);

function mixedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhkg-formats-'));
  const input = join(dir, 'in');
  mkdirSync(input);
  writeFileSync(join(input, 'a.txt'), '苏吉嘎查第一书记金宝介绍说，代加工服务只收取加工费。\n');
  copyFileSync(fixture('pages.pdf'), join(input, 'b.pdf'));
  writeFileSync(
    join(input, 'c.html'),
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>会议</title><link rel="canonical" href="https://example.org/c.html"></head>' +
      '<body><nav>鄂尔多斯市新闻</nav><article><h1>会议</h1><p>赤峰市委组织部召开会议，部署春耕生产和防疫工作，要求各地抓好落实。</p></article></body></html>',
  );
  writeFileSync(join(input, 'd.md'), '包头市 is not read: not an input ending');
  return dir;
}

// Each test spawns the CLI (model load) once or twice; the machine is shared.
const SLOW = { timeout: 400_000 };

describe('zhkg build and extract on text, PDF and HTML', () => {
  it('a folder of .txt, .pdf and .html builds one graph', SLOW, async () => {
    const dir = mixedFolder();
    const r = await runCliHere(['build', '-q', '--no-viewer', '-o', join(dir, 'out'), join(dir, 'in')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const graph = JSON.parse(readFileSync(join(dir, 'out', 'graph.json'), 'utf8')) as { nodes: Array<{ key: string; attributes: Record<string, unknown> }> };
    const labels = graph.nodes.map((n) => n.attributes['label']);
    for (const l of ['金宝', '科尔沁区', '赤峰市委组织部']) expect(labels).toContain(l);
    expect(labels).not.toContain('鄂尔多斯市');
    expect(labels).not.toContain('包头市');
    const articleSources = new Set(graph.nodes.filter((n) => n.attributes['kind'] === 'ARTICLE').map((n) => String(n.attributes['source']).split('/').pop()));
    expect([...articleSources].sort()).toEqual(['a.txt', 'b.pdf', 'c.html']);
    const html = graph.nodes.find((n) => n.attributes['kind'] === 'ARTICLE' && String(n.attributes['source']).endsWith('c.html'))!;
    expect(html.attributes['url']).toBe('https://example.org/c.html');
    const pdfPages = graph.nodes
      .filter((n) => n.attributes['kind'] === 'ARTICLE' && String(n.attributes['source']).endsWith('b.pdf'))
      .map((n) => n.attributes['page']);
    expect(pdfPages).toEqual([1, 2, 3]);
  });

  it('a broken PDF fails the build with one line (exit 1, nothing written); --skip-bad skips it with a warning', SLOW, async () => {
    const dir = mixedFolder();
    copyFileSync(fixture('encrypted.pdf'), join(dir, 'in', 'e.pdf'));
    const r = await runCliHere(['build', '-q', '--no-viewer', '-o', join(dir, 'out'), join(dir, 'in')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/e\.pdf: encrypted PDF: a password is needed/);
    expect(existsSync(join(dir, 'out', 'graph.json'))).toBe(false);
    const s = await runCliHere(['build', '-q', '--skip-bad', '--no-viewer', '-o', join(dir, 'out'), join(dir, 'in')]);
    expect(s.code).toBe(0);
    expect(s.stderr).toMatch(/skipped .*e\.pdf: encrypted PDF/);
    expect(existsSync(join(dir, 'out', 'graph.json'))).toBe(true);
  });

  it('extract reads a PDF: one object per page, offsets into that page text; a scan exits 1 saying OCR is not done', SLOW, async () => {
    const r = await runCliHere(['extract', fixture('pages.pdf')]);
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { page: number; text: string; entities: Array<{ start: number; end: number; text: string }> });
    expect(out.map((o) => o.page)).toEqual([1, 2, 3]);
    expect(out[1]!.entities.some((x) => x.text.startsWith('科尔沁区'))).toBe(true);
    for (const o of out) for (const e of o.entities) expect(Array.from(o.text).slice(e.start, e.end).join('')).toBe(e.text);
    const scan = await runCliHere(['extract', fixture('scan.pdf')]);
    expect(scan.code).toBe(1);
    expect(scan.stderr.trim()).toMatch(/^zhkg: .*scan\.pdf: PDF has no text layer .*OCR is not done/);
    expect(scan.stderr.trim().split('\n')).toHaveLength(1);
  });
});
