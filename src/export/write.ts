/**
 * Atomic file output: the data goes to a temporary file in the target's own folder (same file system,
 * so rename is atomic), is flushed to disk, and then renamed over the target. Readers see either the old
 * file or the complete new one; a failure at any step leaves the old file untouched and removes the
 * temporary file.
 */
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file-system calls the atomic write needs (node:fs/promises by default; tests inject failures). */
export interface AtomicWriteFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  unlink: typeof fsp.unlink;
}

/** writeFileAtomic with explicit file-system calls. */
export async function writeFileAtomicWith(fs: AtomicWriteFs, path: string, data: string | Uint8Array): Promise<void> {
  if (typeof path !== 'string' || path === '') throw new TypeError('writeFileAtomic: path must be a non-empty string');
  if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
    throw new TypeError('writeFileAtomic: data must be a string or a Uint8Array');
  }
  // Hidden, unique per call: concurrent writers never share a temporary file.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const handle = await fs.open(temp, 'wx', 0o644);
    created = true;
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path);
    created = false;
  } catch (error) {
    if (created) await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  // Make the rename itself durable; not every platform can fsync a folder, and the data is safe anyway.
  try {
    const dir = await fs.open(dirname(path), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    /* best effort */
  }
}

/** Writes `data` to `path` atomically (temporary file in the same folder, fsync, rename). */
export function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  return writeFileAtomicWith(fsp, path, data);
}
