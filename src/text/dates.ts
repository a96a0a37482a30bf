/**
 * Article dates. An article's date is an ISO `YYYY-MM-DD` taken from, in order:
 * 1. input metadata (a JSONL `date` field, a PDF/HTML publication date): `metadata`;
 * 2. a dateline at the start of its text (`新华社呼和浩特2月7日电`, `本报讯 2月7日`), whose year comes from
 *    the dateline itself, the page header or the file name: `dateline` (the article's own date, more
 *    precise than its page's);
 * 3. the page header of its file (`2020年2月7日 星期五`): `header`;
 * 4. the file name (`2020-02-07.txt`, `20200207.txt`, `nmgrb-2020-02-07-3.txt`): `filename`.
 * `date_source` says which. A date before 1949-01-01 or after today is refused as a
 * date; an article without a date has none (never today's date).
 */
import { basename } from 'node:path';
import type { DateSource } from '../types.js';

export type { DateSource };

/** Earliest date accepted. */
export const MIN_DATE = '1949-01-01';

export interface DateOptions {
  /** "Today" for refusing future dates (ISO); default the current UTC date. */
  today?: string;
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Fullwidth digits → ASCII. */
function asciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48));
}

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, Ｏ: 0, O: 0, o: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A Chinese-numeral year (二〇二〇) or day/month (十二, 二十七) → number; undefined if not one. */
function cnNumber(s: string, isYear: boolean): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (isYear) {
    if (![...s].every((c) => c in CN_DIGITS)) return undefined;
    return Number([...s].map((c) => CN_DIGITS[c]).join(''));
  }
  const m = /^([一二三]?)(十?)([一二三四五六七八九]?)$/.exec(s);
  if (!m || s === '') return undefined;
  const tens = m[2] ? (m[1] ? CN_DIGITS[m[1]]! : 1) : 0;
  if (!m[2] && m[1]) return m[3] ? undefined : CN_DIGITS[m[1]]!;
  return tens * 10 + (m[3] ? CN_DIGITS[m[3]]! : 0);
}

/**
 * An ISO date from year, month, day when it is a real calendar day between MIN_DATE and today;
 * undefined otherwise (2月30日, 1931, next year).
 */
export function isoDate(year: number, month: number, day: number, options: DateOptions = {}): string | undefined {
  if (![year, month, day].every(Number.isInteger)) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  const iso = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (iso < MIN_DATE || iso > (options.today ?? todayIso())) return undefined;
  return iso;
}

/** Parses a date given as metadata: `2020-02-07`, `2020/2/7`, `2020.02.07`, `20200207`, `2020年2月7日`, or an ISO timestamp. */
export function parseDate(value: unknown, options: DateOptions = {}): string | undefined {
  if (typeof value !== 'string') return undefined;
  const s = asciiDigits(value.trim());
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(s);
  if (!m) return undefined;
  return isoDate(Number(m[1]), Number(m[2]), Number(m[3]), options);
}

/**
 * The first date anywhere in a string, for dates written among other words (`发布时间：2020年2月7日 10:20`,
 * `2020-02-07T08:30:00+08:00`): `2020-02-07`, `2020/2/7`, `2020.02.07` (not inside a longer number),
 * `2020年2月7日`, or `20200207` at the start. The day as written (a time zone does not move it).
 */
export function findDate(value: string | null | undefined, options: DateOptions = {}): string | undefined {
  if (!value) return undefined;
  const s = asciiDigits(value.trim());
  const m =
    /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/.exec(s) ??
    /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})(?:\D|$)/.exec(s);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3]), options) : undefined;
}

const YEAR = '(\\d{4}|[〇零一二三四五六七八九Ｏ]{4})';
const MD = '(\\d{1,2}|[一二三]?十?[一二三四五六七八九]?)';
const FULL_DATE = new RegExp(`${YEAR}\\s*年\\s*${MD}\\s*月\\s*${MD}\\s*日`, 'g');

/** How far into a file the page header may lie (characters). */
const HEADER_SPAN = 300;

/**
 * The page header's date: a full date (year, month, day) on a short line near the top of the file, as
 * newspapers print it (`2020年2月7日 星期五`, `内蒙古日报 2020年2月7日 第3版`). A full date inside a
 * sentence is not a header.
 */
export function headerDate(text: string, options: DateOptions = {}): string | undefined {
  const head = asciiDigits(text.slice(0, HEADER_SPAN));
  for (const line of head.split('\n')) {
    const clean = line.trim();
    if (clean.length === 0 || clean.length > 40) continue;
    if (/[。！？；，,]/.test(clean)) continue;
    FULL_DATE.lastIndex = 0;
    const m = FULL_DATE.exec(clean);
    if (!m) continue;
    const date = fromParts(m[1]!, m[2]!, m[3]!, options);
    if (date) return date;
  }
  return undefined;
}

