/** `fileHash`: the SHA-256 of a file's bytes, read whole or as a stream; a file that cannot be read is refused. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { WHOLE_READ_BYTES, fileHash } from '../../src/store/hash.js';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'zhkg-hash-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('fileHash', () => {
  it('gives the SHA-256 of the bytes, for an empty, a small and a file above the whole-read size', async () => {
    const sizes = [0, 17, WHOLE_READ_BYTES, WHOLE_READ_BYTES + 1, 3 * WHOLE_READ_BYTES + 5];
    for (const [k, size] of sizes.entries()) {
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i++) bytes[i] = (i * 31 + k) & 0xff;
      const path = join(tmp, `f${k}.bin`);
      writeFileSync(path, bytes);
      expect(await fileHash(path)).toBe(sha(bytes));
    }
  });

  it('refuses a missing file and a folder', async () => {
    await expect(fileHash(join(tmp, 'none.txt'))).rejects.toThrow(/ENOENT/);
    await expect(fileHash(tmp)).rejects.toThrow(/EISDIR/);
  });
});
