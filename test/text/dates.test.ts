import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { articleDate, datelineDate, fileDates, fileNameDate, headerDate, isHeaderLine, isoDate, parseDate } from '../../src/text/dates.js';
import { splitArticles } from '../../src/text/articles.js';
import { repoRoot } from '../helpers/cli.js';

const today = { today: '2026-11-30' };
const page = readFileSync(resolve(repoRoot, 'data/000_6a6b28fc1a4d90e2.txt'), 'utf8');

describe('isoDate', () => {
  it('accepts real days from 1949 to today', () => {
    expect(isoDate(2020, 2, 7, today)).toBe('2020-02-07');
    expect(isoDate(1949, 1, 1, today)).toBe('1949-01-01');
    expect(isoDate(2026, 11, 30, today)).toBe('2026-11-30');
  });
  it('refuses impossible days, dates before 1949 and future dates', () => {
    expect(isoDate(2020, 2, 30, today)).toBeUndefined();
    expect(isoDate(2019, 2, 29, today)).toBeUndefined();
    expect(isoDate(2020, 13, 1, today)).toBeUndefined();
    expect(isoDate(1948, 12, 31, today)).toBeUndefined();
    expect(isoDate(1931, 9, 18, today)).toBeUndefined();
    expect(isoDate(2026, 12, 1, today)).toBeUndefined();
    expect(isoDate(2030, 1, 1, today)).toBeUndefined();
  });
  it('refuses future dates against the real clock by default', () => {
    const next = new Date().getUTCFullYear() + 1;
    expect(isoDate(next, 6, 1)).toBeUndefined();
    expect(parseDate(`${next}-06-01`)).toBeUndefined();
  });
});

describe('parseDate (metadata)', () => {
  it('reads the usual forms', () => {
    for (const s of ['2020-02-07', '2020/2/7', '2020.02.07', '20200207', '2020年2月7日', '2020-02-07T08:00:00+08:00', ' ２０２０-０２-０７ ']) {
      expect(parseDate(s, today), s).toBe('2020-02-07');
    }
  });
  it('refuses what is not a usable date', () => {
    for (const s of ['', 'yesterday', '2020-02-30', '1937-07-07', '2031-01-01', '07/02/2020', '2020-2']) expect(parseDate(s, today), s).toBeUndefined();
    expect(parseDate(20200207, today)).toBeUndefined();
    expect(parseDate(undefined, today)).toBeUndefined();
  });
});

describe('headerDate', () => {
  it('reads a page header line near the top', () => {
    expect(headerDate('2020年2月7日 星期五\n\n■视点\n\n标题\n\n正文。', today)).toBe('2020-02-07');
    expect(headerDate('内蒙古日报 2020年2月7日 第3版\n\n正文。', today)).toBe('2020-02-07');
    expect(headerDate('二〇二〇年二月七日 星期五\n\n正文。', today)).toBe('2020-02-07');
    expect(headerDate('２０１９年１２月３１日\n正文。', today)).toBe('2019-12-31');
  });
  it('ignores a full date inside a sentence, a date far down the file, and refused dates', () => {
    expect(headerDate('标题\n\n2020年2月7日，某地召开会议，部署工作。', today)).toBeUndefined();
    expect(headerDate(`${'正文内容。'.repeat(80)}\n2020年2月7日 星期五`, today)).toBeUndefined();
    expect(headerDate('1945年8月15日 星期三\n\n正文。', today)).toBeUndefined();
    expect(headerDate('2035年8月15日 星期三\n\n正文。', today)).toBeUndefined();
  });
  it('the bundled page has no header date', () => {
    expect(headerDate(page, today)).toBeUndefined();
  });
  it('tells header lines from titles', () => {
    expect(isHeaderLine('2020年2月7日 星期五')).toBe(true);
    expect(isHeaderLine('内蒙古日报 | 2020年2月7日 星期五 | 第3版')).toBe(true);
    expect(isHeaderLine('2020年2月7日召开的全市脱贫攻坚推进会议精神')).toBe(false);
    expect(isHeaderLine('抗"疫"路上践行初心使命')).toBe(false);
  });
});

describe('datelineDate', () => {
  it('reads datelines with the year from the page or the file', () => {
    expect(datelineDate('新华社呼和浩特2月7日电 记者从自治区获悉，', { year: 2020 }, today)).toBe('2020-02-07');
    expect(datelineDate('本报通辽2月6日讯 近日，', { year: 2020 }, today)).toBe('2020-02-06');
    expect(datelineDate('本报讯（记者 某某）2月5日，', { year: 2020 }, today)).toBe('2020-02-05');
    expect(datelineDate('新华社北京2019年12月30日电 ', {}, today)).toBe('2019-12-30');
  });
  it('a dateline month after the page date belongs to the year before', () => {
    expect(datelineDate('新华社北京12月31日电 ', { year: 2020, before: '2020-01-02' }, today)).toBe('2019-12-31');
  });
  it('has no date without a year, far from the start, or when refused', () => {
    expect(datelineDate('新华社呼和浩特2月7日电', {}, today)).toBeUndefined();
    expect(datelineDate(`${'正文内容。'.repeat(30)}新华社呼和浩特2月7日电`, { year: 2020 }, today)).toBeUndefined();
    expect(datelineDate('新华社北京2月30日电', { year: 2020 }, today)).toBeUndefined();
    expect(datelineDate('本报讯 1月1日', { year: 1948 }, today)).toBeUndefined();
    expect(datelineDate('他于2月7日到达嘎查。', { year: 2020 }, today)).toBeUndefined();
  });
});

