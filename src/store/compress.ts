/** The stored graph's compression, shared by both engines. */
import { promisify } from 'node:util';
import { constants, gzip as gzipAsync, gzipSync } from 'node:zlib';
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
 * The gzip members of `pieces`, one per ~GZIP_PART_CHARS characters; each decompresses on its own (gunzip reads
 * them back as one text). Level 1: the stored graph is written on every build and read far less often; it is
 * ~2× faster to make than at the default level.
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

const gzip = promisify(gzipAsync);
/** Parts compressed at once on libuv's threads, at most: beyond it, the producer of the chunks waits for them. */
const GZIP_IN_FLIGHT = 4;
/**
 * Output buffer of one compression: a ~1 MB chunk of JSON gives ~0.1 MB at level 1, so one buffer holds it
 * (zlib's 16 kB default returned to this thread and went back to libuv's for each 16 kB of output: ~40 % of the time).
 * The bytes do not depend on it.
 */
const GZIP_OUT_CHUNK = 1 << 18;

/**
 * Chunks of UTF-8 JSON (the graph's, ~1 MB each: src/export/bytes.ts `jsonBytes`) as gzip members at the level of
 * `compressedParts`, one per chunk, each compressed on libuv's threads while the next ones are made on this one.
 */
export class ChunkCompressor {
  private readonly pending: Array<Promise<Buffer>> = [];
  private readonly level = { level: constants.Z_BEST_SPEED, chunkSize: GZIP_OUT_CHUNK };

  /**
   * Starts compressing `chunk`, waiting first while GZIP_IN_FLIGHT are. Returns when it started, with the compression
   * (the chunk is not to be changed until it settles).
   */
  async add(chunk: Uint8Array): Promise<{ compressed: Promise<unknown> }> {
    if (this.pending.length >= GZIP_IN_FLIGHT) await this.pending[this.pending.length - GZIP_IN_FLIGHT];
    const part = gzip(chunk, this.level);
    part.catch(() => undefined); // (awaited in `done`: a failure is thrown there)
    this.pending.push(part);
    return { compressed: part.catch(() => undefined) };
  }

  /** The gzip members of the chunks added (one member of nothing when none was). */
  done(): Promise<Buffer[]> {
    if (this.pending.length === 0) this.pending.push(gzip(Buffer.alloc(0), this.level));
    return Promise.all(this.pending);
  }
}
