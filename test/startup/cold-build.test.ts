/**
 * `zhkg build` as a one-shot process (the compiled CLI) segments on a worker started at once and reads the
 * model's tables and the division index from the cache once a build wrote them (src/parallel/segmenter.ts,
 * model-cache.ts, divisions-cache.ts): the
 * outputs are those of a build that does neither (the same `main` run inside this process), byte for byte.
 *
 * The first child is also the check of the compiled CLI (test/dist/compiled-cli.test.ts): `dist/` under plain
 * Node ESM resolution, stricter than tsx/vitest (a deep import without its `.js` extension works in the tests
 * but not for users), builds the bundled corpus, and its outputs do not depend on where the package lives.
 * One cold build of the bundled corpus serves both (each is seconds of CPU).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distMain, repoRoot, runCliHere } from '../helpers/cli.js';
import { CHILD_NODE_OPTIONS } from '../helpers/child-env.js';

function coldBuild(out: string, cache: string): void {
  const r = spawnSync(process.execPath, [distMain, 'build', '-q', '-o', out], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: CHILD_NODE_OPTIONS, ZHKG_CACHE_DIR: cache },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}

describe('cold zhkg build', () => {
  it('writes the bytes of an in-process build, with the table cache empty and then filled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-cold-'));
    const cache = join(dir, 'cache');
    coldBuild(join(dir, 'first'), cache);
    // the compiled CLI's outputs, from dist/ with plain node (dist/ is the build of the current sources:
    // CI's `npm ci` has just built it, the global setup test/setup/dist.ts rebuilds it when a source is newer)
    for (const f of ['graph.gexf', 'graph.json', 'index.html']) expect(existsSync(join(dir, 'first', f)), f).toBe(true);
    // Outputs must not depend on where the package lives: the bundled corpus goes by data/<file>.
    const gexf = readFileSync(join(dir, 'first', 'graph.gexf'), 'utf8');
    expect(gexf).not.toContain(repoRoot);
    expect(gexf).toContain('data/000_6a6b28fc1a4d90e2.txt');
    const tables = readdirSync(cache).filter((n) => n.startsWith('ner-tables-') || n.startsWith('divisions-'));
    expect(tables.map((n) => n.split('-')[0]).sort()).toEqual(['divisions', 'ner']);
    const written = tables.map((n) => statSync(join(cache, n)));
    coldBuild(join(dir, 'second'), cache);
    // The second build read the files: one that found no usable cache would have written a new one over it.
    const after = tables.map((n) => statSync(join(cache, n)));
    expect(after.map((a) => [a.ino, a.mtimeMs])).toEqual(written.map((w) => [w.ino, w.mtimeMs]));
    const here = await runCliHere(['build', '-q', '-o', join(dir, 'here')]);
    expect(here.code).toBe(0);
    for (const f of ['graph.gexf', 'graph.json', 'graph.js']) {
      const want = readFileSync(join(dir, 'here', f));
      expect(want.length).toBeGreaterThan(1000);
      expect(readFileSync(join(dir, 'first', f)).equals(want)).toBe(true);
      expect(readFileSync(join(dir, 'second', f)).equals(want)).toBe(true);
    }
  });
});
