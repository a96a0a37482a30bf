/** The stored graph's compression, shared by both engines. */
import { promisify } from 'node:util';
import { constants, gzip as gzipAsync, gunzipSync, gzipSync } from 'node:zlib';
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

const gzip = promisify(gzipAsync);
/** Parts compressed at once on libuv's threads, at most: beyond it, the producer of the chunks waits for them. */
const GZIP_IN_FLIGHT = 4;

/**
 * Chunks of UTF-8 JSON (the graph's, ~1 MB each: src/export/bytes.ts `jsonBytes`) as gzip members at the level of
 * `compressedParts`, one per chunk: each chunk is compressed on libuv's threads while the next ones are made on this one.
 */
export async function compressedChunks(chunks: Iterable<Uint8Array>): Promise<Buffer[]> {
  const parts: Array<Promise<Buffer>> = [];
  const level = { level: constants.Z_BEST_SPEED };
  for (const chunk of chunks) {
    if (parts.length >= GZIP_IN_FLIGHT) await parts[parts.length - GZIP_IN_FLIGHT];
    const part = gzip(chunk, level);
    part.catch(() => undefined); // (awaited below: a failure is thrown there)
    parts.push(part);
  }
  if (parts.length === 0) parts.push(gzip(Buffer.alloc(0), level));
  return Promise.all(parts);
}
