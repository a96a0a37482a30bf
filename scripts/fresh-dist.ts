/**
 * dist/ — the compiled CLI and the bundled viewer page — as the build of the current sources: `npm run build`
 * when a source is newer than the oldest build output (or one is missing). Used once per `vitest run`
 * (test/setup/dist.ts) and by `npm run bench`, which measures the compiled code (bench/compiled.mjs).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))));
}

/** The oldest build output, or 0 when one is missing. */
function built(): number {
  const outputs = ['dist/src/cli/main.js', 'dist/src/index.js', 'dist/viewer/app.js', 'dist/viewer/index.html', 'dist/viewer/style.css'].map((p) =>
    join(root, p),
  );
  return outputs.every((p) => existsSync(p)) ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : 0;
}

/** Rebuilds dist/ when it is not the build of the current sources; true when it did. */
export function ensureFreshDist(): boolean {
  const sources = ['src', 'viewer', 'scripts/build-viewer.mjs', 'tsconfig.json', 'package.json'].map((p) => join(root, p));
  if (built() >= Math.max(...sources.filter((p) => existsSync(p)).map(newest))) return false;
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return true;
}
