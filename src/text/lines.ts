/**
 * Lines of a stream of bytes (standard input), decoded like a file and yielded as they arrive: the
 * encoding is detected on the first block (up to 64 KiB, or the first line if it comes alone; BOM,
 * UTF-16, GB18030, binary refused), line breaks are LF,
 * CRLF or CR alone, and a line that is not in the detected encoding, holds NUL bytes or passes the size
 * limit stops the stream with an InputError naming the line — never garbled silently.
 */
import iconv from 'iconv-lite';
import { InputError } from '../errors.js';
import { BOMS, clearlyUtf8, decodeBytes, tryUtf8 } from './decode.js';
import { MAX_FILE_BYTES } from './read.js';

/** Bytes read before the encoding is decided (or the whole input, when shorter). */
const SNIFF_BYTES = 64 * 1024;

/** Splits decoded text into lines: `\r\n`, `\r` and `\n` each end a line; a final break ends no extra line. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/u);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Yields the lines of `stream` as they arrive. `where` names the input in errors (`<stdin>`).
 * @throws InputError for binary data, mixed encodings, NUL bytes or a line above `maxLineBytes`.
 */
export async function* decodedLines(stream: AsyncIterable<Buffer | string>, where = '<stdin>', maxLineBytes = MAX_FILE_BYTES): AsyncGenerator<string> {
  const iterator = stream[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  const nextChunk = async (): Promise<Buffer | undefined> => {
    const next = await iterator.next();
    if (next.done) return undefined;
    return typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
  };
  // Up to SNIFF_BYTES, but no longer than the first complete line: an interactive writer gets each answer
  // before it sends the next line.
  while (headBytes < SNIFF_BYTES) {
    const chunk = await nextChunk();
    if (!chunk) {
      done = true;
      break;
    }
    head.push(chunk);
    headBytes += chunk.length;
    if (chunk.includes(0x0a)) break;
  }
  const first = Buffer.concat(head);
  // Decide on whole lines: a block cut inside a character would look like a bad sequence.
  const cut = done ? first.length : first.lastIndexOf(0x0a) + 1 || first.length;
  const { encoding } = decodeBytes(first.subarray(0, cut), where);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    // Line breaks are two bytes here: decode the stream, then split the text.
    yield* utf16Lines(first, done ? undefined : nextChunk, encoding, where, maxLineBytes);
    return;
  }
  // UTF-8, GB18030 and Big5 never use the bytes of \n and \r inside a character: split the bytes, decode each line.
  const lenient = encoding === 'utf-8' && tryUtf8(first.subarray(0, cut)) === undefined;
  let line = 1;
  const decodeLine = (bytes: Buffer): string => {
    if (line === 1) {
      const bom = BOMS[encoding];
      if (bom && bom.every((b, i) => bytes[i] === b)) bytes = bytes.subarray(bom.length);
    }
    let text: string;
    if (encoding === 'gb18030' || encoding === 'big5') {
      if (clearlyUtf8(bytes))
        throw new InputError(
          `line ${line}: UTF-8 after ${encoding === 'big5' ? 'Big5' : 'GB18030'} lines (mixed encodings); convert the input to one encoding`,
          where,
        );
      text = iconv.decode(bytes, encoding);
    } else if (lenient) {
      text = new TextDecoder('utf-8').decode(bytes);
    } else {
      const strict = tryUtf8(bytes);
      if (strict === undefined)
        throw new InputError(`line ${line}: not valid UTF-8 like the lines before it (mixed encodings?); convert the input to one encoding`, where);
      text = strict;
    }
    if (text.includes('\u0000')) throw new InputError(`line ${line}: binary data (NUL bytes), expected text`, where);
    line++;
    return text;
  };
  let parts: Buffer[] = [];
  let partBytes = 0;
  let afterCR = false; // the last break was \r: a \n right after it belongs to it
  let chunk: Buffer | undefined = first;
  while (chunk) {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b !== 0x0a && b !== 0x0d) continue;
      if (b === 0x0a && afterCR && i === start && partBytes === 0) {
        // the \n of a \r\n split across chunks, or right after the \r
        afterCR = false;
        start = i + 1;
        continue;
      }
      parts.push(chunk.subarray(start, i));
      if (partBytes + i - start > maxLineBytes) throw new InputError(`line ${line}: longer than ${maxLineBytes} bytes`, where);
      yield decodeLine(Buffer.concat(parts));
      parts = [];
      partBytes = 0;
      afterCR = b === 0x0d;
      start = i + 1;
    }
    if (start < chunk.length) {
      parts.push(chunk.subarray(start));
      partBytes += chunk.length - start;
      afterCR = false;
      if (partBytes > maxLineBytes) throw new InputError(`line ${line}: longer than ${maxLineBytes} bytes`, where);
    }
    chunk = done ? undefined : await nextChunk();
  }
  if (partBytes > 0) yield decodeLine(Buffer.concat(parts));
}

async function* utf16Lines(
  first: Buffer,
  nextChunk: (() => Promise<Buffer | undefined>) | undefined,
  encoding: 'utf-16le' | 'utf-16be',
  where: string,
  maxLineBytes: number,
): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  let pending = '';
  let line = 1;
  let chunk: Buffer | undefined = first;
  for (;;) {
    const final = chunk === undefined;
    pending += final ? (decoder.end() ?? '') : decoder.write(chunk!);
    const re = /\r\n|\r|\n/gu;
    let start = 0;
    for (let m = re.exec(pending); m; m = re.exec(pending)) {
      if (m[0] === '\r' && m.index === pending.length - 1 && !final) break; // maybe the first half of \r\n
      const l = pending.slice(start, m.index);
      if (l.includes('\u0000')) throw new InputError(`line ${line}: binary data (NUL bytes), expected text`, where);
      yield l;
      line++;
      start = m.index + m[0].length;
    }
    pending = pending.slice(start);
    if (pending.length * 2 > maxLineBytes) throw new InputError(`line ${line}: longer than ${maxLineBytes} bytes`, where);
    if (final) break;
    chunk = nextChunk ? await nextChunk() : undefined;
  }
  if (pending !== '') yield pending;
}
