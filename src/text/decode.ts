/**
 * Decoding of input bytes: UTF-8 (with or without BOM), UTF-16 LE/BE (BOM, or unmistakable NUL pattern),
 * GB18030 and Big5 (traditional script, Taiwan and Hong Kong). Binary files are refused with a message that
 * says what they look like.
 */
import iconv from 'iconv-lite';
import { InputError } from '../errors.js';

export interface Decoded {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';
  text: string;
}

const MAGIC: Array<[number[], string]> = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an ELF executable'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF file (extract its text first, e.g. with pdftotext)'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (or a .docx/.xlsx file)'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Microsoft Office file'],
];

/** Byte-order marks, stripped from the text they start. */
export const BOMS: Readonly<Record<Decoded['encoding'], readonly number[] | undefined>> = {
  'utf-8': [0xef, 0xbb, 0xbf],
  'utf-16le': [0xff, 0xfe],
  'utf-16be': [0xfe, 0xff],
  gb18030: [0x84, 0x31, 0x95, 0x33],
  big5: undefined,
};

function startsWith(buf: Uint8Array, sig: readonly number[]): boolean {
  return buf.length >= sig.length && sig.every((b, i) => buf[i] === b);
}

/** Share of NUL bytes at even and odd positions in the first 4 KiB: UTF-16 text has them on one side. */
function nulPattern(buf: Uint8Array): { even: number; odd: number; any: boolean } {
  const n = Math.min(buf.length, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (buf[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const half = Math.max(1, n / 2);
  return { even: even / half, odd: odd / half, any: even + odd > 0 };
}

/** Control characters other than tab/newline/CR/form feed: text files have almost none. */
function controlShare(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  const n = Math.min(text.length, 65536);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) bad++;
  }
  return bad / n;
}

/** The legacy encodings a file may declare (an HTML page's charset), as decodeBytes reads them. */
export type LegacyEncoding = 'gb18030' | 'big5';

/**
 * Decodes a text file's bytes. `where` names the file in error messages. `declared` is a legacy encoding
 * the file names itself (an HTML page's charset): bytes that are not UTF-8 are read in it rather than in
 * the one the bytes suggest.
 * @throws InputError for binary data or bytes that are none of the supported encodings.
 */
export function decodeBytes(bytes: Uint8Array, where = '<input>', declared?: LegacyEncoding): Decoded {
  const buf = bytes;
  if (startsWith(buf, BOMS['utf-8']!)) return checked('utf-8', utf8(buf.subarray(3), where), where);
  for (const encoding of ['utf-16le', 'utf-16be', 'gb18030'] as const) {
    const bom = BOMS[encoding]!;
    if (startsWith(buf, bom)) return checked(encoding, iconv.decode(Buffer.from(buf.subarray(bom.length)), encoding), where);
  }
  for (const [sig, what] of MAGIC) {
    if (startsWith(buf, sig)) throw new InputError(`binary file (looks like ${what}), expected plain text`, where);
  }
  const nul = nulPattern(buf);
  if (nul.any) {
    // UTF-16 without BOM: ASCII/Latin text shows NULs on one side only. CJK-only UTF-16 has few NULs and
    // cannot be told from binary without a BOM, so it is refused like binary data.
    if (nul.odd > 0.3 && nul.even < 0.05) return checked('utf-16le', iconv.decode(Buffer.from(buf), 'utf-16le'), where);
    if (nul.even > 0.3 && nul.odd < 0.05) return checked('utf-16be', iconv.decode(Buffer.from(buf), 'utf-16be'), where);
    throw new InputError('binary file (contains NUL bytes), expected plain text in UTF-8, UTF-16, GB18030 or Big5', where);
  }
  const asUtf8 = tryUtf8(buf);
  if (asUtf8 !== undefined) return checked('utf-8', asUtf8, where);
  // UTF-8 with a few bad sequences (an encoded lone surrogate, a truncated character) stays UTF-8, the
  // bad bytes becoming U+FFFD; GB18030 read as UTF-8 fails on most of its characters instead.
  const lenient = new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf);
  if (mostlyValid(lenient)) return checked('utf-8', lenient, where);
  const mixed = mixedLines(buf);
  if (mixed) {
    throw new InputError(
      `mixed encodings: line ${mixed.utf8} is UTF-8, line ${mixed.other} is not (GB18030 or Big5?); convert the file to one encoding`,
      where,
    );
  }
  const legacy = declared ?? legacyEncoding(buf);
  return checked(legacy, iconv.decode(Buffer.from(buf), legacy), where);
}

