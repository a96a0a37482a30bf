/**
 * The dated corpus, built from the bundled page (the project's own sample): each of its articles becomes
 * a document of its own with a date, given three ways — a file named by the date, a page header line at
 * the top of the text, and a JSONL record with a `date` field. Used by the tests under test/time and
 * test/viewer and by scripts/screenshot-timeline.ts.
 */
import { readFileSync } from 'node:fs';
import { dataPath } from '../src/paths.js';
import { splitArticles } from '../src/text/articles.js';
import type { SourceDoc } from '../src/types.js';

export const PAGE = dataPath('000_6a6b28fc1a4d90e2.txt');

/** Dates given to the page's articles in turn: two consecutive days, a gap, another month. */
export const DATES = ['2020-02-03', '2020-02-04', '2020-02-10', '2020-05-12'] as const;

export interface DatedArticle {
  title: string;
  /** Body text (title line and byline included, blank lines between paragraphs). */
  text: string;
  date: string;
}

/** The bundled page's articles, each with a date from DATES in turn. */
export function datedArticles(): DatedArticle[] {
  const text = readFileSync(PAGE, 'utf8');
  return splitArticles({ path: PAGE, encoding: 'utf-8', text }).map((a, i) => ({
    title: a.title,
    text: a.text.split('\n').join('\n\n'),
    date: DATES[i % DATES.length]!,
  }));
}

const chinese = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** Even articles: a file named `nmgrb-<date>-<n>.txt`; odd ones: `page-<n>.txt` with a page header line. */
export function datedDocs(): SourceDoc[] {
  return datedArticles().map((a, i) =>
    i % 2 === 0
      ? { path: `dated/nmgrb-${a.date}-${i + 1}.txt`, encoding: 'utf-8', text: a.text }
      : { path: `dated/page-${i + 1}.txt`, encoding: 'utf-8', text: `${chinese(a.date)} 星期一\n\n${a.text}` },
  );
}

/** The page's articles as JSONL records, one per line, each with a date (and a url on every other). */
export function datedJsonl(): string {
  return (
    datedArticles()
      .map((a, i) =>
        JSON.stringify({
          title: a.title,
          text: a.text,
          date: a.date,
          ...(i % 2 === 0 ? { url: `https://example.org/news/${i + 1}` } : {}),
          source: '内蒙古日报',
        }),
      )
      .join('\n') + '\n'
  );
}
