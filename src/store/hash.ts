/** Content hash of an input file: SHA-256 of its bytes. */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/**
 * Files up to this size are read in one call; larger ones as a stream, never held whole. A corpus of small files
 * (the 50 MB bench corpus: 5,471 files of 1–20 kB) is hashed ~1.5 times faster that way than all as streams (0.57–1.0
 * against 0.85–1.7 s, 8 at a time, 2 Dec 2026).
 */
export const WHOLE_READ_BYTES = 1 << 20;

export async function fileHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size <= WHOLE_READ_BYTES) hash.update(await file.readFile());
    else for await (const chunk of file.createReadStream({ autoClose: false })) hash.update(chunk as Buffer);
  } finally {
    await file.close();
  }
  return hash.digest('hex');
}