/** Bytes read to choose between GB18030 and Big5. */
const LEGACY_SAMPLE = 1 << 18;

/**
 * Characters that Chinese text hardly has but that each encoding produces from the other's bytes: GB18030
 * reads Big5's common characters (lead bytes A4–A9) as kana, Greek, Cyrillic and box drawing; Big5 reads
 * GB18030's trail bytes 80–A0 as invalid (U+FFFD) and its punctuation as bopomofo.
 */
function unlikelyCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      c === 0xfffd ||
      (c >= 0x3040 && c <= 0x30ff) ||
      (c >= 0x0370 && c <= 0x04ff) ||
      (c >= 0x3100 && c <= 0x312f) ||
      (c >= 0x2500 && c <= 0x257f) ||
      (c >= 0xe000 && c <= 0xf8ff) ||
      (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c)
    ) {
      n++;
    }
  }
  return n;
}

/** GB18030 or Big5, for bytes that are not UTF-8: Big5 only when it reads clearly better (ties: GB18030). */
function legacyEncoding(buf: Uint8Array): LegacyEncoding {
  const head = Buffer.from(buf.subarray(0, LEGACY_SAMPLE));
  return unlikelyCount(iconv.decode(head, 'big5')) < unlikelyCount(iconv.decode(head, 'gb18030')) ? 'big5' : 'gb18030';
}

/**
 * Lines that are clearly UTF-8 (valid, with at least 3 multi-byte characters) beside lines that are not
 * valid UTF-8: reading the whole as GB18030 would garble the UTF-8 part. GB18030 text almost never forms
 * valid multi-byte UTF-8 over a line. Returns the first line number of each kind, or undefined.
 */
function mixedLines(buf: Uint8Array): { utf8: number; other: number } | undefined {
  let utf8 = 0;
  let other = 0;
  let start = 0;
  for (let n = 1; start < buf.length; n++) {
    let end = buf.indexOf(0x0a, start);
    if (end < 0) end = buf.length;
    const line = buf.subarray(start, end);
    start = end + 1;
    const valid = tryUtf8(line) !== undefined;
    if (valid && utf8Leads(line) >= 3 && !utf8) utf8 = n;
    if (!valid && !other) other = n;
    if (utf8 && other) return { utf8, other };
  }
  return undefined;
}

/** At most 2% replacement characters among non-ASCII ones (GB18030 read as UTF-8: most of them). */
function mostlyValid(text: string): boolean {
  let wide = 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) wide++;
    if (c === 0xfffd) bad++;
  }
  return bad > 0 && bad * 50 <= wide;
}

/** Lead bytes of multi-byte UTF-8 characters. */
function utf8Leads(bytes: Uint8Array): number {
  let wide = 0;
  for (const b of bytes) if (b >= 0xc2 && b <= 0xf4) wide++;
  return wide;
}

/**
 * A line that is "clearly UTF-8": valid, with at least 3 multi-byte characters (GB18030 and Big5 text
 * almost never is). Used to refuse mixed encodings, here for files and in src/text/lines.ts for streams.
 */
export function clearlyUtf8(line: Uint8Array): boolean {
  return utf8Leads(line) >= 3 && tryUtf8(line) !== undefined;
}

/** Strict UTF-8 decoding (no replacement characters); undefined when the bytes are not valid UTF-8. */
export function tryUtf8(buf: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    return undefined;
  }
}

function utf8(buf: Uint8Array, where: string): string {
  const s = tryUtf8(buf);
  if (s === undefined) throw new InputError('invalid UTF-8 after a UTF-8 byte-order mark', where);
  return s;
}

function checked(encoding: Decoded['encoding'], text: string, where: string): Decoded {
  if (controlShare(text) > 0.02) {
    throw new InputError(`binary or undecodable data (read as ${encoding}: too many control or invalid characters)`, where);
  }
  return { encoding, text };
}
