/**
 * Reader selection: by content first (a reader's `sniff` of the first bytes: a PDF called .txt is still a
 * PDF), then by the file name's ending, then plain text.
 */
import { extname } from 'node:path';
import type { SourceDoc } from '../types.js';
import type { ReadContext, Reader } from './reader.js';
import { textReader } from './text.js';
import { jsonlReader } from './jsonl.js';
import { pdfReader } from './pdf.js';
import { htmlReader } from './html.js';

export type { ReadContext, Reader } from './reader.js';

/** All readers; sniffing goes in this order. Plain text is the fallback. */
export const READERS: readonly Reader[] = [pdfReader, htmlReader, jsonlReader, textReader];

const SNIFF_BYTES = 1024;

/** File name endings that folders are searched for (lower case, with the dot). */
function inputExtensions(): string[] {
  return READERS.flatMap((r) => r.extensions);
}

/** Whether a file name is one that folders are searched for. */
export function isInputName(name: string): boolean {
  return inputExtensions().includes(extname(name).toLowerCase());
}

/** The reader for a file: by content, else by name, else plain text. */
export function readerFor(bytes: Uint8Array, path: string): Reader {
  const head = bytes.subarray(0, SNIFF_BYTES);
  const byContent = READERS.find((r) => r.sniff?.(head));
  if (byContent) return byContent;
  const ext = extname(path).toLowerCase();
  return READERS.find((r) => r.extensions.includes(ext)) ?? textReader;
}

/** The documents of one file's bytes, through the reader that fits; each carries its `format`. */
export async function* readDocuments(bytes: Uint8Array, path: string, context: ReadContext = {}): AsyncGenerator<SourceDoc> {
  const reader = readerFor(bytes, path);
  for await (const doc of reader.read(bytes, path, context)) {
    yield { ...doc, format: doc.format ?? reader.format };
  }
}
