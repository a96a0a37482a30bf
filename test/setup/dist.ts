/**
 * Global setup (once per `vitest run`, before any test file): makes sure dist/ — the compiled CLI and the
 * bundled viewer page — is the build of the current sources. Tests that start the CLI as a child process
 * run the compiled `dist/src/cli/main.js` (a cold `tsx` child pays the TypeScript transform on top of
 * nodejieba's load), and every build that writes the viewer copies dist/viewer/. CI's `npm ci` has just
 * built it (`prepare`), so there this is a check only; after an edit it rebuilds once, here, instead of
 * several test files rebuilding the same folder at the same time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

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

export default function setup(): void {
  const sources = ['src', 'viewer', 'scripts/build-viewer.mjs', 'tsconfig.json', 'package.json'].map((p) => join(root, p));
  if (built() < Math.max(...sources.filter((p) => existsSync(p)).map(newest))) {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}