describe('fileNameDate', () => {
  it('reads dates in file names', () => {
    for (const p of ['2020-02-07.txt', '20200207.txt', 'nmgrb-2020-02-07-3.txt', 'dir/nmgrb_20200207_3.txt', '2020.02.07.jsonl', 'x/2020_02_07 page.txt']) {
      expect(fileNameDate(p, today), p).toBe('2020-02-07');
    }
  });
  it('does not read hashes, long numbers, folders, refused dates', () => {
    for (const p of [
      '000_6a6b28fc1a4d90e2.txt',
      'a20200207b.txt',
      '1202002070.txt',
      '2020-02-07/page.txt',
      '1937-07-07.txt',
      '2040-01-01.txt',
      '2020-02-30.txt',
    ]) {
      expect(fileNameDate(p, today), p).toBeUndefined();
    }
  });
});

describe('articleDate order', () => {
  const file = { header: '2020-02-08', filename: '2020-02-09' };
  it('metadata first, then dateline, header, file name', () => {
    expect(articleDate('新华社北京2月7日电 正文。', file, '2020-01-01', today)).toEqual({ date: '2020-01-01', date_source: 'metadata' });
    expect(articleDate('新华社北京2月7日电 正文。', file, undefined, today)).toEqual({ date: '2020-02-07', date_source: 'dateline' });
    expect(articleDate('正文。', file, undefined, today)).toEqual({ date: '2020-02-08', date_source: 'header' });
    expect(articleDate('正文。', { filename: '2020-02-09' }, undefined, today)).toEqual({ date: '2020-02-09', date_source: 'filename' });
    expect(articleDate('正文。', {}, undefined, today)).toBeUndefined();
  });
  it('refused metadata falls through to the text', () => {
    expect(articleDate('正文。', file, '1900-01-01', today)).toEqual({ date: '2020-02-08', date_source: 'header' });
    expect(articleDate('正文。', file, 'not a date', today)).toEqual({ date: '2020-02-08', date_source: 'header' });
  });
  it('fileDates combines header and name', () => {
    expect(fileDates('p/2020-02-09.txt', '2020年2月8日 星期六\n\n正文。', today)).toEqual(file);
  });
});

describe('splitArticles dates', () => {
  it('the bundled page has no date: no article is dated, none with today', () => {
    const articles = splitArticles({ path: 'data/000_6a6b28fc1a4d90e2.txt', encoding: 'utf-8', text: page }, 1, today);
    expect(articles.length).toBeGreaterThan(3);
    for (const a of articles) {
      expect(a.date).toBeUndefined();
      expect(a.dateSource).toBeUndefined();
    }
  });
  it('the bundled page named by a date: every article takes the file name date', () => {
    const articles = splitArticles({ path: 'in/nmgrb-2020-02-07-3.txt', encoding: 'utf-8', text: page }, 1, today);
    expect(articles.map((a) => [a.date, a.dateSource])).toEqual(articles.map(() => ['2020-02-07', 'filename']));
  });
  it('a page header dates the articles and is no article title', () => {
    const text = `2020年2月8日 星期六\n\n${page}`;
    const plain = splitArticles({ path: 'page.txt', encoding: 'utf-8', text: page }, 1, today);
    const articles = splitArticles({ path: 'page.txt', encoding: 'utf-8', text }, 1, today);
    expect(articles.map((a) => a.title)).toEqual(plain.map((a) => a.title));
    expect(new Set(articles.map((a) => `${a.date}/${a.dateSource}`))).toEqual(new Set(['2020-02-08/header']));
  });
  it('a dateline dates its own article, with the page year', () => {
    const text =
      '2020年2月8日 星期六\n\n嘎查新事\n\n□本报记者 王某某\n\n新华社呼和浩特2月7日电 嘎查召开党员大会，部署春耕工作。\n\n另一篇\n\n□本报记者 李某某\n\n嘎查开展培训，群众踊跃参加。';
    const articles = splitArticles({ path: 'page.txt', encoding: 'utf-8', text }, 1, today);
    expect(articles.map((a) => [a.title, a.date, a.dateSource])).toEqual([
      ['嘎查新事', '2020-02-07', 'dateline'],
      ['另一篇', '2020-02-08', 'header'],
    ]);
  });
  it('metadata: date, url, publisher, title; a single-article document is not split', () => {
    const doc = {
      path: 'x/feed.jsonl',
      encoding: 'utf-8',
      text: '嘎查开展培训，群众踊跃参加。\n\n图为培训现场。',
      meta: { title: '培训', date: '2020-03-01', url: 'https://example.org/a', publisher: '某报', single: true },
    };
    expect(splitArticles({ ...doc, meta: { ...doc.meta, single: false } }, 1, today).length).toBe(2);
    const [a, ...rest] = splitArticles(doc, 4, today);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ id: 'feed#4', title: '培训', date: '2020-03-01', dateSource: 'metadata', url: 'https://example.org/a', publisher: '某报' });
    const [b] = splitArticles({ ...doc, meta: { ...doc.meta, dateSource: 'html:json-ld' } }, 1, today);
    expect(b!.dateSource).toBe('html:json-ld');
    const [c] = splitArticles({ ...doc, path: 'x/2020-02-01.jsonl', meta: { ...doc.meta, date: '2099-01-01' } }, 1, today);
    expect([c!.date, c!.dateSource]).toEqual(['2020-02-01', 'filename']);
  });
});
