/**
 * Global setup (once per `vitest run`): the model's table cache (src/parallel/model-cache.ts) of every process
 * the tests start goes to a folder of this run, not to the user's ~/.cache/zhkg, and is removed at the end.
 * Tests that test the cache itself name their own folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'zhkg-test-cache-'));
  process.env['ZHKG_CACHE_DIR'] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
