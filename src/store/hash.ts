/** Content hash of an input file: SHA-256 of its bytes, read as a stream (the file is not held). */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export async function fileHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
