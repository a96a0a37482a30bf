/**
 * Atomic file output: the data goes to a temporary file in the target's own folder (same file system,
 * so rename is atomic), is flushed to disk, and then renamed over the target. Readers see either the old
 * file or the complete new one; a failure at any step leaves the old file untouched and removes the
 * temporary file. (A build's folder of outputs is one set, committed by src/export/commit.ts, which uses
 * the flush helpers below.)
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

/**
 * What a file can be written from: the whole text or bytes, or text (UTF-8) or bytes in chunks, written one by one
 * (an async iterable's too: its producer may wait for something else between chunks, src/output.ts).
 */
export type FileData = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/** Creates `path` (which must not exist), writes `data` and flushes it to disk. */
export async function writeSynced(fs: Pick<AtomicWriteFs, 'open'>, path: string, data: FileData): Promise<void> {
  const handle = await fs.open(path, 'wx', 0o644);
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    else {
      // One chunk is written while the next one is made (chunks are made on this thread, written on libuv's). Only
      // one: when the next chunk is asked for, every chunk but the last one given is written, so that a producer
      // may reuse their memory (src/output.ts `recycling`).
      let pending: Promise<void> | undefined;
      const writeAll = async (bytes: Uint8Array): Promise<void> => {
        while (bytes.length > 0) bytes = bytes.subarray((await handle.write(bytes)).bytesWritten);
      };
      try {
        for await (const chunk of data) {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
          if (pending) await pending;
          pending = writeAll(bytes);
          pending.catch(() => undefined); // (awaited below: a failure is thrown there)
        }
      } catch (error) {
        await pending?.catch(() => undefined); // never close the file under a write
        throw error;
      }
      if (pending) await pending;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a folder (makes renames and new entries in it durable); best effort: not every platform can. */
export async function syncDir(fs: Pick<AtomicWriteFs, 'open'>, dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* the data is flushed anyway */
  }
}

/** writeFileAtomic with explicit file-system calls. */
export async function writeFileAtomicWith(fs: AtomicWriteFs, path: string, data: string | Uint8Array): Promise<void> {
  if (typeof path !== 'string' || path === '') throw new TypeError('writeFileAtomic: path must be a non-empty string');
  if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
    throw new TypeError('writeFileAtomic: data must be a string or a Uint8Array');
  }
  // Hidden, unique per call: concurrent writers never share a temporary file. The name does not repeat the
  // target's, so a target name of up to 255 bytes still leaves room for it; the process id lets the next
  // build remove what a killed writer left (src/export/commit.ts).
  const temp = join(dirname(path), `.zhkg-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeSynced(fs, temp, data);
    await fs.rename(temp, path);
  } catch (error) {
    // the temporary name is this call's alone: removing it (or finding nothing) never touches another writer's file
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDir(fs, dirname(path));
}

/** Writes `data` to `path` atomically (temporary file in the same folder, fsync, rename). */
export function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  return writeFileAtomicWith(fsp, path, data);
}
