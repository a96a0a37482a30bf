/** Locations of the package's own files, whether running from src/ (tsx, vitest) or dist/src/. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('zhkg: cannot find the package root (package.json beside data/)');
    dir = up;
  }
}

export const packageRoot: string = findPackageRoot();

/** A file under the package's `data/` folder. */
export function dataPath(...parts: string[]): string {
  return resolve(packageRoot, 'data', ...parts);
}
