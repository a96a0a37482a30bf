import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as fsp from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/export/index.js';
import { writeFileAtomicWith, writeSynced, type AtomicWriteFs } from '../../src/export/write.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zhkg-write-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** node:fs/promises with one step made to fail, as a full disk or a dying process would. */
function failing(step: 'write' | 'sync' | 'rename'): AtomicWriteFs {
  return {
    open: async (...args: Parameters<typeof fsp.open>) => {
      const handle = await fsp.open(...args);
      if (step === 'write') {
        // Write part of the data first, so that a non-atomic writer would leave a torn file.
        return Object.assign(handle, {
          writeFile: async (data: string | Uint8Array) => {
            await fsp.appendFile(String(args[0]), typeof data === 'string' ? data.slice(0, 3) : data.slice(0, 3));
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          },
        });
      }
      if (step === 'sync') {
        return Object.assign(handle, {
          sync: async () => {
            throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
          },
        });
      }
      return handle;
    },
    rename: async (...args: Parameters<typeof fsp.rename>) => {
      if (step === 'rename') throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
      return fsp.rename(...args);
    },
    unlink: fsp.unlink,
  };
}

describe('writeFileAtomic', () => {
  it('writes strings and bytes, replaces an existing file, leaves no temporary file', async () => {
    const path = join(dir, 'graph.gexf');
    await writeFileAtomic(path, '第一版');
    expect(await readFile(path, 'utf8')).toBe('第一版');
    await writeFileAtomic(path, new Uint8Array([0x61, 0x62]));
    expect(await readFile(path, 'utf8')).toBe('ab');
    expect(await readdir(dir)).toEqual(['graph.gexf']);
  });

  for (const step of ['write', 'sync', 'rename'] as const) {
    it(`leaves the old file intact and cleans up when the ${step} step fails`, async () => {
      const path = join(dir, 'graph.json');
      await writeFile(path, 'old complete content');
      await expect(writeFileAtomicWith(failing(step), path, 'new content that never lands')).rejects.toThrow(/ENOSPC|EIO|EXDEV/);
      expect(await readFile(path, 'utf8')).toBe('old complete content');
      expect(await readdir(dir)).toEqual(['graph.json']);
    });
  }

  it('fails without touching anything when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'graph.gexf'), 'x')).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('rejects bad arguments', async () => {
    await expect(writeFileAtomic('', 'x')).rejects.toThrow(TypeError);
    await expect(writeFileAtomic(join(dir, 'a'), 42 as unknown as string)).rejects.toThrow(TypeError);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('writeSynced', () => {
  it('asks for the next chunk only when every chunk but the last one given is in the file (a producer may reuse their memory)', async () => {
    const path = join(dir, 'out.bin');
    const chunks = Array.from({ length: 12 }, (_, i) => Buffer.alloc(1 << 16, 0x41 + i));
    const seen: number[] = [];
    async function* produce(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < chunks.length; i++) {
        if (i >= 2) seen.push((await fsp.stat(path)).size);
        yield chunks[i]!;
        await new Promise((resolve) => setImmediate(resolve)); // (a producer that waits: writes may catch up)
      }
    }
    await writeSynced(fsp, path, produce());
    // When chunk i is asked for, chunks 0 … i-2 are written (i-1 may be being written).
    seen.forEach((size, k) => expect(size, `before chunk ${k + 2}`).toBeGreaterThanOrEqual((k + 1) << 16));
    expect((await readFile(path)).equals(Buffer.concat(chunks))).toBe(true);
  });
});
