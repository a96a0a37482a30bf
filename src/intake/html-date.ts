/**
 * The publication date of a web page, in this order: `article:published_time` (Open Graph),
 * `pubdate`-style meta tags, JSON-LD `datePublished`, a <time datetime> or a date line near the title.
 * Dates are read by `findDate` of src/text/dates.ts: ISO `YYYY-MM-DD` as the page states them (a time zone
 * does not move the day), none before 1949 or after today.
 */

import type { DomDocument, DomElement } from './dom.js';
import { findDate } from '../text/dates.js';

export interface PageDate {
  date: string;
  dateSource: string;
}

const META_NAMES = [
  'pubdate',
  'publishdate',
  'publish_date',
  'publication_date',
  'date',
  'dc.date',
  'dc.date.issued',
  'dcterms.created',
  'sailthru.date',
  'parsely-pub-date',
];

/** `datePublished` anywhere in the JSON-LD blocks (objects, arrays, @graph). */
function jsonLdDate(doc: DomDocument): string | undefined {
  for (const el of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown;
    try {
      data = JSON.parse(el.textContent ?? '');
    } catch {
      continue;
    }
    const stack = [data];
    let seen = 0;
    while (stack.length > 0 && seen++ < 10_000) {
      const v = stack.pop();
      if (Array.isArray(v)) for (const x of v) stack.push(x);
      else if (v && typeof v === 'object') {
        const rec = v as Record<string, unknown>;
        const d = typeof rec['datePublished'] === 'string' ? findDate(rec['datePublished']) : undefined;
        if (d) return d;
        for (const x of Object.values(rec)) if (x && typeof x === 'object') stack.push(x);
      }
    }
  }
  return undefined;
}

/** A <time datetime> or a line with a date just after the page's main heading (within 300 characters). */
function dateNearTitle(doc: DomDocument): string | undefined {
  const h = doc.querySelector('article h1, main h1, h1') ?? doc.querySelector('article h2, h2');
  if (!h) return undefined;
  let text = '';
  for (let el: DomElement | null = h.nextElementSibling; el && text.length < 300; el = el.nextElementSibling) {
    const time = el.matches('time[datetime]') ? el : el.querySelector('time[datetime]');
    const d = findDate(time?.getAttribute('datetime'));
    if (d) return d;
    text += ` ${el.textContent ?? ''}`;
    const found = findDate(text.slice(0, 300));
    if (found) return found;
  }
  return undefined;
}

export function pageDate(doc: DomDocument): PageDate | undefined {
  const content = (sel: string) => doc.querySelector(sel)?.getAttribute('content');
  const og = findDate(content('meta[property="article:published_time"]'));
  if (og) return { date: og, dateSource: 'html:article:published_time' };
  for (const name of META_NAMES) {
    const d = findDate(content(`meta[name="${name}" i], meta[itemprop="${name}" i]`));
    if (d) return { date: d, dateSource: `html:meta:${name}` };
  }
  const itemprop = findDate(content('meta[itemprop="datePublished"]') ?? doc.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime'));
  if (itemprop) return { date: itemprop, dateSource: 'html:itemprop:datePublished' };
  const ld = jsonLdDate(doc);
  if (ld) return { date: ld, dateSource: 'html:json-ld' };
  const line = dateNearTitle(doc);
  if (line) return { date: line, dateSource: 'html:date-line' };
  return undefined;
}
