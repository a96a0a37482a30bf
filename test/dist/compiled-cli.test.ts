/**
 * The compiled CLI (what `npm ci` builds and the bin runs) under plain Node ESM resolution, which is
 * stricter than tsx/vitest: a deep import without its `.js` extension works in the tests but not for users.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from '../helpers/cli.js';

const main = resolve(repoRoot, 'dist/src/cli/main.js');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/**
 * Whether the package's `exports` map declares `./sub` (an exact key, or a `*` pattern): Node then resolves
 * the subpath without an extension, as it does for `opencc-js/core`.
 */
function exportedSubpath(specifier: string): boolean {
  const m = /^((?:@[\w-]+\/)?[\w.-]+)\/(.+)$/.exec(specifier);
  if (!m) return false;
  const pkg = join(repoRoot, 'node_modules', m[1]!, 'package.json');
  if (!existsSync(pkg)) return false;
  const exportsMap = (JSON.parse(readFileSync(pkg, 'utf8')) as { exports?: unknown }).exports;
  if (!exportsMap || typeof exportsMap !== 'object') return false;
  const sub = `./${m[2]!}`;
  return Object.keys(exportsMap).some((key) => {
    const star = key.indexOf('*');
    if (star < 0) return key === sub;
    return sub.length > star && sub.startsWith(key.slice(0, star)) && sub.endsWith(key.slice(star + 1));
  });
}

describe('compiled CLI', () => {
  it('imports packages by subpath only with a file extension (or as the package exports it)', () => {
    const bad: string[] = [];
    for (const f of sourceFiles(resolve(repoRoot, 'src'))) {
      for (const line of readFileSync(f, 'utf8').split('\n')) {
        if (/^import\s+type\b/.test(line)) continue;
        const m = /from\s+'((?:@[\w-]+\/)?[\w-]+\/[^'.][^']*)'/.exec(line);
        if (m && !/\.(c|m)?js$/.test(m[1]!) && !m[1]!.startsWith('node:') && !exportedSubpath(m[1]!)) bad.push(`${f}: ${m[1]}`);
      }
    }
    expect(bad).toEqual([]);
    // the rule still bites: a package without an exports map needs the extension
    expect(exportedSubpath('graphology-layout-forceatlas2/worker')).toBe(false);
    expect(exportedSubpath('opencc-js/core')).toBe(true);
  });

  // Its build of the bundled corpus from dist with plain node is the first cold build of
  // test/startup/cold-build.test.ts (one cold build for both).
  it('loads its subcommands from dist with plain node', () => {
    // dist/ is the build of the current sources: CI's `npm ci` has just built it, the global setup
    // (test/setup/dist.ts) rebuilds it when a source is newer.
    const help = spawnSync(process.execPath, [main, 'query', '--help'], { encoding: 'utf8' });
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('neighbors');
  }, 180_000);
});
