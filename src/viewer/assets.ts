/** Where the built viewer page lives: dist/viewer/ (written by scripts/build-viewer.mjs via `npm run build`). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';

export const VIEWER_FILES = ['app.js', 'index.html', 'style.css'] as const;

/** The folder holding the built page; throws with the fix when it has not been built. */
export function viewerAssetsDir(dir: string = join(packageRoot, 'dist', 'viewer')): string {
  for (const f of VIEWER_FILES) {
    if (!existsSync(join(dir, f))) {
      throw new Error(`viewer page not built (${join(dir, f)} missing): run \`npm run build\``);
    }
  }
  return dir;
}
