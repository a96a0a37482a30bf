/**
 * Atomic file output: the data goes to a temporary file in the target's own folder (same file system,
 * so rename is atomic), is flushed to disk, and then renamed over the target. Readers see either the old
 * file or the complete new one; a failure at any step leaves the old file untouched and removes the
 * temporary file.
 */
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The file-system calls the atomic write needs (node:fs/promises by default; tests inject failures). */
export interface AtomicWriteFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  unlink: typeof fsp.unlink;
}

/** A file written and flushed under a temporary name, waiting to be renamed over its target. */
export interface StagedFile {
  path: string;
  /** Renames the temporary file over `path` (atomic), then makes the rename durable where possible. */
  commit(): Promise<void>;
  /** Removes the temporary file (the target stays as it was). */
  discard(): Promise<void>;
}

/**
 * First half of an atomic write: `data` goes to a temporary file beside `path` and is flushed. Callers
 * that write several files stage them all, then commit, so that a failure before the commits leaves every
 * target untouched, while only one file's data has to be held in memory at a time.
 */
export async function stageFileWith(fs: AtomicWriteFs, path: string, data: string | Uint8Array): Promise<StagedFile> {
  if (typeof path !== 'string' || path === '') throw new TypeError('writeFileAtomic: path must be a non-empty string');
  if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
    throw new TypeError('writeFileAtomic: data must be a string or a Uint8Array');
  }
  // Hidden, unique per call: concurrent writers never share a temporary file. The name does not repeat the
  // target's, so a target name of up to 255 bytes still leaves room for it; the process id lets the next
  // build remove what a killed writer left (src/export/commit.ts).
  const temp = join(dirname(path), `.zhkg-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
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
  } catch (error) {
    if (created) await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  let pending = true;
  const discard = async () => {
    if (!pending) return;
    pending = false;
    await fs.unlink(temp).catch(() => undefined);
  };
  return {
    path,
    discard,
    async commit() {
      try {
        await fs.rename(temp, path);
        pending = false;
      } catch (error) {
        await discard();
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
    },
  };
}

/** writeFileAtomic with explicit file-system calls. */
export async function writeFileAtomicWith(fs: AtomicWriteFs, path: string, data: string | Uint8Array): Promise<void> {
  const staged = await stageFileWith(fs, path, data);
  await staged.commit();
}

/** Stages a file for an atomic write (see stageFileWith). */
export function stageFile(path: string, data: string | Uint8Array): Promise<StagedFile> {
  return stageFileWith(fsp, path, data);
}

/** Writes `data` to `path` atomically (temporary file in the same folder, fsync, rename). */
export function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  return writeFileAtomicWith(fsp, path, data);
}
