/**
 * `npm run bench` measures the compiled code: bench/compiled.mjs loads src/'s modules from dist/src/ (package.json's
 * bench scripts), in the bench's process and in the worker threads a build starts from a file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

const PROBE = `const url = ${JSON.stringify(pathToFileURL(join(repoRoot, 'src', 'pipeline.js')).href)};
const m = await import(url);
console.log(JSON.stringify({ resolved: import.meta.resolve(url), loaded: typeof m.buildGraphFromPaths }));
`;

/**
 * A worker thread started from a file, as a build starts its extraction workers (src/parallel/pool.ts: from dist/,
 * dist/src/parallel/worker.js): the preload runs in it too, and must let it start.
 */
const WORKER_PROBE = `import { Worker } from 'node:worker_threads';
const worker = new Worker(new URL('./in-worker.mjs', import.meta.url));
worker.on('error', (e) => { console.error('worker failed: ' + e.message); process.exitCode = 1; });
`;
const IN_WORKER = `const url = ${JSON.stringify(pathToFileURL(join(repoRoot, 'dist', 'src', 'pipeline.js')).href)};
const m = await import(url);
console.log(JSON.stringify({ resolved: url, loaded: typeof m.buildGraphFromPaths }));
`;

function probe(imports: string[], entry: 'probe.mjs' | 'worker.mjs' = 'probe.mjs'): { resolved: string; loaded: string } {
  const dir = mkdtempSync(join(tmpdir(), 'zhkg-bench-compiled-'));
  writeFileSync(join(dir, 'probe.mjs'), PROBE);
  writeFileSync(join(dir, 'worker.mjs'), WORKER_PROBE);
  writeFileSync(join(dir, 'in-worker.mjs'), IN_WORKER);
  const file = join(dir, entry);
  const r = spawnSync(process.execPath, [...imports.flatMap((i) => ['--import', i]), file], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as { resolved: string; loaded: string };
}

describe('the benches measure the compiled code', () => {
  it('loads src/ from dist/src/ with bench/compiled.mjs, from the sources through tsx without it', () => {
    const compiled = probe(['tsx', pathToFileURL(join(repoRoot, 'bench', 'compiled.mjs')).href]);
    expect(compiled).toEqual({ resolved: pathToFileURL(join(repoRoot, 'dist', 'src', 'pipeline.js')).href, loaded: 'function' });
    expect(probe(['tsx'])).toEqual({ resolved: pathToFileURL(join(repoRoot, 'src', 'pipeline.ts')).href, loaded: 'function' });
  });

  it('lets a worker thread started from a file run, as a build starts its extraction workers from dist/', () => {
    const compiled = probe(['tsx', pathToFileURL(join(repoRoot, 'bench', 'compiled.mjs')).href], 'worker.mjs');
    expect(compiled).toEqual({ resolved: pathToFileURL(join(repoRoot, 'dist', 'src', 'pipeline.js')).href, loaded: 'function' });
  });

  it('is what every bench script of package.json preloads', () => {
    const scripts = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const benches = Object.entries(scripts).filter(([name]) => name === 'bench' || name.startsWith('bench:'));
    expect(benches.length).toBeGreaterThan(1);
    for (const [, command] of benches) expect(command).toMatch(/^tsx --import \.\/bench\/compiled\.mjs bench\//);
  });
});
