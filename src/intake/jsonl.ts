/**
 * JSON Lines (`.jsonl`, `.ndjson`): one article per line, a JSON object with `text` (required) and
 * `title`, `date`, `url`, `source` (optional). Other field names are mapped with `fields`
 * (`{ text: 'content' }`, the CLI's `--field text=content`). Each record is one document and one article
 * (no page-layout splitting); its evidence offsets count code points in the record's `text`.
 *
 * A malformed line (not JSON, not an object, no usable text, a field of the wrong type) throws an
 * InputError naming the file and line, or is reported to `onBadPart` and skipped. A `url` that is not
 * http/https is dropped with a warning (it is shown as a link in the viewer); a `date` zhkg refuses
 * (before 1949, in the future, not a date) is dropped with a warning and the text's own date signals
 * are used instead.
 */
import type { DocMeta } from '../types.js';
import { InputError } from '../errors.js';
import { decodeBytes } from '../text/decode.js';
import { parseDate } from '../text/dates.js';
import type { Reader } from './reader.js';
import { httpUrl } from './url.js';

/** The record fields zhkg reads, and the JSON key each is read from by default. */
export const JSONL_FIELDS = ['text', 'title', 'date', 'url', 'source'] as const;
export type JsonlField = (typeof JSONL_FIELDS)[number];

/** Parses `text=content` style mappings; throws RangeError on an unknown field or an empty name. */
export function parseFieldMapping(specs: readonly string[]): Partial<Record<JsonlField, string>> {
  const out: Partial<Record<JsonlField, string>> = {};
  for (const spec of specs) {
    const m = /^([a-z]+)=(.+)$/.exec(spec.trim());
    if (!m || !(JSONL_FIELDS as readonly string[]).includes(m[1]!)) {
      throw new RangeError(`--field expects FIELD=NAME with FIELD one of ${JSONL_FIELDS.join(', ')}, got ${JSON.stringify(spec)}`);
    }
    out[m[1] as JsonlField] = m[2]!.trim();
  }
  return out;
}

const preview = (s: string) => (s.length > 40 ? `${JSON.stringify(s.slice(0, 40))}…` : JSON.stringify(s));

export const jsonlReader: Reader = {
  format: 'jsonl',
  extensions: ['.jsonl', '.ndjson'],
  async *read(bytes, path, context) {
    const { encoding, text } = decodeBytes(bytes, path);
    const names: Record<JsonlField, string> = { text: 'text', title: 'title', date: 'date', url: 'url', source: 'source', ...(context.fields ?? {}) };
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i]!.replace(/\r$/, '');
      if (raw.trim() === '') continue;
      const where = `${path}:${i + 1}`;
      const bad = (message: string) => {
        const error = new InputError(message, where);
        if (!context.onBadPart) throw error;
        context.onBadPart(error);
      };
      let record: unknown;
      try {
        record = JSON.parse(raw);
      } catch (err) {
        bad(`not valid JSON (${(err as Error).message.split('\n')[0]})`);
        continue;
      }
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        bad('expected a JSON object per line');
        continue;
      }
      const r = record as Record<string, unknown>;
      const body = r[names.text];
      if (typeof body !== 'string' || body.trim() === '') {
        bad(`no text: the field "${names.text}" must be a non-empty string${names.text === 'text' ? ' (map another name with --field text=NAME)' : ''}`);
        continue;
      }
      const wrong = (['title', 'date', 'url', 'source'] as const).find(
        (f) => r[names[f]] !== undefined && r[names[f]] !== null && typeof r[names[f]] !== 'string',
      );
      if (wrong) {
        bad(`the field "${names[wrong]}" must be a string`);
        continue;
      }
      const str = (f: JsonlField) => {
        const v = r[names[f]];
        return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
      };
      const meta: DocMeta = { single: true };
      const title = str('title');
      if (title) meta.title = title;
      const date = str('date');
      if (date) {
        if (parseDate(date)) meta.date = date;
        else context.onWarning?.(`${where}: date ${preview(date)} refused (not a date from 1949 to today); the text's own date is used if it has one`);
      }
      const url = str('url');
      if (url) {
        const ok = httpUrl(url);
        if (ok) meta.url = ok;
        else context.onWarning?.(`${where}: url ${preview(url)} dropped (only http and https links are kept)`);
      }
      const source = str('source');
      if (source) meta.publisher = source;
      yield { path, encoding, text: body, meta };
    }
  },
};
