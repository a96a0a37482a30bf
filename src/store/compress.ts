/** The stored graph's compression, shared by both engines. */
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import type { GraphToSave } from './types.js';

/** Characters of JSON per gzip member: the text is compressed a part at a time, never held whole. */
const GZIP_PART_CHARS = 1 << 20;

/**
 * The stored bytes of a graph to save: its compressed JSON as given, or its JSON compressed here, as
 * consecutive gzip members of about GZIP_PART_CHARS characters each (gunzip reads them back as one text).
 */
export function graphBlob(graph: GraphToSave): Buffer {
  const parts = 'gzip' in graph ? graph.gzip : compressedParts(typeof graph.json === 'string' ? [graph.json] : graph.json);
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/**
 * The gzip members of `compressPieces`, one per ~GZIP_PART_CHARS characters; each decompresses on its own
 * (`decompressedParts`), so the text can be written back a part at a time. Level 1: the stored graph is
 * written on every build and read far less often; it is ~2× faster to make than at the default level.
 */
export function compressedParts(pieces: Iterable<string>): Buffer[] {
  const parts: Buffer[] = [];
  let text = '';
  const level = { level: constants.Z_BEST_SPEED };
  for (const piece of pieces) {
    text += piece;
    if (text.length >= GZIP_PART_CHARS) {
      parts.push(gzipSync(text, level));
      text = '';
    }
  }
  if (text.length > 0 || parts.length === 0) parts.push(gzipSync(text, level));
  return parts;
}

/** The UTF-8 bytes of each member of `compressedParts`, one at a time (joined: the text compressed). */
export function* decompressedParts(parts: readonly Buffer[]): Generator<Buffer> {
  for (const p of parts) yield gunzipSync(p);
}