/** True when a line of text is a page header line (its date, weekday, paper name, page number). */
export function isHeaderLine(line: string): boolean {
  const clean = asciiDigits(line.trim());
  if (clean.length === 0 || clean.length > 40 || /[。！？；，,]/.test(clean)) return false;
  FULL_DATE.lastIndex = 0;
  const m = FULL_DATE.exec(clean);
  if (!m) return false;
  // What is left besides the date: a weekday, a page number, a paper's name, a lunar date; no sentence.
  const rest = (clean.slice(0, m.index) + clean.slice(m.index + m[0].length)).replace(
    /星期[一二三四五六日天]|周[一二三四五六日]|第\s*\d+\s*版|农历[\u4e00-\u9fff]{2,8}|[\s|｜/·]+/g,
    '',
  );
  return rest.length <= 12;
}

function fromParts(y: string, mo: string, d: string, options: DateOptions): string | undefined {
  const year = cnNumber(y, true);
  const month = cnNumber(mo, false);
  const day = cnNumber(d, false);
  if (year === undefined || month === undefined || day === undefined) return undefined;
  return isoDate(year, month, day, options);
}

/** How far into an article a dateline may start (characters). */
const DATELINE_SPAN = 120;

const DATELINE = new RegExp(
  `(?:新华社|中新社|人民网|新华网|央视网|本报|本台|记者)[\\u4e00-\\u9fff]{0,12}?(?:${YEAR}\\s*年\\s*)?${MD}\\s*月\\s*${MD}\\s*日\\s*(?:电|讯)` +
    `|(?:本报讯|新华社讯)\\s*(?:[（(][^）)\\n]{0,20}[）)])?\\s*(?:${YEAR}\\s*年\\s*)?${MD}\\s*月\\s*${MD}\\s*日`,
);

/**
 * The date of a dateline near the start of an article (`新华社呼和浩特2月7日电`, `本报北京2月7日讯`,
 * `本报讯 (记者 某某) 2月7日`). Without a year in the dateline, the year is `year` (from the page or file);
 * without either, there is no date. A dateline month after the page's month belongs to the year before
 * (a 12月31日电 printed on a 1月2日 page).
 */
export function datelineDate(text: string, context: { year?: number; before?: string } = {}, options: DateOptions = {}): string | undefined {
  const m = DATELINE.exec(asciiDigits(text.slice(0, DATELINE_SPAN)));
  if (!m) return undefined;
  const [y, mo, d] = m[2] !== undefined || m[3] !== undefined ? [m[1], m[2]!, m[3]!] : [m[4], m[5]!, m[6]!];
  const month = cnNumber(mo, false);
  const day = cnNumber(d, false);
  if (month === undefined || day === undefined) return undefined;
  let year = y !== undefined ? cnNumber(y, true) : context.year;
  if (year === undefined) return undefined;
  if (y === undefined && context.before) {
    const candidate = isoDate(year, month, day, { today: '9999-12-31' });
    if (candidate && candidate > context.before) year -= 1;
  }
  return isoDate(year, month, day, options);
}

/**
 * The date in a file name: `2020-02-07`, `2020_02_07`, `2020.02.07` (not inside a longer number), or
 * `20200207` standing apart from other letters and digits (`nmgrb_20200207_3.txt`, not a hash).
 */
export function fileNameDate(path: string, options: DateOptions = {}): string | undefined {
  const name = basename(path);
  const sep = /(?<!\d)(\d{4})[-_.](\d{2})[-_.](\d{2})(?!\d)/.exec(name);
  if (sep) return isoDate(Number(sep[1]), Number(sep[2]), Number(sep[3]), options);
  const compact = /(?<![0-9A-Za-z])(\d{4})(\d{2})(\d{2})(?![0-9A-Za-z])/.exec(name.replace(/\.[A-Za-z0-9]+$/, ''));
  if (compact) return isoDate(Number(compact[1]), Number(compact[2]), Number(compact[3]), options);
  return undefined;
}

export interface DatedBy {
  date: string;
  date_source: DateSource;
}

/** What a file says about the date of all its articles: its page header and its name. */
export interface FileDates {
  header?: string;
  filename?: string;
}

export function fileDates(path: string, text: string, options: DateOptions = {}): FileDates {
  const header = headerDate(text, options);
  const filename = fileNameDate(path, options);
  return { ...(header ? { header } : {}), ...(filename ? { filename } : {}) };
}

/** An article's date from metadata, its dateline, the page header, then the file name. */
export function articleDate(articleText: string, file: FileDates, metadata?: unknown, options: DateOptions = {}): DatedBy | undefined {
  const meta = parseDate(metadata, options);
  if (meta) return { date: meta, date_source: 'metadata' };
  const known = file.header ?? file.filename;
  const dl = datelineDate(articleText, known ? { year: Number(known.slice(0, 4)), before: known } : {}, options);
  if (dl) return { date: dl, date_source: 'dateline' };
  if (file.header) return { date: file.header, date_source: 'header' };
  if (file.filename) return { date: file.filename, date_source: 'filename' };
  return undefined;
}
