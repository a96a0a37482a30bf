import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonlReader, parseFieldMapping } from '../../src/intake/jsonl.js';
import { httpUrl } from '../../src/intake/url.js';
import { readerFor } from '../../src/intake/index.js';
import { listInputs } from '../../src/text/read.js';
import { buildGraphFromPaths } from '../../src/pipeline.js';
import type { InputError } from '../../src/errors.js';
import type { SourceDoc } from '../../src/types.js';
import type { ReadContext } from '../../src/intake/reader.js';
import { runCliHere } from '../helpers/cli.js';
import { datedArticles, datedJsonl } from '../../scripts/dated-corpus.js';

async function read(text: string, context: ReadContext = {}, path = 'feed.jsonl'): Promise<SourceDoc[]> {
  const out: SourceDoc[] = [];
  for await (const d of jsonlReader.read(Buffer.from(text, 'utf8'), path, context)) out.push(d);
  return out;
}

const line = (o: unknown) => JSON.stringify(o);

describe('JSONL reader', () => {
  it('one document per non-blank line with text, title, date, url, source', async () => {
    const docs = await read(
      [
        line({ text: '嘎查召开党员大会。', title: '大会', date: '2020-02-07', url: 'https://example.org/a?b=1', source: '某日报' }),
        '',
        line({ text: '第二篇。' }),
        '',
      ].join('\r\n'),
    );
    expect(docs).toEqual([
      {
        path: 'feed.jsonl',
        encoding: 'utf-8',
        text: '嘎查召开党员大会。',
        meta: { single: true, title: '大会', date: '2020-02-07', url: 'https://example.org/a?b=1', publisher: '某日报' },
      },
      { path: 'feed.jsonl', encoding: 'utf-8', text: '第二篇。', meta: { single: true } },
    ]);
    expect(readerFor(Buffer.from('{}'), 'x/feed.NDJSON').format).toBe('jsonl');
    expect(readerFor(Buffer.from('{}'), 'x/feed.jsonl').format).toBe('jsonl');
  });

  it('a malformed line fails naming the file and line', async () => {
    const cases: Array<[string, RegExp]> = [
      ['{"text": "好"', /^feed\.jsonl:2: not valid JSON/],
      ['["text"]', /^feed\.jsonl:2: expected a JSON object per line$/],
      ['{"content": "好"}', /^feed\.jsonl:2: no text: the field "text" must be a non-empty string \(map another name with --field text=NAME\)$/],
      ['{"text": "   "}', /^feed\.jsonl:2: no text/],
      ['{"text": "好", "date": 20200207}', /^feed\.jsonl:2: the field "date" must be a string$/],
    ];
    for (const [bad, message] of cases) {
      await expect(read(`${line({ text: '第一篇。' })}\n${bad}\n${line({ text: '第三篇。' })}\n`), bad).rejects.toThrow(message);
    }
  });

  it('with onBadPart (--skip-bad) a malformed line is reported and skipped', async () => {
    const errors: InputError[] = [];
    const docs = await read(`${line({ text: '第一篇。' })}\nnot json\n${line({ text: '第三篇。' })}\n`, { onBadPart: (e) => errors.push(e) });
    expect(docs.map((d) => d.text)).toEqual(['第一篇。', '第三篇。']);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^feed\.jsonl:2: not valid JSON/)]);
  });

  it('field mapping; urls other than http/https and refused dates are dropped with a warning', async () => {
    expect(parseFieldMapping(['text=content', 'date=published'])).toEqual({ text: 'content', date: 'published' });
    expect(() => parseFieldMapping(['body=content'])).toThrow(/FIELD=NAME/);
    expect(() => parseFieldMapping(['text='])).toThrow(/FIELD=NAME/);
    const warnings: string[] = [];
    const docs = await read(
      [
        line({ content: '正文一。', published: '2020-02-07', link: 'javascript:alert(1)' }),
        line({ content: '正文二。', published: '1937-07-07', link: 'http://example.org/x' }),
        line({ content: '正文三。', published: '2999-01-01' }),
      ].join('\n'),
      { fields: { text: 'content', date: 'published', url: 'link' }, onWarning: (m) => warnings.push(m) },
    );
    expect(docs.map((d) => [d.text, d.meta?.date, d.meta?.url])).toEqual([
      ['正文一。', '2020-02-07', undefined],
      ['正文二。', undefined, 'http://example.org/x'],
      ['正文三。', undefined, undefined],
    ]);
    expect(warnings).toEqual([
      'feed.jsonl:1: url "javascript:alert(1)" dropped (only http and https links are kept)',
      expect.stringMatching(/^feed\.jsonl:2: date "1937-07-07" refused/),
      expect.stringMatching(/^feed\.jsonl:3: date "2999-01-01" refused/),
    ]);
    expect(httpUrl('https://例子.中国/路径')).toMatch(/^https:\/\//);
    for (const bad of ['data:text/html,x', 'ftp://example.org/', '/relative', 'example.org']) expect(httpUrl(bad), bad).toBeUndefined();
  });
});

