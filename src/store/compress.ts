/** The stored graph's compression, shared by both engines. */
import { gzipSync } from 'node:zlib';

/** Characters of JSON per gzip member: the text is compressed a part at a time, never held whole. */
const GZIP_PART_CHARS = 1 << 20;

/**
 * Gzip of the joined pieces, as consecutive gzip members of about GZIP_PART_CHARS characters each (gunzip
 * reads them back as one text).
 */
export function compressPieces(pieces: Iterable<string>): Buffer {
  const parts: Buffer[] = [];
  let text = '';
  for (const piece of pieces) {
    text += piece;
    if (text.length >= GZIP_PART_CHARS) {
      parts.push(gzipSync(text));
      text = '';
    }
  }
  if (text.length > 0 || parts.length === 0) parts.push(gzipSync(text));
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}