describe('building from JSONL: the bundled page as dated records', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhkg-jsonl-'));
  const file = join(dir, 'page.jsonl');
  writeFileSync(file, datedJsonl());
  writeFileSync(join(dir, 'other.ndjson'), line({ text: '嘎查开展培训，群众踊跃参加。', date: '2020-03-01' }) + '\n');
  const expected = datedArticles();
  const { graph, articles } = await buildGraphFromPaths([dir], { layout: false, workers: 1 });

  it('folders list .jsonl and .ndjson files', async () => {
    expect((await listInputs([dir])).map((p) => p.slice(dir.length + 1))).toEqual(['other.ndjson', 'page.jsonl']);
  });

  it('one article per record, with its title, date (metadata), url and publisher', () => {
    const page = articles.filter((a) => a.id.startsWith('page#'));
    expect(page.map((a) => a.title)).toEqual(expected.map((a) => a.title));
    expect(page.map((a) => [a.date, a.dateSource])).toEqual(expected.map((a) => [a.date, 'metadata']));
    expect(page.map((a) => a.id)).toEqual(expected.map((_a, i) => `page#${i + 1}`));
    const node = graph.getNodeAttributes('ARTICLE:page#1');
    expect(node).toMatchObject({ date: expected[0]!.date, date_source: 'metadata', url: 'https://example.org/news/1', publisher: '内蒙古日报' });
    expect(graph.getNodeAttribute('ARTICLE:page#2', 'url')).toBeUndefined();
  });

  it('evidence offsets count code points in the record text', () => {
    const texts = new Map(expected.map((a, i) => [`page#${i + 1}`, Array.from(a.text)]));
    let checked = 0;
    graph.forEachNode((_n, a) => {
      if (a.kind === 'ARTICLE') return;
      for (const ev of a.evidence as Array<{ article: string; sourceSpans: Array<[number, number]> }>) {
        const cps = texts.get(ev.article);
        if (!cps) continue;
        const surface = ev.sourceSpans
          .map(([s, e]) => cps.slice(s, e).join(''))
          .join('')
          .replace(/\s/g, '');
        expect([a.label, ...(a.aliases as string[])]).toContain(surface);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(20);
  });
});

describe('zhkg build with JSONL (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhkg-jsonl-cli-'));
  it('a malformed line fails the build naming file and line; bad --field is a usage error', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, `${line({ text: '嘎查召开党员大会。' })}\n{"text": oops}\n`);
    const r = await runCliHere(['build', file, '-o', join(dir, 'out'), '-q']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${file}:2: not valid JSON`);
    const u = await runCliHere(['build', file, '-o', join(dir, 'out'), '--field', 'body=x']);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('--field');
  });

  it('--skip-bad skips the line with a warning and builds the rest; --field maps names', async () => {
    const file = join(dir, 'mapped.jsonl');
    writeFileSync(file, `${line({ content: '苏吉嘎查召开党员大会。', day: '2020-02-07', link: 'https://example.org/a' })}\nnot json\n`);
    const r = await runCliHere([
      'build',
      file,
      '-o',
      join(dir, 'out2'),
      '-q',
      '--skip-bad',
      '--no-viewer',
      '--field',
      'text=content',
      '--field',
      'date=day',
      '--field',
      'url=link',
    ]);
    expect(r.stderr).toContain(`${file}:2: not valid JSON`);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'out2', 'graph.json'), 'utf8')) as { attributes: { articles: Array<{ date: string; url: string }> } };
    expect(json.attributes.articles.map((a) => [a.date, a.url])).toEqual([['2020-02-07', 'https://example.org/a']]);
  });
});
